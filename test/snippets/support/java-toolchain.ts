// The Java toolchain of the snippet tests: a Maven project in .tools/snippets/java/project
// (pom from test/snippets/java/pom.xml.tmpl, where the official SDK and every plugin are
// pinned) with its own local repository in .tools/snippets/java/m2. The first run downloads
// from Maven Central; later runs build offline from that repository. javac runs with
// -Xlint:all -Werror, so a warning fails the build. A missing java, javac or mvn, or a
// Maven Central that cannot be reached on a cold repository, fails loudly: never a skip.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SNIPPET_VARIANTS, type SnippetVariant } from '../../../src/core/snippets/types';

const execFileAsync = promisify(execFile);

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const javaToolsDir = path.join(repoRoot, '.tools', 'snippets', 'java');
export const JAVA_PROJECT_DIR = path.join(javaToolsDir, 'project');
export const JAVA_SNIPPET_DIR = path.join(repoRoot, 'test', 'snippets', 'java');
const localRepository = path.join(javaToolsDir, 'm2');
/** Written after a build that resolved everything online: the pom it was for. */
const warmStamp = path.join(javaToolsDir, 'warm-for-pom.sha256');
const classpathFile = path.join(JAVA_PROJECT_DIR, 'target', 'classpath.txt');
const MINIMUM_JAVA = 17;

export interface JavaBuild {
  javaVersion: string;
  sdkVersion: string;
  /** Runs the driver: `java` plus these arguments. */
  javaArgs: string[];
  /** Whether this build ran offline from a warm local repository. */
  offline: boolean;
  /** The pom compiles with -Xlint:all -Werror, so the build passing means no warning. */
  lintFlags: boolean;
  output: string;
}

class ToolchainError extends Error {
  constructor(message: string) {
    super(`Java toolchain for the snippet tests: ${message}`);
    this.name = 'ToolchainError';
  }
}

const INSTALL_HINT: Record<string, string> = {
  java: `install a JDK ${MINIMUM_JAVA} or newer (Debian: apt-get install openjdk-17-jdk-headless)`,
  javac: `install a JDK ${MINIMUM_JAVA} or newer, not only a JRE (Debian: apt-get install openjdk-17-jdk-headless)`,
  mvn: 'install Maven 3.6 or newer (Debian: apt-get install maven)',
};

async function run(file: string, args: string[], timeoutMs: number, cwd = repoRoot): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(file, args, { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string; killed?: boolean };
    if (failure.code === 'ENOENT') throw new ToolchainError(`\`${file}\` was not found on PATH; ${INSTALL_HINT[file] ?? 'install it'}`);
    const wrapped = new ToolchainError(`\`${file} ${args.join(' ')}\` failed${failure.killed ? ' (timed out)' : ''}: ${failure.message.split('\n')[0]}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    throw Object.assign(wrapped, { output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` });
  }
}

/** `java -version` and `javac -version` print to stderr, e.g. `openjdk version "17.0.15"` and `javac 17.0.15`. */
async function jdkVersion(): Promise<string> {
  const java = await run('java', ['-version'], 30_000);
  const javac = await run('javac', ['-version'], 30_000);
  const version = /version "([^"]+)"/.exec(java.stderr + java.stdout)?.[1];
  const javacVersion = /javac (\S+)/.exec(javac.stderr + javac.stdout)?.[1];
  if (!version || !javacVersion) throw new ToolchainError(`cannot read the JDK version from: ${java.stderr}${javac.stderr}${javac.stdout}`);
  for (const v of [version, javacVersion]) {
    if (Number(v.split(/[.+-]/)[0]) < MINIMUM_JAVA) throw new ToolchainError(`Java ${v} is too old; the snippets and the SDK need Java ${MINIMUM_JAVA} or newer`);
  }
  await run('mvn', ['-B', '-v'], 60_000);
  return version;
}

function pinnedSdkVersion(pom: string): string {
  const match = /<artifactId>anthropic-java<\/artifactId>\s*<version>(\d+\.\d+\.\d+)<\/version>/.exec(pom);
  if (!match) throw new ToolchainError('test/snippets/java/pom.xml.tmpl does not pin com.anthropic:anthropic-java to an exact version');
  return match[1]!;
}

/** Writes a file only when its content changed, so Maven's incremental build can skip unchanged sources. */
function writeIfChanged(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  writeFileSync(file, content);
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

async function maven(offline: boolean): Promise<string> {
  const args = [
    '-B',
    '--no-transfer-progress',
    ...(offline ? ['-o'] : []),
    `-Dmaven.repo.local=${localRepository}`,
    'compile',
    'dependency:build-classpath',
    `-Dmdep.outputFile=${classpathFile}`,
  ];
  const { stdout, stderr } = await run('mvn', args, 900_000, JAVA_PROJECT_DIR);
  return stdout + stderr;
}

/**
 * Lays out the project (pom, the driver, and `sources`: path under src/main/java ->
 * content) and compiles it with -Xlint:all -Werror; returns how to run the driver.
 */
export async function buildJavaProject(sources: Record<string, string>): Promise<JavaBuild> {
  const javaVersion = await jdkVersion();
  const pom = readFileSync(path.join(JAVA_SNIPPET_DIR, 'pom.xml.tmpl'), 'utf8');
  const sdkVersion = pinnedSdkVersion(pom);
  const files: Record<string, string> = {
    'snippetdriver/Driver.java': readFileSync(path.join(JAVA_SNIPPET_DIR, 'Driver.java'), 'utf8'),
    ...sources,
  };
  const sourceRoot = path.join(JAVA_PROJECT_DIR, 'src', 'main', 'java');
  const wanted = new Set(Object.keys(files).map((name) => path.join(sourceRoot, name)));
  for (const stale of listFiles(sourceRoot).filter((file) => !wanted.has(file))) rmSync(stale);
  writeIfChanged(path.join(JAVA_PROJECT_DIR, 'pom.xml'), pom);
  for (const [name, content] of Object.entries(files)) writeIfChanged(path.join(sourceRoot, name), content);

  // Offline when this pom was already resolved into the local repository: no network, and faster.
  const pomHash = createHash('sha256').update(pom).digest('hex');
  const warm = existsSync(warmStamp) && readFileSync(warmStamp, 'utf8').trim() === pomHash;
  let output: string;
  let offline = warm;
  try {
    output = await maven(warm);
  } catch (error) {
    const failureOutput = (error as { output?: string }).output ?? '';
    const compileFailure = /COMPILATION ERROR|warnings found and -Werror specified/.test(failureOutput);
    if (!warm || compileFailure) {
      if (/Could not transfer|Could not resolve|Unknown host|Connection refused|timed out/i.test(failureOutput)) {
        (error as Error).message += '\nMaven Central could not be reached: the first run needs it to download the SDK and the plugins.';
      }
      throw error;
    }
    // The local repository lacks something after all: resolve online once.
    offline = false;
    output = await maven(false);
  }
  if (!offline) {
    mkdirSync(javaToolsDir, { recursive: true });
    writeFileSync(warmStamp, `${pomHash}\n`);
  }
  const classpath = [path.join(JAVA_PROJECT_DIR, 'target', 'classes'), readFileSync(classpathFile, 'utf8').trim()].join(path.delimiter);
  // One short-lived JVM per suite: the client compiler alone starts faster on a small machine.
  const javaArgs = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', classpath, 'snippetdriver.Driver'];
  const lintFlags = /<arg>-Xlint:all<\/arg>\s*<arg>-Werror<\/arg>/.test(pom) && /<failOnWarning>true<\/failOnWarning>/.test(pom);
  return { javaVersion, sdkVersion, javaArgs, offline, lintFlags, output };
}

/** The environment the driver runs in: the simulator's address and the key, nothing else of ours. */
export function javaDriverEnv(simUrl: string, apiKey: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ANTHROPIC_BASE_URL: simUrl, ANTHROPIC_API_KEY: apiKey, NO_PROXY: '*' };
}

const PACKAGE_LINE = 'package claude.retry;\n';

/**
 * All four variants are a class ClaudeRetry in package claude.retry; to build them side by
 * side, each gets a sub-package (claude.retry.basic, ...), the only line that differs from
 * what a user gets.
 */
export function javaSources(rendered: Record<SnippetVariant, string>): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const variant of SNIPPET_VARIANTS) {
    const code = rendered[variant];
    if (!code.startsWith(PACKAGE_LINE)) throw new Error(`the ${variant} template must start with "${PACKAGE_LINE.trim()}"`);
    sources[`claude/retry/${variant.replace('-', '')}/ClaudeRetry.java`] = `package claude.retry.${variant.replace('-', '')};\n${code.slice(PACKAGE_LINE.length)}`;
  }
  return sources;
}

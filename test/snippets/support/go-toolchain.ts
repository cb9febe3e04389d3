// The Go toolchain of the snippet tests: a module in .tools/snippets/go/project that
// requires the official SDK at the version pinned in test/snippets/go/go.mod.tmpl (with
// its go.sum), and its own module and build caches beside it, so the first run downloads
// from the Go module proxy once and later runs build from the caches. A missing `go`, or
// a proxy that cannot be reached on a cold cache, fails loudly: never a skip.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type SnippetVariant } from '../../../src/core/snippets/types';

const execFileAsync = promisify(execFile);

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const goToolsDir = path.join(repoRoot, '.tools', 'snippets', 'go');
export const GO_PROJECT_DIR = path.join(goToolsDir, 'project');
export const GO_SNIPPET_DIR = path.join(repoRoot, 'test', 'snippets', 'go');
const SDK_MODULE = 'github.com/anthropics/anthropic-sdk-go';
/** The SDK's go.mod asks for 1.24; math/rand/v2 and range-over-int need 1.22. */
const MINIMUM_GO: [number, number] = [1, 24];

export interface CheckResult {
  ok: boolean;
  output: string;
}

export interface GoBuild {
  goVersion: string;
  sdkVersion: string;
  /** The built driver program. */
  driver: string;
  vet: CheckResult;
  /** `gofmt -l`: ok when it lists no file. */
  gofmt: CheckResult;
}

class ToolchainError extends Error {
  constructor(message: string) {
    super(`Go toolchain for the snippet tests: ${message}`);
    this.name = 'ToolchainError';
  }
}

/**
 * The environment of every go command: caches under .tools, no toolchain download (a
 * missing Go must be installed, not fetched), no VCS stamping in a git work tree.
 */
function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOMODCACHE: path.join(goToolsDir, 'mod-cache'),
    GOCACHE: path.join(goToolsDir, 'build-cache'),
    GOFLAGS: '-modcacherw -buildvcs=false -mod=readonly',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    CGO_ENABLED: '0',
  };
}

async function go(args: string[], timeoutMs: number, cwd = GO_PROJECT_DIR): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync('go', args, { cwd, env: goEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string; killed?: boolean };
    if (failure.code === 'ENOENT') {
      throw new ToolchainError(`\`go\` was not found on PATH; install Go ${MINIMUM_GO.join('.')} or newer (https://go.dev/dl/, or Debian: apt-get install golang)`);
    }
    const output = `${failure.stderr ?? ''}${failure.stdout ?? ''}`;
    const hint = /proxy\.golang\.org|dial tcp|lookup .* no such host|i\/o timeout|connection refused/i.test(output)
      ? '\nThe Go module proxy could not be reached: the first run needs it to download the SDK (set GOPROXY if you use a mirror).'
      : '';
    throw new ToolchainError(`\`go ${args.join(' ')}\` failed${failure.killed ? ' (timed out)' : ''}: ${failure.message.split('\n')[0]}\n${output}${hint}`);
  }
}

/** A check whose failure is a test result (vet, gofmt), not a broken toolchain. */
async function check(args: string[], timeoutMs: number): Promise<CheckResult> {
  try {
    const { stdout, stderr } = await go(args, timeoutMs);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    return { ok: false, output: (error as Error).message };
  }
}

async function goVersion(): Promise<string> {
  const { stdout } = await go(['env', 'GOVERSION'], 30_000, repoRoot);
  const version = stdout.trim();
  const match = /^go(\d+)\.(\d+)/.exec(version);
  if (!match) throw new ToolchainError(`cannot read the Go version from \`go env GOVERSION\`: ${version}`);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < MINIMUM_GO[0] || (major === MINIMUM_GO[0] && minor < MINIMUM_GO[1])) {
    throw new ToolchainError(`${version} is too old; the SDK needs Go ${MINIMUM_GO.join('.')} or newer`);
  }
  return version;
}

function pinnedSdkVersion(goMod: string): string {
  const match = new RegExp(`^require ${SDK_MODULE.replace(/\./g, '\\.')} (v\\d+\\.\\d+\\.\\d+)$`, 'm').exec(goMod);
  if (!match) throw new ToolchainError(`test/snippets/go/go.mod.tmpl does not pin ${SDK_MODULE} to an exact version`);
  return match[1]!;
}

/** Writes a file only when its content changed, so the build cache sees unchanged inputs as such. */
function writeIfChanged(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  writeFileSync(file, content);
}

/**
 * Lays out the module (go.mod, go.sum, the driver, and `sources`: path inside the
 * module -> content), downloads what is missing, then vets, format-checks and builds it.
 */
export async function buildGoProject(sources: Record<string, string>): Promise<GoBuild> {
  const version = await goVersion();
  const goMod = readFileSync(path.join(GO_SNIPPET_DIR, 'go.mod.tmpl'), 'utf8');
  const sdkVersion = pinnedSdkVersion(goMod);
  const files: Record<string, string> = {
    'go.mod': goMod,
    'go.sum': readFileSync(path.join(GO_SNIPPET_DIR, 'go.sum.tmpl'), 'utf8'),
    'driver/main.go': readFileSync(path.join(GO_SNIPPET_DIR, 'driver', 'main.go'), 'utf8'),
    ...sources,
  };
  // Stale packages from an older layout would be vetted and built too.
  for (const entry of existsSync(GO_PROJECT_DIR) ? readdirSync(GO_PROJECT_DIR) : []) {
    if (entry !== 'bin' && !Object.keys(files).some((name) => name === entry || name.startsWith(`${entry}/`))) {
      rmSync(path.join(GO_PROJECT_DIR, entry), { recursive: true, force: true });
    }
  }
  for (const [name, content] of Object.entries(files)) writeIfChanged(path.join(GO_PROJECT_DIR, name), content);

  // Fast when the module cache is warm; on a cold one this is the only step that needs the proxy.
  await go(['mod', 'download'], 600_000);
  const vet = await check(['vet', './...'], 300_000);
  const gofmt = await gofmtListing();
  const driver = path.join(GO_PROJECT_DIR, 'bin', 'driver');
  await go(['build', '-o', driver, './driver'], 600_000);
  return { goVersion: version, sdkVersion, driver, vet, gofmt };
}

/** `gofmt -l .` lists the files whose formatting differs; none is clean. */
async function gofmtListing(): Promise<CheckResult> {
  // gofmt ships beside go in GOROOT/bin, which need not be on PATH.
  const goroot = (await go(['env', 'GOROOT'], 30_000)).stdout.trim();
  const gofmt = path.join(goroot, 'bin', 'gofmt');
  try {
    const { stdout, stderr } = await execFileAsync(gofmt, ['-l', '.'], { cwd: GO_PROJECT_DIR, env: goEnv(), timeout: 60_000 });
    const listed = stdout.trim();
    return { ok: listed === '' && stderr.trim() === '', output: `${listed}${stderr}` };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new ToolchainError(`${gofmt} was not found: the Go installation is incomplete`);
    return { ok: false, output: `${failure.message}\n${failure.stderr ?? ''}` };
  }
}

/** The environment the driver runs in: the simulator's address and the key, nothing else of ours. */
export function goDriverEnv(simUrl: string, apiKey: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ANTHROPIC_BASE_URL: simUrl, ANTHROPIC_API_KEY: apiKey, NO_PROXY: '*' };
}

/** Each variant as its own package of the driver's module, keeping the snippet's package clause. */
export function goSources(rendered: Record<SnippetVariant, string>): Record<string, string> {
  return {
    'basic/clauderetry.go': rendered.basic,
    'circuitbreaker/clauderetry.go': rendered['circuit-breaker'],
    'fallback/clauderetry.go': rendered.fallback,
    'streaming/clauderetry.go': rendered.streaming,
    'concurrency/clauderetry.go': rendered.concurrency,
  };
}

/** `go test -v` of one package of the project (already built), in `env` and nothing else. */
export async function goTest(pkg: string, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  try {
    const { stdout, stderr } = await execFileAsync('go', ['test', '-count=1', '-v', pkg], {
      cwd: GO_PROJECT_DIR,
      env: { ...env, GOMODCACHE: goEnv().GOMODCACHE, GOCACHE: goEnv().GOCACHE, GOFLAGS: goEnv().GOFLAGS, GOTOOLCHAIN: 'local', GOWORK: 'off', CGO_ENABLED: '0' },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

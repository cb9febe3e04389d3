// The Node toolchain the TypeScript and JavaScript snippets are proven with: a project
// under .tools/snippets/node (git-ignored) holding the official SDK from the npm
// registry and the TypeScript compiler, pinned. Installed once, then reused; any
// trouble fails the suite with the reason, never a skip.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PINNED = {
  '@anthropic-ai/sdk': '1.12.0',
  typescript: '5.9.3',
  // The wrappers use setTimeout, AbortSignal and Headers; a Node project types them with this.
  '@types/node': '20.19.43',
} as const;

const REPO_ROOT = path.resolve(__dirname, '../../..');
export const TOOLCHAIN_DIR = path.join(REPO_ROOT, '.tools/snippets/node');
const STAMP = path.join(TOOLCHAIN_DIR, '.installed.json');
// Held (as a directory, created atomically) while one process installs; others wait for it.
const LOCK = path.join(TOOLCHAIN_DIR, '.install.lock');
const LOCK_STALE_MS = 10 * 60_000;

export interface NodeToolchain {
  dir: string;
  /** The pinned compiler's entry point, run with this Node. */
  tscPath: string;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

function installedVersion(name: string): string | undefined {
  const file = path.join(TOOLCHAIN_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

function isInstalled(): boolean {
  if (!existsSync(STAMP)) return false;
  return Object.entries(PINNED).every(([name, version]) => installedVersion(name) === version);
}

async function install(): Promise<void> {
  const manifest = {
    name: 'claude-health-snippet-toolchain-node',
    private: true,
    // Rendered wrappers are ES modules, as in a current Node project.
    type: 'module',
    dependencies: { '@anthropic-ai/sdk': PINNED['@anthropic-ai/sdk'] },
    devDependencies: { typescript: PINNED.typescript, '@types/node': PINNED['@types/node'] },
  };
  writeFileSync(path.join(TOOLCHAIN_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    await run(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact'], TOOLCHAIN_DIR, 300_000);
  } catch (error) {
    throw new Error(
      `Could not install the Node snippet toolchain (${Object.entries(PINNED).map(([n, v]) => `${n}@${v}`).join(', ')}) into ${TOOLCHAIN_DIR} ` +
        `from the npm registry. Check network access to the registry and npm's configuration.\n${(error as Error).message}`,
    );
  }
  for (const [name, version] of Object.entries(PINNED)) {
    const found = installedVersion(name);
    if (found !== version) throw new Error(`Node snippet toolchain: ${name} is ${found ?? 'missing'} after npm install, expected ${version}`);
  }
  writeFileSync(STAMP, `${JSON.stringify({ pinned: PINNED, installedAt: new Date().toISOString() }, null, 2)}\n`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Installs unless another process is already at it, in which case waits for its result. */
async function installOnce(): Promise<void> {
  mkdirSync(TOOLCHAIN_DIR, { recursive: true });
  const waitUntil = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > waitUntil) throw new Error(`Node snippet toolchain: gave up waiting for another install to finish (${LOCK})`);
      await pause(1_000);
    }
  }
  try {
    if (!isInstalled()) await install();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

let ready: Promise<NodeToolchain> | undefined;

/** The toolchain, installing it on first use (one install per process, however many suites ask). */
export function ensureNodeToolchain(): Promise<NodeToolchain> {
  ready ??= (async () => {
    if (!isInstalled()) await installOnce();
    return { dir: TOOLCHAIN_DIR, tscPath: path.join(TOOLCHAIN_DIR, 'node_modules/typescript/bin/tsc') };
  })();
  return ready;
}

// Runs a real VS Code (code-server 4.x, VS Code served to a browser) for one test
// run or for `npm start`: a fresh user-data-dir and extensions-dir in a temp folder,
// our .vsix installed into them, on 127.0.0.1 only, with an environment built
// from scratch so a developer's real API key can never reach a test by accident.
//
// code-server runs as the leader of its own process group; stop() ends the whole
// group (server, extension host, file watcher, pty host), and so does an exit or
// a signal of this process while a server still runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const toolsDir = path.join(repoRoot, '.tools', 'e2e');

export interface E2eTools {
  /** Node 24, which code-server requires. */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServer: string;
  chromium: string;
}

/** Where scripts/e2e-tools.mjs installed the tools; it writes the stamp file read here. */
export function readE2eTools(): E2eTools {
  const stampFile = path.join(toolsDir, 'stamp.json');
  let stamp: { nodeBinary: string; codeServerEntry: string; chromium: string };
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as typeof stamp;
  } catch {
    throw new Error(`end-to-end tools are not installed (${stampFile} missing): run \`node scripts/e2e-tools.mjs\``);
  }
  const tools = {
    node: path.join(toolsDir, stamp.nodeBinary),
    codeServer: path.join(toolsDir, stamp.codeServerEntry),
    chromium: stamp.chromium,
  };
  for (const [name, file] of Object.entries(tools)) {
    if (!existsSync(file)) throw new Error(`end-to-end tool ${name} missing at ${file}: run \`node scripts/e2e-tools.mjs\``);
  }
  return tools;
}

/**
 * Settings every run gets: no Restricted Mode (it would disable our extension),
 * nothing that reaches out to a gallery, an experiment service or telemetry,
 * and a quiet first window.
 */
export const baseUserSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'npm.fetchOnlinePackageInfo': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // A quiet window for screenshots: no empty chat side bar, no port forwarding of the simulator.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'remote.autoForwardPorts': false,
};

/** An extension gallery on a closed loopback port: nothing asks the internet for extensions. */
const OFFLINE_GALLERY = JSON.stringify({
  serviceUrl: 'http://127.0.0.1:9/gallery',
  itemUrl: 'http://127.0.0.1:9/items',
  resourceUrlTemplate: 'http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}',
  controlUrl: '',
  recommendationsUrl: '',
});

export interface CodeServerOptions {
  /** The packaged extension to install. */
  vsix: string;
  /** The folder the window opens. */
  workspaceFolder: string;
  /** Merged over baseUserSettings into User/settings.json and Machine/settings.json. */
  userSettings?: Record<string, unknown>;
  /**
   * Variables for the server and so the extension host, on top of PATH, HOME
   * and LANG. Nothing else is inherited: a key is there only if given here.
   */
  env?: Record<string, string>;
  /** 0 (default): a free port chosen by code-server. */
  port?: number;
  /** Every line code-server prints, as it comes. */
  onOutput?: (line: string) => void;
  /** Bound on install + start + first healthy answer. */
  startTimeoutMs?: number;
  /** Parent folder for the run's temp folder (default: the OS temp dir). */
  tempRoot?: string;
  /** The display language (code-server --locale), e.g. "zh-cn"; default code-server's own (English). */
  locale?: string;
}

export interface RunningCodeServer {
  /** The workbench, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly port: number;
  /** Holds user-data, extensions and HOME; removed by stop(). */
  readonly dataDir: string;
  /** Settles when the code-server process ends, whoever ended it. */
  readonly exited: Promise<void>;
  /** The last lines code-server printed, for failure messages. */
  recentOutput(): string;
  /** Ends code-server and every process it started, then removes dataDir. */
  stop(): Promise<void>;
}

const running = new Set<RunningServer>();
/**
 * Process groups spawned and not yet seen gone, from the moment of spawn: a
 * server still installing or starting is ended on exit too.
 */
const liveGroups = new Set<number>();

function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Its own process group (detached), so one signal reaches every process it starts.
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const group = child.pid;
  if (group !== undefined) {
    liveGroups.add(group);
    child.once('exit', () => {
      if (!groupAlive(group)) liveGroups.delete(group);
    });
  }
  return child;
}

class RunningServer implements RunningCodeServer {
  private stopping: Promise<void> | undefined;
  readonly exited: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    private readonly output: OutputTail,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    running.add(this);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  recentOutput(): string {
    return this.output.text();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    const group = this.child.pid;
    if (group !== undefined) {
      signalGroup(group, 'SIGTERM');
      // The server goes first; its children (extension host, watchers) may outlive it for a moment.
      const gone = await waitFor(() => !groupAlive(group), 8000);
      if (!gone) {
        signalGroup(group, 'SIGKILL');
        await waitFor(() => !groupAlive(group), 5000);
      }
      if (!groupAlive(group)) liveGroups.delete(group);
    }
    await Promise.race([this.exited, delay(2000)]);
    running.delete(this);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Last resort on process exit: synchronous, no waiting. */
  killNow(): void {
    if (this.child.pid !== undefined) signalGroup(this.child.pid, 'SIGKILL');
    try {
      rmSync(this.dataDir, { recursive: true, force: true });
    } catch {
      // A killed process may still be closing files in it; the OS temp dir is cleaned eventually.
    }
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await delay(50);
  }
  return condition();
}

/** Keeps the last lines a process printed. */
class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly onLine: ((line: string) => void) | undefined, private readonly keep = 200) {}

  push(chunk: Buffer): string[] {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.keep) this.lines.shift();
      this.onLine?.(line);
    }
    return parts;
  }

  text(): string {
    return [...this.lines, this.partial].join('\n').trim();
  }
}

let exitHooksInstalled = false;

/**
 * Ends every server still running when this process ends, whatever the cause.
 * On a signal nobody else handles, servers stop cleanly before the process goes
 * the way the signal meant; a process that handles signals itself (a test
 * runner, `npm start`) decides, and the exit hook is the backstop.
 */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const server of running) server.killNow();
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      void Promise.allSettled([...running].map((server) => server.stop())).then(() => process.kill(process.pid, signal));
    };
    process.on(signal, onSignal);
  }
}

function isolatedEnv(tools: E2eTools, home: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    LANG: 'C.UTF-8',
    EXTENSIONS_GALLERY: OFFLINE_GALLERY,
    ...extra,
  };
}

function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, env);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, deadline: number, output: OutputTail): Promise<void> {
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving:\n${output.text()}`);
    }
    try {
      const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastProblem = `GET /healthz -> ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await delay(200);
  }
  throw new Error(`code-server did not serve ${url} in time (${lastProblem}):\n${output.text()}`);
}

/** Installs the .vsix into fresh folders and starts code-server on 127.0.0.1; resolves once it serves. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const tools = readE2eTools();
  if (!existsSync(options.vsix)) throw new Error(`extension package not found: ${options.vsix}`);
  if (!existsSync(options.workspaceFolder)) throw new Error(`workspace folder not found: ${options.workspaceFolder}`);
  installExitHooks();
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);

  const tempRoot = options.tempRoot ?? tmpdir();
  mkdirSync(tempRoot, { recursive: true });
  const dataDir = mkdtempSync(path.join(tempRoot, 'claude-health-vscode-'));
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const home = path.join(dataDir, 'home');
  for (const dir of [path.join(userDataDir, 'User'), path.join(userDataDir, 'Machine'), extensionsDir, home]) mkdirSync(dir, { recursive: true });
  // code-server is a remote window: settings of scope `machine` (where the key
  // is sent, for one) are read only from the server's Machine settings and
  // ignored in User settings. Both files get the same content.
  const settings = `${JSON.stringify({ ...baseUserSettings, ...options.userSettings }, null, 2)}\n`;
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), settings);
  writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), settings);
  const env = isolatedEnv(tools, home, options.env ?? {});
  const dirArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  try {
    const install = await runToCompletion(
      tools.node,
      [tools.codeServer, ...dirArgs, '--force', '--install-extension', options.vsix],
      env,
      Math.max(deadline - Date.now(), 1000),
    );
    if (install.code !== 0 || !/successfully installed/i.test(install.output)) {
      throw new Error(`installing ${options.vsix} into code-server failed (exit ${install.code}):\n${install.output}`);
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const output = new OutputTail(options.onOutput);
  const child = spawnGroup(
    tools.node,
    [
      tools.codeServer,
      ...dirArgs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(options.locale ? ['--locale', options.locale] : []),
      options.workspaceFolder,
    ],
    env,
  );
  const listening = new Promise<number>((resolve, reject) => {
    const onLine = (chunk: Buffer): void => {
      for (const line of output.push(chunk)) {
        const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        if (match) resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.text()}`)));
    setTimeout(() => reject(new Error(`code-server did not report a listening port in time:\n${output.text()}`)), Math.max(deadline - Date.now(), 1000)).unref();
  });

  let server: RunningServer | undefined;
  try {
    const port = await listening;
    server = new RunningServer(child, port, dataDir, output);
    await waitUntilHealthy(server.url, child, deadline, output);
    return server;
  } catch (error) {
    if (server) await server.stop();
    else {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
    throw error;
  }
}

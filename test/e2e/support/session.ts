// One end-to-end setup: a simulator this process starts, the packaged extension
// in a fresh code-server pointed at it, and Chromium on the workbench. Nothing
// talks to the real Claude endpoints: the settings point at the simulator, the
// key (if any) is a sentinel given explicitly, and diagnostics compare with no
// public resolver.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { SimClient } from '../../support/sim-client';
import { startCodeServer, type RunningCodeServer } from './code-server';
import { launchChromium, Workbench } from './workbench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sampleWorkspace = path.join(repoRoot, 'test', 'fixtures', 'sample-workspace');
/** Screenshots and server output of failed tests (git-ignored). */
export const failureDir = path.join(repoRoot, '.test-output', 'e2e');

/** The status bar item's id, as given to createStatusBarItem. */
export const STATUS_ITEM_ID = 'claudeHealth.status';

/** The packaged extension: the one scripts/e2e.mjs just built, or dist/ when run by hand after `npm run package`. */
export function packagedExtension(): string {
  const vsix = process.env.CLAUDE_HEALTH_E2E_VSIX ?? path.join(repoRoot, 'dist', 'claude-health.vsix');
  if (!existsSync(vsix)) throw new Error(`no packaged extension at ${vsix}: run the layer with \`node scripts/e2e.mjs\` (it packages first)`);
  return vsix;
}

export interface SessionOptions {
  /** Built-in simulator scenario; default 'healthy'. */
  scenario?: string;
  /** If set, the simulator answers 401 to any other key. */
  requiredApiKey?: string;
  /** The whole extra environment of VS Code (e.g. ANTHROPIC_API_KEY); nothing is inherited. */
  env?: Record<string, string>;
  /** Extra user settings, over the simulator's URLs and the short test intervals. */
  settings?: Record<string, unknown>;
  /** VS Code's display language (code-server --locale). */
  locale?: string;
}

export interface Session {
  readonly sim: SimClient;
  readonly server: RunningCodeServer;
  readonly workbench: Workbench;
  /** A copy of the sample workspace the window opened. */
  readonly workspace: string;
  /** Saves a screenshot and code-server's last output under .test-output/e2e/ for a failed test. */
  recordFailure(testTitle: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The window as tests need it: no auto-save (code-server saves after a delay by
 * default), so what a test types stays in the editor and never reaches the
 * workspace copy on disk unless the test saves it.
 */
export const testWindowSettings: Readonly<Record<string, unknown>> = {
  'files.autoSave': 'off',
};

/** Settings that point the extension at the simulator and make it poll fast enough to test. */
export function simulatorSettings(sim: SimClient): Record<string, unknown> {
  return {
    'claudeHealth.apiBaseUrl': sim.sim.apiBaseUrl,
    'claudeHealth.statusPageUrl': sim.sim.statusPageUrl,
    'claudeHealth.probe.intervalSeconds': 5,
    'claudeHealth.statusPage.intervalSeconds': 5,
    'claudeHealth.probe.idleMinutes': 0,
    // Diagnostics compare the system resolver with public ones by default: none here.
    'claudeHealth.diagnostics.dnsServers': [],
  };
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const tempRoot = process.env.CLAUDE_HEALTH_E2E_TMP ?? tmpdir();
  mkdirSync(tempRoot, { recursive: true });
  const workspaceParent = mkdtempSync(path.join(tempRoot, 'workspace-'));
  const workspace = path.join(workspaceParent, 'sample-workspace');
  cpSync(sampleWorkspace, workspace, { recursive: true });

  const cleanups: (() => Promise<void>)[] = [() => Promise.resolve(rmSync(workspaceParent, { recursive: true, force: true }))];
  const close = async (): Promise<void> => {
    // Last started, first stopped; every step runs even if one fails.
    const errors: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => errors.push(error));
    cleanups.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'closing the end-to-end session failed');
  };

  try {
    const sim = await SimClient.start({ scenario: options.scenario ?? 'healthy', requiredApiKey: options.requiredApiKey });
    cleanups.push(() => sim.close());
    const server = await startCodeServer({
      vsix: packagedExtension(),
      workspaceFolder: workspace,
      userSettings: { ...testWindowSettings, ...simulatorSettings(sim), ...options.settings },
      // A closed loopback port as the SDK's fallback base URL: should the
      // settings ever be ignored, probes fail here instead of leaving the machine.
      env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ...options.env },
      tempRoot,
      ...(options.locale ? { locale: options.locale } : {}),
    });
    cleanups.push(() => server.stop());
    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const workbench = await Workbench.open(browser, server.url);

    return {
      sim,
      server,
      workbench,
      workspace,
      close,
      async recordFailure(testTitle: string): Promise<void> {
        mkdirSync(failureDir, { recursive: true });
        const base = path.join(failureDir, testTitle.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80));
        await workbench.page.screenshot({ path: `${base}.png` }).catch(() => undefined);
        writeFileSync(`${base}.code-server.log`, server.recentOutput());
        console.error(`    (failure screenshot and code-server output: ${path.relative(repoRoot, base)}.*)`);
      },
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/**
 * One VS Code for the enclosing describe block: started before its tests, a
 * screenshot and the server log kept for each failed test, closed after.
 * Returns an accessor that fails clearly when the start itself failed.
 */
export function sessionPerSuite(options: SessionOptions = {}): () => Session {
  let session: Session | undefined;
  before(async function () {
    this.timeout(240_000);
    session = await startSession(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await session?.recordFailure(this.currentTest.fullTitle());
  });
  after(async function () {
    this.timeout(60_000);
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the VS Code session did not start; see the before-all hook');
    return session;
  };
}

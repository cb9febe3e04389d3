// claudeHealth.tap.setTerminalBaseUrl in a real VS Code (code-server): while
// the traffic tap runs and the setting is on, a new integrated terminal gets
// ANTHROPIC_BASE_URL pointing at the tap, even when the user's shell profile
// exports its own; with the setting off, or once the tap stops, new terminals
// get the user's own value again. Each terminal writes what it got to a file,
// typed in as a person would.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paletteTitle } from './support/manifest';
import { sessionPerSuite, STATUS_ITEM_ID, type Session } from './support/session';
import { UI_TIMEOUT_MS } from './support/workbench';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-terminal-2c4e6a8b0d1f3579';
/** The user's own ANTHROPIC_BASE_URL, as VS Code's environment has it (a closed loopback port: nothing is sent there). */
const OWN_BASE_URL = 'http://127.0.0.1:9/users-own-relay';
/** What the user's ~/.bashrc exports, late in the test. */
const PROFILE_BASE_URL = 'http://127.0.0.1:9/from-bashrc';
const SETTING = 'claudeHealth.tap.setTerminalBaseUrl';
const TAP_ITEM_ID = 'claudeHealth.trafficTap';
const work = mkdtempSync(path.join(process.env.CLAUDE_HEALTH_E2E_TMP ?? tmpdir(), 'ch-e2e-terminal-'));
let terminals = 0;

/** Whether a connection to `url` is refused (the tap is gone). */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const request = http.get({ host: hostname, port, path: '/', agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Terminals and the traffic tap in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({
    env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: OWN_BASE_URL },
    requiredApiKey: SENTINEL_KEY,
    // The DOM renderer, so the test can see the prompt (no GPU here anyway).
    settings: { [SETTING]: true, 'terminal.integrated.gpuAcceleration': 'off' },
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** Opens a new integrated terminal, has it write its ANTHROPIC_BASE_URL to a file, and returns what it wrote ("unset" when none). */
  async function newTerminalBaseUrl(): Promise<string> {
    const { workbench } = open();
    const out = path.join(work, `terminal-${++terminals}.txt`);
    await workbench.runCommand('Terminal: Create New Terminal');
    const input = workbench.page.locator('.terminal-wrapper.active .xterm-helper-textarea');
    await input.waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    // The shell is ready once it has drawn its prompt.
    await until('the shell prompt', 30_000, async () => ((await workbench.page.locator('.terminal-wrapper.active .xterm-rows').innerText().catch(() => '')).trim() ? true : undefined));
    await input.focus();
    await workbench.page.keyboard.type(`echo "\${ANTHROPIC_BASE_URL-unset}" > ${out}`);
    await workbench.page.keyboard.press('Enter');
    return until(`terminal ${terminals} to write ${out}`, 30_000, () => {
      if (!existsSync(out)) return undefined;
      const text = readFileSync(out, 'utf8');
      return text.endsWith('\n') ? text.trim() : undefined;
    });
  }

  /** Changes the setting where code-server reads machine settings (and the user's, which must not matter), as editing settings.json would. */
  function writeSetting(session: Session, value: boolean): void {
    for (const scope of ['Machine', 'User']) {
      const file = path.join(session.server.dataDir, 'user-data', scope, 'settings.json');
      const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, `${JSON.stringify({ ...settings, [SETTING]: value }, null, 2)}\n`);
    }
  }

  /** The extension's log so far (its output channel's file). */
  function extensionLog(session: Session): string {
    const logs = path.join(session.server.dataDir, 'user-data', 'logs');
    const pending = [logs];
    const texts: string[] = [];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) pending.push(file);
        else if (entry.name.endsWith('Claude Health.log')) texts.push(readFileSync(file, 'utf8'));
      }
    }
    return texts.join('\n');
  }

  /** How often the extension has said so far what new terminals get: the tap's URL (true) or the environment's (false). */
  function announcements(session: Session, tap: boolean): number {
    const pattern = tap ? /terminals: new terminals get ANTHROPIC_BASE_URL=\S+ \(the traffic tap\)/g : /terminals: new terminals get ANTHROPIC_BASE_URL from the environment again/g;
    return extensionLog(session).match(pattern)?.length ?? 0;
  }

  /** Turns the setting on or off while the tap runs, and waits until the extension says what new terminals get now. */
  async function switchSettingWhileTapRuns(session: Session, value: boolean): Promise<void> {
    const before = announcements(session, value);
    writeSetting(session, value);
    await until(`the extension to take the setting ${value ? 'on' : 'off'}`, 30_000, () => (announcements(session, value) > before ? true : undefined));
  }

  async function startTap(session: Session, message: RegExp): Promise<string> {
    const { workbench, sim } = session;
    await workbench.clearNotifications();
    await workbench.runCommand(paletteTitle('claudeHealth.startTrafficTap'));
    const started = await workbench.waitForNotification(/Traffic tap running at/, 30_000);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(started.message)?.[0];
    assert.ok(url, `no tap URL in "${started.message}"`);
    assert.ok(started.message.includes(sim.url), `the tap does not forward to the simulator: "${started.message}"`);
    assert.match(started.message, message);
    await workbench.statusBarItem(TAP_ITEM_ID).waitUntilVisible(UI_TIMEOUT_MS);
    return url;
  }

  async function stopTap(session: Session, url: string): Promise<void> {
    await session.workbench.runCommand(paletteTitle('claudeHealth.stopTrafficTap'));
    await session.workbench.statusBarItem(TAP_ITEM_ID).locator.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await until('the tap to close its port', UI_TIMEOUT_MS, async () => ((await refused(url)) ? true : undefined));
  }

  it('points new terminals at the running tap only while the setting is on, and gives back the user\'s own value', async function () {
    const session = open();
    await session.workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();

    // Setting on, no tap yet: the user's own value.
    assert.equal(await newTerminalBaseUrl(), OWN_BASE_URL);

    // The tap runs: new terminals use it (and the message says open ones need a relaunch).
    const tapUrl = await startTap(session, /New terminals use it; relaunch open terminals/);
    assert.equal(await newTerminalBaseUrl(), tapUrl);

    // The setting goes off while the tap runs: new terminals get the user's own value again.
    await switchSettingWhileTapRuns(session, false);
    assert.equal(await newTerminalBaseUrl(), OWN_BASE_URL);
    await stopTap(session, tapUrl);

    // Started with the setting off: terminals keep the user's value; the message says to set it by hand.
    const offUrl = await startTap(session, /Set ANTHROPIC_BASE_URL to it in your app's environment/);
    assert.equal(await newTerminalBaseUrl(), OWN_BASE_URL);

    // The setting comes on while the tap runs: the next terminal uses the tap.
    await switchSettingWhileTapRuns(session, true);
    assert.equal(await newTerminalBaseUrl(), offUrl);

    // Stopped: the user's own value again, not the dead tap's.
    await stopTap(session, offUrl);
    assert.equal(await newTerminalBaseUrl(), OWN_BASE_URL);

    // The user's shell profile sets its own value: the tap still wins while it runs (VS Code applies
    // the variable again once shell integration starts), and the profile's value is back after Stop.
    writeFileSync(path.join(session.server.dataDir, 'home', '.bashrc'), `export ANTHROPIC_BASE_URL=${PROFILE_BASE_URL}\n`);
    assert.equal(await newTerminalBaseUrl(), PROFILE_BASE_URL, 'the terminal did not read the profile (is its shell bash?)');
    const profileUrl = await startTap(session, /New terminals use it/);
    assert.equal(await newTerminalBaseUrl(), profileUrl);
    await stopTap(session, profileUrl);
    assert.equal(await newTerminalBaseUrl(), PROFILE_BASE_URL);
    assert.ok(!extensionLog(session).includes(SENTINEL_KEY), 'the log holds the API key');
  });
});

// The user's own traffic in a real VS Code: a Claude Code transcript row
// appended while the window runs raises the status bar's 529 count within
// seconds, and a second window on the same shared store adds no probe.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './support/code-server';
import { paletteTitle } from './support/manifest';
import { packagedExtension, sessionPerSuite, simulatorSettings, STATUS_ITEM_ID, testWindowSettings } from './support/session';
import { launchChromium, Workbench } from './support/workbench';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-traffic-5d2c7a9e1f3b4608';
const PROMPT_SENTINEL = 'SENTINEL-PROMPT-e2e-traffic-never-shown';
const work = mkdtempSync(path.join(tmpdir(), 'ch-e2e-traffic-'));
const configDir = path.join(work, 'claude');
const stateDir = path.join(work, 'state');
const transcript = path.join(configDir, 'projects', '-e2e-app', 'session.jsonl');
mkdirSync(path.dirname(transcript), { recursive: true });
writeFileSync(transcript, '');

function count529(text: string): number {
  const match = /529×(\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

function row(extra: Record<string, unknown>): string {
  return `${JSON.stringify({ timestamp: new Date().toISOString(), uuid: Math.random().toString(36).slice(2), ...extra })}\n`;
}

describe('Claude Health with real traffic in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({
    env: { ANTHROPIC_API_KEY: SENTINEL_KEY, CLAUDE_CONFIG_DIR: configDir, CLAUDE_HEALTH_STATE_DIR: stateDir },
    requiredApiKey: SENTINEL_KEY,
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('raises the 529 count within seconds of a Claude Code error row, and shows no transcript text', async function () {
    const { workbench } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await item.waitForText((t) => /^Claude \d/.test(t), 60_000, 'operational');
    const before = count529(await item.text());
    appendFileSync(transcript, row({ type: 'user', message: { role: 'user', content: `${PROMPT_SENTINEL} API Error: 529` } }));
    appendFileSync(
      transcript,
      row({
        type: 'assistant',
        isApiErrorMessage: true,
        message: { model: '<synthetic>', role: 'assistant', content: [{ type: 'text', text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CUe2eTrafficAbcdefghij"}' }] },
      }),
    );
    const appendedAt = Date.now();
    const text = await item.waitForText((t) => count529(t) > before, 20_000, 'the 529 count to rise');
    const tookMs = Date.now() - appendedAt;
    assert.ok(tookMs < 20_000, `took ${tookMs} ms`);
    assert.equal(count529(text), before + 1);
    const tooltip = await item.tooltip();
    assert.ok(tooltip.includes('your traffic: Claude Code 1'), tooltip);
    assert.ok(tooltip.includes('req_011CUe2eTrafficAbcdefghij'), 'the latest real error names its request id');
    assert.ok(!tooltip.includes(PROMPT_SENTINEL), 'the tooltip shows transcript text');
    assert.ok(!tooltip.includes(SENTINEL_KEY), 'the tooltip shows the API key');
  });

  it('with a second window on the same store, the simulator still sees one prober', async function () {
    this.timeout(300_000);
    const { sim, workspace } = open();
    let second: RunningCodeServer | undefined;
    let browser: Browser | undefined;
    try {
      second = await startCodeServer({
        vsix: packagedExtension(),
        workspaceFolder: workspace,
        userSettings: { ...testWindowSettings, ...simulatorSettings(sim) },
        env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: SENTINEL_KEY, CLAUDE_CONFIG_DIR: configDir, CLAUDE_HEALTH_STATE_DIR: stateDir },
      });
      browser = await launchChromium();
      const workbench = await Workbench.open(browser, second.url);
      const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
      // The second window shows the first one's results without probing itself.
      await item.waitForText((t) => /^Claude \d/.test(t), 90_000, 'operational from the shared store');
      const probes = async () => (await sim.requests()).filter((request) => request.path.startsWith('/v1/models'));
      const from = Date.now();
      const before = (await probes()).length;
      // Four 5 s intervals with both windows open.
      while (Date.now() - from < 20_000) await new Promise((resolve) => setTimeout(resolve, 500));
      const during = (await probes()).length - before;
      assert.ok(during >= 2 && during <= 6, `${during} probes in 20 s at a 5 s interval: ${during > 5 ? 'both windows probe' : 'nobody probes'}`);

      // Show Details says which window probes: one says it probes for all, the other that another window does.
      const roles = [];
      for (const window of [open().workbench, workbench]) {
        await window.runCommand(paletteTitle('claudeHealth.showDetails'));
        const labels = await window.quickPickLabels(/^Claude API: /);
        await window.page.keyboard.press('Escape');
        roles.push(labels.find((label) => /window probes/.test(label)) ?? `no line on the prober in: ${labels.join(' | ')}`);
      }
      assert.deepEqual(roles.sort(), [
        'another Claude Health window probes for all windows; its results show here',
        'this window probes the API and reads the status page for every Claude Health window',
      ]);
    } finally {
      await browser?.close();
      await second?.stop();
    }
  });
});

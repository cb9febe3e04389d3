// Show History in a real VS Code (code-server) against the simulator: after a
// storm of 529s, the panel's drawn series and its errors table hold exactly
// the 529s the simulator answered, and the CSV export says the same.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { paletteTitle } from './support/manifest';
import { sessionPerSuite, STATUS_ITEM_ID } from './support/session';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-history-7f3a9c21d4e8b605';
const STORM_529S = 6;

interface DrawnHistory {
  times: number[];
  requests: Record<string, number[]>;
}

type HistoryHook = { claudeHealthHistory: { drawn(): DrawnHistory | undefined; model(): { totals: Record<string, number>; bucketMs: number } | undefined } };

function sum(values: readonly number[] | undefined): number {
  return (values ?? []).reduce((total, value) => total + value, 0);
}

describe('Show History in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({
    env: { ANTHROPIC_API_KEY: SENTINEL_KEY },
    requiredApiKey: SENTINEL_KEY,
    settings: { 'claudeHealth.health.degradeAfter': 1, 'claudeHealth.health.recoverAfter': 1 },
  });

  it('draws the storm\'s 529s exactly as the simulator answered them, and exports them as CSV', async function () {
    const { sim, workbench, workspace } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await item.waitForText((t) => /^Claude \d/.test(t), 60_000, 'operational before the storm');
    await sim.script(Array.from({ length: STORM_529S }, () => ({ kind: 'overloaded' as const })));
    const deadline = Date.now() + 120_000;
    while ((await sim.state()).scriptRemaining > 0) {
      if (Date.now() > deadline) throw new Error('the probes never used up the storm');
      await workbench.runCommand(paletteTitle('claudeHealth.refresh'));
      await workbench.page.waitForTimeout(1000);
    }
    const overloaded = (await sim.requests()).filter((request) => request.status === 529);
    assert.equal(overloaded.length, STORM_529S);

    await workbench.runCommand(paletteTitle('claudeHealth.showHistory'));
    const panel = await workbench.webviewFrame('#requests-chart', 30_000);
    // The display language reaches the page (English here: code-server runs without a language pack).
    assert.equal(await panel.locator('html').getAttribute('lang'), 'en');
    assert.equal(await panel.locator('h1').innerText(), 'Claude API history');
    await panel.waitForFunction((expected) => (globalThis as unknown as HistoryHook).claudeHealthHistory.model()?.totals.overloaded === expected, STORM_529S, { timeout: 30_000 });
    const drawn = await panel.evaluate(() => (globalThis as unknown as HistoryHook).claudeHealthHistory.drawn());
    assert.ok(drawn, 'the panel drew nothing');
    assert.equal(sum(drawn.requests.overloaded), STORM_529S, 'the drawn 529s differ from the simulator\'s');
    assert.ok(sum(drawn.requests.ok) > 0, 'the panel drew no successful probe');
    assert.equal(await panel.locator('#totals li[data-kind="overloaded"]').getAttribute('data-count'), String(STORM_529S));

    // The errors table lists each 529 with the request id the simulator issued.
    const ids = (await panel.locator('#errors-table tr[data-kind="overloaded"] td.mono').allInnerTexts()).map((id) => id.trim());
    assert.deepEqual([...ids].sort(), overloaded.map((request) => request.requestId).sort());

    // The last hour, chosen from the keyboard: the same 529s, in narrower buckets.
    await panel.locator('button.range[data-hours="1"]').focus();
    await workbench.page.keyboard.press('Enter');
    await panel.waitForFunction(() => (globalThis as unknown as HistoryHook).claudeHealthHistory.model()?.bucketMs === 30_000, undefined, { timeout: 15_000 });
    const lastHour = await panel.evaluate(() => (globalThis as unknown as HistoryHook).claudeHealthHistory.drawn());
    assert.equal(sum(lastHour?.requests.overloaded), STORM_529S);
    assert.equal(await panel.locator('button.range[data-hours="1"]').getAttribute('aria-pressed'), 'true');

    await workbench.clearNotifications();
    await workbench.screenshotsInBothThemes('history', panel);

    // Export CSV through the save dialog, and compare with the simulator's log.
    const target = path.join(workspace, 'history-export.csv');
    await panel.locator('#export-csv').click();
    await workbench.answerSaveDialog(target);
    const started = Date.now();
    while (!existsSync(target)) {
      if (Date.now() - started > 30_000) throw new Error('the export wrote no file');
      await workbench.page.waitForTimeout(250);
    }
    const lines = readFileSync(target, 'utf8').trim().split('\r\n');
    assert.equal(lines[0], 'time,source,kind,outcome,http_status,latency_ms,retry_after_s,request_id,model');
    const rows = lines.slice(1).map((line) => line.split(','));
    const exported529 = rows.filter((cells) => cells[3] === 'overloaded');
    assert.deepEqual(exported529.map((cells) => cells[7]).sort(), overloaded.map((request) => request.requestId).sort());
    assert.ok(exported529.every((cells) => cells[1] === 'probe' && cells[4] === '529'));
    assert.ok(!readFileSync(target, 'utf8').includes(SENTINEL_KEY));
    const text = await panel.locator('body').innerText();
    assert.ok(!text.includes(SENTINEL_KEY), 'the history panel shows the API key');
  });
});

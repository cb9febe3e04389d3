// The diagnostics report survives a window reload in a real VS Code
// (code-server): after Developer: Reload Window the same report is back with
// its verdict and rows, Copy as Markdown copies the same Markdown, Run Again
// updates that tab, and nothing VS Code persisted (the browser's storage, the
// server's folders) holds the API key.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Frame } from 'playwright-core';
import { paletteTitle } from './support/manifest';
import { statusPageOutage } from './support/scenarios';
import { sessionPerSuite, STATUS_ITEM_ID } from './support/session';
import { UI_TIMEOUT_MS, type Workbench } from './support/workbench';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-restore-8b2d4f6a1c3e5079';
const REPORT_TAB = 'Claude Health Diagnostics';
/** A finished report (not "running", not the empty one a lost state leaves). */
const FINISHED_VERDICT = '#verdict.tone-fail, #verdict.tone-warn, #verdict.tone-pass';

interface ShownReport {
  verdict: string;
  started: string;
  rows: string[][];
}

async function shownReport(report: Frame): Promise<ShownReport> {
  const rows = await report.locator('#checks tbody tr').evaluateAll((nodes) =>
    nodes.map((node) => Array.from((node as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())),
  );
  return {
    verdict: (await report.locator('#verdict').innerText()).replace(/\s+/g, ' ').trim(),
    started: await report.locator('#started').innerText(),
    rows,
  };
}

async function copyMarkdown(workbench: Workbench, report: Frame): Promise<string> {
  await workbench.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(''));
  await report.locator('#notice').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }).catch(() => undefined);
  await report.locator('button[data-action="copyMarkdown"]').click();
  await report.locator('#notice').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return workbench.clipboardText();
}

/** Every file under `dir` (VS Code's user data, the extension host's HOME) whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  const bytes = Buffer.from(needle, 'utf8');
  const wide = Buffer.from(needle, 'utf16le');
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(file);
      else if (entry.isFile() && statSync(file).size <= 64 * 1024 * 1024) {
        const content = readFileSync(file);
        if (content.includes(bytes) || content.includes(wide)) found.push(path.relative(dir, file));
      }
    }
  }
  return found;
}

describe('The diagnostics report after a window reload in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({ env: { ANTHROPIC_API_KEY: SENTINEL_KEY }, requiredApiKey: SENTINEL_KEY });

  it('comes back with its verdict and rows, copies the same Markdown, runs again in the same tab, and keeps no key', async function () {
    const { sim, workbench, server } = open();
    // The API answers; the status page reports an outage: a failing verdict with a named layer.
    await sim.useScenario(statusPageOutage);
    await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await workbench.runCommand(paletteTitle('claudeHealth.runDiagnostics'));
    await workbench.pickQuickPickItem('Run Connection Diagnostics', 'Run the free checks');
    const report = await workbench.webviewFrame(FINISHED_VERDICT, 60_000);
    const before = await shownReport(report);
    assert.match(before.verdict, /Broken layer: Status page \(status-page\)/);
    assert.ok(before.rows.length >= 10, `the report has ${before.rows.length} rows`);
    const markdownBefore = await copyMarkdown(workbench, report);
    assert.match(markdownBefore, /^\*\*.+\*\*$/m);

    await workbench.reloadWindow();
    const restored = await workbench.webviewFrame(FINISHED_VERDICT, 90_000);
    // The same report, not a new run: same verdict, same start time, same rows.
    assert.deepEqual(await shownReport(restored), before);
    assert.equal(await workbench.page.locator('.tabs-container .tab').filter({ hasText: REPORT_TAB }).count(), 1, 'the reload left other than one report tab');
    assert.deepEqual(await restored.locator('button[data-action]:not([disabled])').allInnerTexts(), ['Copy as Markdown', 'Save as JSON…', 'Run Again', 'Open Settings', 'Open Log']);
    assert.equal(await copyMarkdown(workbench, restored), markdownBefore, 'Copy after the reload gives other Markdown');

    // What VS Code persisted to bring the report back holds it (the check looks in
    // the right place), and nowhere it persists anything is the key.
    const requestId = before.rows.map((cells) => /\breq_[A-Za-z0-9]+/.exec(cells.join(' '))?.[0]).find(Boolean);
    assert.ok(requestId, 'no row of the report shows a request id');
    const stored = await workbench.browserStorageText();
    assert.ok(stored.includes(requestId) || filesContaining(server.dataDir, requestId).length > 0, 'the persisted state holds no report: the key search below looked in the wrong place');
    assert.ok(!stored.includes(SENTINEL_KEY), 'the browser storage holds the API key');
    assert.deepEqual(filesContaining(server.dataDir, SENTINEL_KEY), [], 'files VS Code wrote hold the API key');

    // Run Again after the reload: the same choice of checks (no question), the restored tab updated.
    const requestsBefore = (await sim.requests()).length;
    await restored.locator('button[data-action="runAgain"]').click();
    const again = await workbench.webviewFrame(FINISHED_VERDICT, 60_000);
    // The start line itself: a notice (after Copy) is a muted line above it that a new run leaves in place until it ends.
    await again.locator('#started').filter({ hasNotText: before.started }).waitFor({ timeout: 60_000 });
    assert.ok((await sim.requests()).length > requestsBefore, 'Run Again sent nothing to the simulator');
    assert.equal(await workbench.page.locator('.tabs-container .tab').filter({ hasText: REPORT_TAB }).count(), 1, 'Run Again opened a second report');
    const text = await again.locator('body').innerText();
    assert.ok(!text.includes(SENTINEL_KEY), 'the report shows the API key');
  });
});

// What a person meets beyond the smoke test, in one code-server window against
// the simulator: each state of the status bar with its tooltip, a notification
// on degradation and on recovery, the diagnostics report, and a retry wrapper
// inserted into Python and TypeScript. The simulator switches situations at once
// (inline scenarios, scripted faults); the extension probes every 5 s and
// changes state after one bad or one good result, so each state arrives within
// a probe or two, and Refresh asks for that probe now.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeMarkdown } from '../../src/core/view/markdown';
import { findRecipe, findTemplate } from '../../src/core/snippets/catalog';
import { RECIPE_TABLE } from '../../src/core/snippets/recipe-table';
import { renderCode } from '../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, VARIANT_TABLE, type SnippetLanguage, type SnippetVariant } from '../../src/core/snippets/types';
import { paletteTitle } from './support/manifest';
import { CLAUDE_API_COMPONENT_NAME, MAINTENANCE_NAME, OUTAGE_INCIDENT, statusPageMaintenance, statusPageOutage } from './support/scenarios';
import { sampleWorkspace, sessionPerSuite, STATUS_ITEM_ID } from './support/session';
import { type Frame } from 'playwright-core';
import { type StatusBarItem } from './support/workbench';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-paths-c4d1e8a07b3f9265';
/** Not the default (10): the inserted wrapper must show the value the settings give. */
const WRAPPER_ATTEMPTS = 6;
/** Generous for one probe or status page read at a 5 s interval on a loaded machine. */
const STATE_TIMEOUT_MS = 30_000;

/** Operational shows the latency of the last good probe, then the window's 529/429 counts if any: "Claude 12ms 429×2". */
const OPERATIONAL_TEXT = /^Claude \d+(\.\d+)?m?s( 529×\d+)?( 429×\d+)?$/;

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function count(code: 429 | 529, text: string): number {
  const match = new RegExp(`${code}×(\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}

describe('Claude Health user paths in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({
    env: { ANTHROPIC_API_KEY: SENTINEL_KEY },
    requiredApiKey: SENTINEL_KEY,
    settings: {
      'claudeHealth.notifications': 'all',
      // One result moves the state either way: no waiting out the hysteresis.
      'claudeHealth.health.degradeAfter': 1,
      'claudeHealth.health.recoverAfter': 1,
      'claudeHealth.snippets.maxAttempts': WRAPPER_ATTEMPTS,
      // A relay to compare with, on a loopback port nothing listens on: the report shows it side by side, failing at TCP.
      'claudeHealth.diagnostics.compareEndpoints': [{ name: 'relay', baseUrl: 'http://127.0.0.1:9' }],
    },
  });

  function statusItem(): Promise<StatusBarItem> {
    return open().workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
  }

  /** Probes and reads the status page now, as a person would with Refresh. */
  async function refresh(): Promise<void> {
    // The palette lists the command once the extension has activated, which the status item shows.
    await statusItem();
    await open().workbench.runCommand(paletteTitle('claudeHealth.refresh'));
  }

  /** A healthy simulator, no notification, and an operational status bar, whatever the test before left. */
  async function startOperational(): Promise<StatusBarItem> {
    const { sim, workbench } = open();
    await sim.useScenario('healthy');
    // Answers any notification still waiting (a diagnostics report's, for one).
    await statusItem();
    await workbench.clearNotifications();
    await refresh();
    const item = await statusItem();
    await item.waitForText((t) => OPERATIONAL_TEXT.test(t), STATE_TIMEOUT_MS, 'operational');
    return item;
  }

  /** Hovers the status item, checks the tooltip, and saves the window with the tooltip open. */
  async function screenshotWithTooltip(item: StatusBarItem, name: string): Promise<string> {
    const { workbench } = open();
    // Toasts sit where the tooltip opens.
    await workbench.clearNotifications();
    const tooltip = await item.showTooltip();
    await workbench.screenshot(name);
    await item.hideTooltip();
    assert.ok(!tooltip.includes(SENTINEL_KEY), 'the tooltip shows the API key');
    return tooltip;
  }

  describe('the status bar in each state', function () {
    it('rate limited: degraded with a rising 429 count, the retry-after in the tooltip', async function () {
      const { sim } = open();
      await startOperational();
      const item = await statusItem();
      await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 1, times: 1000 }]);
      try {
        await refresh();
        const first = await item.waitForText((t) => /^Claude degraded\b/.test(t) && count(429, t) > 0, STATE_TIMEOUT_MS, 'degraded with a 429 count');
        // The next probe waits out the retry-after (1 s), then meets another 429.
        await item.waitForText((t) => count(429, t) > count(429, first), STATE_TIMEOUT_MS, 'a rising 429 count');
        assert.deepEqual(await item.icons(), ['warning']);
        assert.equal(await item.kind(), 'warning');
        assert.match(await item.ariaLabel(), /^Claude API: Degraded, recent errors .*429 times \d+/);
        const tooltip = await screenshotWithTooltip(item, 'rate-limited');
        assert.match(tooltip, /Claude API: Degraded/);
        assert.match(tooltip, /got 429 rate limited/);
        assert.match(tooltip, /Last \d+ min: .*429×[1-9]/);
        assert.match(tooltip, /retry-after seen: 1 s/);
        assert.match(tooltip, /Watched components/);
        assert.ok(tooltip.includes(`${CLAUDE_API_COMPONENT_NAME}: operational`), `the tooltip does not show the watched component:\n${tooltip}`);
      } finally {
        await sim.reset();
      }
      await refresh();
      await item.waitForText((t) => OPERATIONAL_TEXT.test(t), STATE_TIMEOUT_MS, 'recovery once the 429s stop');
    });

    it('outage from the status page: error background, and the incident in the tooltip', async function () {
      const { sim } = open();
      const item = await startOperational();
      await sim.useScenario(statusPageOutage);
      await refresh();
      await item.waitForText((t) => /^Claude outage\b/.test(t), STATE_TIMEOUT_MS, 'outage');
      assert.deepEqual(await item.icons(), ['error']);
      assert.equal(await item.kind(), 'error');
      const tooltip = await screenshotWithTooltip(item, 'outage');
      assert.match(tooltip, /Claude API: Outage/);
      assert.ok(tooltip.includes(`${CLAUDE_API_COMPONENT_NAME}: major outage`), `the tooltip does not show the watched component in major outage:\n${tooltip}`);
      assert.match(tooltip, /Open incidents/);
      assert.ok(tooltip.includes(`${OUTAGE_INCIDENT} (investigating, critical impact`), `the tooltip does not name the open incident:\n${tooltip}`);
    });

    it('maintenance from the status page: maintenance state, and its name in the tooltip', async function () {
      const { sim } = open();
      const item = await startOperational();
      await sim.useScenario(statusPageMaintenance);
      await refresh();
      await item.waitForText((t) => /^Claude maintenance\b/.test(t), STATE_TIMEOUT_MS, 'maintenance');
      assert.deepEqual(await item.icons(), ['tools']);
      assert.equal(await item.kind(), 'warning');
      const tooltip = await screenshotWithTooltip(item, 'maintenance');
      assert.match(tooltip, /Claude API: Maintenance/);
      assert.ok(tooltip.includes(`${CLAUDE_API_COMPONENT_NAME}: under maintenance`), `the tooltip does not show the watched component under maintenance:\n${tooltip}`);
      assert.ok(tooltip.includes(`${MAINTENANCE_NAME} (in progress,`), `the tooltip does not name the maintenance:\n${tooltip}`);
    });
  });

  describe('notifications (claudeHealth.notifications: "all")', function () {
    it('shows one on degradation and another on recovery', async function () {
      const { sim, workbench } = open();
      const item = await startOperational();
      await sim.script([{ kind: 'server_error', times: 1 }]);
      await refresh();
      const degraded = await workbench.waitForNotification(/^Claude API: degraded\./, STATE_TIMEOUT_MS);
      assert.equal(degraded.severity, 'warning');
      assert.match(degraded.message, /500 server error/);
      assert.deepEqual(degraded.buttons, ['Run Diagnostics', 'Open Status Page']);
      // The next probe succeeds, and one good result is enough to recover.
      await refresh();
      const recovered = await workbench.waitForNotification(/^Claude API recovered \(was degraded\)/, STATE_TIMEOUT_MS);
      assert.equal(recovered.severity, 'info');
      assert.match(recovered.message, /probes? succeeded/);
      await item.waitForText((t) => OPERATIONAL_TEXT.test(t), STATE_TIMEOUT_MS, 'operational after the recovery');
      const all = (await workbench.notifications()).map((n) => n.message);
      assert.ok(!all.some((message) => message.includes(SENTINEL_KEY)), 'a notification shows the API key');
    });

    it('shows an error with its actions when the status page reports an outage', async function () {
      const { sim, workbench } = open();
      await startOperational();
      await sim.useScenario(statusPageOutage);
      await refresh();
      const outage = await workbench.waitForNotification(/^Claude API: outage\./, STATE_TIMEOUT_MS);
      assert.equal(outage.severity, 'error');
      assert.ok(outage.message.includes(OUTAGE_INCIDENT), `the notification does not name the incident: ${outage.message}`);
      assert.deepEqual(outage.buttons, ['Run Diagnostics', 'Open Status Page']);
      await sim.useScenario('healthy');
      await refresh();
      const recovered = await workbench.waitForNotification(/^Claude API recovered \(was outage\)/, STATE_TIMEOUT_MS);
      assert.equal(recovered.severity, 'info');
    });
  });

  describe('Run Connection Diagnostics', function () {
    /** Rows of the rendered report's checks table, by check title. */
    async function checksTable(report: Frame): Promise<Map<string, { status: string; detail: string; hint: string }>> {
      const rows = await report.locator('#checks tbody tr').evaluateAll((nodes) =>
        nodes.map((node) => {
          const cells = Array.from((node as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim());
          return cells;
        }),
      );
      return new Map(rows.map((cells) => [cells[0] ?? '', { status: cells[1] ?? '', detail: cells[2] ?? '', hint: cells[3] ?? '' }]));
    }

    /** Runs the command from the palette, answers "Run the free checks", and returns the report webview once it shows a verdict. */
    async function runFreeChecks(): Promise<Frame> {
      const { workbench } = open();
      await statusItem();
      await workbench.runCommand(paletteTitle('claudeHealth.runDiagnostics'));
      assert.deepEqual(await workbench.quickPickLabels('Run Connection Diagnostics'), ['Run the free checks', 'Also send one tiny message']);
      await workbench.pickQuickPickItem('Run Connection Diagnostics', 'Run the free checks');
      return workbench.webviewFrame('#verdict:not(.tone-running)', 60_000);
    }

    /** Closes the report, as a person done with it would. */
    async function closeReport(): Promise<void> {
      await open().workbench.runCommand('View: Close All Editors');
    }

    it('runs the free checks from the palette and renders a report that matches the simulator, without the key', async function () {
      const { sim, workbench } = open();
      // The API answers; only the status page reports an outage, so each check has one right answer.
      await sim.useScenario(statusPageOutage);
      await workbench.clearNotifications();
      const messagesBefore = (await sim.state()).requests['POST /v1/messages'] ?? 0;
      const report = await runFreeChecks();
      try {
        // The verdict first: the summary, the broken layer and its fix.
        const verdict = report.locator('#verdict');
        assert.deepEqual(await verdict.getAttribute('class'), 'verdict tone-fail');
        const verdictText = normalizeSpace(await verdict.innerText());
        assert.match(verdictText, /Anthropic reports an outage/);
        assert.match(verdictText, /Broken layer: Status page \(status-page\)/);
        assert.match(verdictText, /Fix: /);
        assert.deepEqual(await report.locator('button[data-action]').allInnerTexts(), ['Copy as Markdown', 'Save as JSON…', 'Run Again', 'Open Settings', 'Open Log']);

        const checks = await checksTable(report);
        for (const check of ['Configuration', 'Proxy', 'DNS', 'TCP', 'TLS', 'HTTP', 'Authentication', 'Rate limits', 'Status page', 'Inference']) {
          assert.ok(checks.has(check), `the checks table has no ${check} row; it has ${[...checks.keys()].join(', ')}`);
        }
        const auth = checks.get('Authentication')!;
        assert.match(auth.status, /pass/, `Authentication: ${auth.status} ${auth.detail}`);
        const requestId = /\breq_[A-Za-z0-9]+/.exec(auth.detail)?.[0];
        assert.ok(requestId, `the Authentication row shows no request id: ${auth.detail}`);
        const seen = (await sim.requests()).map((request) => request.requestId);
        assert.ok(seen.includes(requestId), `the simulator never issued ${requestId}`);

        const page = checks.get('Status page')!;
        assert.match(page.status, /fail/, `Status page: ${page.status} ${page.detail}`);
        assert.ok(page.detail.includes('major outage') && page.detail.includes(OUTAGE_INCIDENT), `the Status page row does not match the simulator: ${page.detail}`);
        assert.ok(page.hint.length > 0, 'the failing row names no next step');

        // "Run the free checks": nothing billed was sent.
        assert.match(checks.get('Inference')!.status, /skip/);
        assert.equal((await sim.state()).requests['POST /v1/messages'] ?? 0, messagesBefore, 'the free checks sent a message');

        await workbench.clearNotifications();
        await workbench.screenshotsInBothThemes('diagnostics', report);

        // Copy as Markdown puts the CLI's Markdown on the clipboard: the summary line first, then the table.
        await workbench.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(''));
        await report.locator('button[data-action="copyMarkdown"]').click();
        await report.locator('#notice').waitFor({ state: 'visible', timeout: 15_000 });
        const markdown = await workbench.clipboardText();
        const summary = verdictText.split(/Broken layer:/)[0]!.replace(/^✗\s*/, '').trim();
        assert.equal(markdown.split('\n')[0], `**${escapeMarkdown(summary)}**`);
        assert.ok(markdown.includes('| Check | Status | Detail | Time |'), 'the copied Markdown has no checks table');
        assert.ok(!markdown.includes(SENTINEL_KEY), 'the copied report shows the API key');
        // The endpoint of claudeHealth.diagnostics.compareEndpoints, side by side with the configured one.
        assert.match(markdown, /^## Side by side$/m, 'the report has no comparison');
        assert.match(markdown, /^\| {2}\| \*\*configured\*\* \| \*\*relay\*\* \|$/m);
        assert.match(markdown, /^\| Authentication \| accepted \(ANTHROPIC_API_KEY\) \| not checked \(no key\) \|$/m);
        assert.match(markdown, /^\| Verdict \| ✅ works: key accepted, p50 \d+ ms \| ❌ TCP fails: 127\.0\.0\.1 port 9 refuses connections \|$/m);

        assert.ok((await report.locator('body').innerText()).includes('relay'), 'the rendered report does not show the compared endpoint');
        // The rendered report lays the comparison out as the CLI does: a column per endpoint, a row per layer, the verdicts last.
        const comparison = report.locator('section[data-field="comparison"]');
        assert.equal(await comparison.locator('h2').innerText(), 'Side by side');
        assert.deepEqual((await comparison.locator('thead th').allInnerTexts()).map((head) => head.trim()), ['', 'configured', 'relay']);
        const layerRows = (await comparison.locator('tbody tr').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
        assert.ok(layerRows.includes('Authentication accepted (ANTHROPIC_API_KEY) not checked (no key)'), `no Authentication row: ${layerRows.join(' | ')}`);
        assert.ok(layerRows.some((row) => /^Verdict ✓ works: key accepted, p50 \d+ ms ✗ TCP fails: 127\.0\.0\.1 port 9 refuses connections$/.test(row)), `no Verdict row: ${layerRows.join(' | ')}`);

        const text = await report.locator('body').innerText();
        assert.ok(!text.includes(SENTINEL_KEY), 'the report shows the API key');
        const window = await workbench.page.locator('body').innerText();
        assert.ok(!window.includes(SENTINEL_KEY), 'the window shows the API key');

        // Run Again updates the open report instead of opening another.
        const startedBefore = await report.locator('main > p.muted').first().innerText();
        await report.locator('button[data-action="runAgain"]').click();
        const again = await workbench.webviewFrame('#verdict:not(.tone-running)', 60_000);
        await again.locator('main > p.muted').first().filter({ hasNotText: startedBefore }).waitFor({ timeout: 60_000 });
        assert.equal(await workbench.page.locator('.tabs-container .tab').filter({ hasText: 'Claude Health Diagnostics' }).count(), 1, 'running again opened a second report');
      } finally {
        await closeReport();
      }
    });

    it('says "diagnosing" in the status bar while the checks run, then shows the health again', async function () {
      const item = await startOperational();
      const shown = await item.recordTexts();
      try {
        await runFreeChecks();
        const labels = await shown.stop();
        assert.ok(labels.some((label) => label === 'Claude: diagnosing…'), `the status bar never said it was diagnosing; it showed: ${labels.join(' | ')}`);
        await item.waitForText((t) => OPERATIONAL_TEXT.test(t), STATE_TIMEOUT_MS, 'the health again once the report is open');
      } finally {
        await closeReport();
      }
    });
  });

  describe('Insert Retry Wrapper', function () {
    const policy = { ...DEFAULT_SNIPPET_POLICY, maxAttempts: WRAPPER_ATTEMPTS };

    /** Opens a sample file, inserts a wrapper (the basic one unless told) at its end, and returns what the editor then holds. */
    async function insertAtEnd(
      file: string,
      language: SnippetLanguage,
      entryPoint: string,
      screenshot?: string,
      variant: SnippetVariant = 'basic',
    ): Promise<{ original: string; text: string }> {
      const { workbench } = open();
      await workbench.openFile(file);
      await workbench.page.keyboard.press('Control+End');
      await workbench.runCommand(paletteTitle('claudeHealth.insertRetryWrapper'));
      if (language === 'python') {
        // A Python file: sync or asyncio is a real choice, and this file uses the sync client.
        assert.deepEqual(await workbench.quickPickLabels('Insert Retry Wrapper: language'), ['Python', 'Python (asyncio)']);
        await workbench.pickQuickPickItem('Insert Retry Wrapper: language', 'Python');
      }
      const variantTitle = `Insert Retry Wrapper: ${language === 'python' ? 'Python' : 'TypeScript'}`;
      assert.ok((await workbench.quickPickLabels(variantTitle)).includes(VARIANT_TABLE[variant].label));
      await workbench.pickQuickPickItem(variantTitle, VARIANT_TABLE[variant].label);
      // The cursor lands on the first tab stop, the attempts, next to the entry point.
      await workbench.waitForActiveEditorText((t) => t.includes(entryPoint), undefined, entryPoint);
      if (screenshot) await workbench.screenshot(screenshot);
      assert.ok(await workbench.activeEditorIsDirty(), `${file} shows no unsaved change after the insertion`);
      const text = await workbench.activeEditorFullText();
      const original = readFileSync(path.join(sampleWorkspace, file), 'utf8');
      // Not saved: the workspace copy on disk is still the fixture.
      assert.equal(readFileSync(path.join(open().workspace, file), 'utf8'), original, `${file} was saved`);
      return { original, text };
    }

    async function expectedWrapper(language: SnippetLanguage, variant: SnippetVariant = 'basic'): Promise<string> {
      const template = await findTemplate(language, variant);
      assert.ok(template, `no ${variant} ${language} template`);
      return renderCode(template, policy);
    }

    it('into summarize.py: Python (sync), basic retries, the attempts from the settings', async function () {
      const entryPoint = 'def create_message_with_retry(';
      const { original, text } = await insertAtEnd('summarize.py', 'python', entryPoint, 'insert-wrapper');
      assert.ok(text.startsWith(original), 'the wrapper did not go at the end of the file');
      const inserted = text.slice(original.length);
      assert.ok(inserted.includes(entryPoint));
      assert.match(inserted, new RegExp(`max_attempts: int = ${WRAPPER_ATTEMPTS},`));
      assert.equal(inserted, await expectedWrapper('python'), 'the inserted text is not the basic Python template with the settings\' values');
    });

    it('into summarize.ts: TypeScript without a language question, basic retries, the attempts from the settings', async function () {
      const entryPoint = 'export async function createMessageWithRetry(';
      const { original, text } = await insertAtEnd('summarize.ts', 'typescript', entryPoint);
      assert.ok(text.startsWith(original), 'the wrapper did not go at the end of the file');
      const inserted = text.slice(original.length);
      assert.ok(inserted.includes(entryPoint));
      assert.match(inserted, new RegExp(`\\{ maxAttempts = ${WRAPPER_ATTEMPTS},`));
      assert.equal(inserted, await expectedWrapper('typescript'), 'the inserted text is not the basic TypeScript template with the settings\' values');
    });

    it('into summarize-all.ts, a batch job: the concurrency variant, its limiter shared by the whole process', async function () {
      // The first tab stop is the limiter's starting limit, in its constructor: the editor shows that part.
      const firstTabStop = 'constructor({ initialLimit = ';
      const { original, text } = await insertAtEnd('summarize-all.ts', 'typescript', firstTabStop, undefined, 'concurrency');
      assert.ok(text.startsWith(original), 'the wrapper did not go at the end of the file');
      const inserted = text.slice(original.length);
      assert.ok(inserted.includes('export async function createMessageWithRetry('), 'the basic variant\'s entry point is missing');
      assert.match(inserted, /export const defaultLimiter = new ConcurrencyLimiter\(\);/);
      assert.match(inserted, new RegExp(`initialLimit = ${policy.limiterInitialLimit}, maxLimit = ${policy.limiterMaxLimit}`));
      assert.equal(inserted, await expectedWrapper('typescript', 'concurrency'), 'the inserted text is not the concurrency TypeScript template with the settings\' values');
    });

    it('into app/main.py: the FastAPI recipe, then the concurrency wrapper it imports in a new file', async function () {
      const { workbench } = open();
      await workbench.openFile('app/main.py');
      await workbench.runCommand(paletteTitle('claudeHealth.insertRetryWrapper'));
      await workbench.pickQuickPickItem('Insert Retry Wrapper: language', 'Python (asyncio)');
      const recipe = RECIPE_TABLE.fastapi;
      const choices = await workbench.quickPickLabels('Insert Retry Wrapper: Python (asyncio)');
      assert.ok(choices.includes(VARIANT_TABLE.concurrency.label) && choices.includes(recipe.label), `the wrappers and the recipes: ${choices.join(' | ')}`);
      await workbench.pickQuickPickItem('Insert Retry Wrapper: Python (asyncio)', recipe.label);
      const template = await findRecipe('fastapi');
      assert.ok(template, 'no FastAPI recipe');
      const expectedRecipe = renderCode({ language: template.language, variant: recipe.wrapper, description: '', source: template.source }, policy);
      await workbench.waitForActiveEditorText((t) => t.includes('return ChatAnswer('), undefined, 'the end of the FastAPI recipe');
      assert.equal(await workbench.activeEditorFullText(), expectedRecipe, 'app/main.py does not hold the FastAPI recipe as shipped');
      assert.equal(readFileSync(path.join(open().workspace, 'app', 'main.py'), 'utf8'), '', 'app/main.py was saved');
      // The recipe imports its wrapper from a module beside it: the notification offers it, in a new file.
      const offer = `Insert the ${VARIANT_TABLE.concurrency.label} wrapper`;
      const notice = await workbench.waitForNotification(`imports the ${VARIANT_TABLE.concurrency.label} wrapper from ${recipe.wrapperSaveAs}`);
      assert.ok(notice.buttons.includes(offer), `the notification's buttons: ${notice.buttons.join(' | ')}`);
      await workbench.clickNotificationButton('imports the', offer);
      await workbench.waitForActiveEditorText((t) => t.includes('class ConcurrencyLimiter'), undefined, 'the concurrency wrapper in a new file');
      assert.equal(await workbench.activeEditorLanguage(), 'Python');
      assert.equal(await workbench.activeEditorFullText(), await expectedWrapper('python-async', 'concurrency'), 'the new file is not the asyncio concurrency template with the settings\' values');
    });
  });
});

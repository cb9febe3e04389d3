// The history panel and the diagnostics report in Simplified Chinese, in a
// real browser. code-server without a Chinese language pack keeps VS Code in
// English (chinese-locale.test.ts), so the Chinese pages are proven outside
// VS Code: the page the host writes (page-html.ts, for display language
// "zh-cn" or "en") is served from a loopback server with the built webview
// bundles, under its own Content-Security-Policy, and Chromium runs it. The
// one thing VS Code adds to every webview, acquireVsCodeApi, comes from a
// script carrying the page's nonce. The history gets a model built by the
// core, the report the one a real run produces (a refused loopback port, the
// simulator's status page, a relay compared side by side).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { HistoryData } from '../../src/core/history/data';
import { buildHistoryModel } from '../../src/core/history/model';
import type { LoggedEvent } from '../../src/core/signals/probe-log';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { pageLanguage, webviewPageHtml } from '../../src/vscode/panels/page-html';
import { editorReport, type EditorReport } from '../support/editor-report';
import { closedPort, startHttpServer, type LoopbackServer } from '../support/loopback/servers';
import { launchChromium } from './support/workbench';

const WEBVIEW_DIST = path.resolve(__dirname, '..', '..', 'dist', 'webview');
const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-webview-zh-5c3e1a9b7d2f4068';
const NONCE = 'dGhlLXBhZ2Utbm9uY2U=';
const CJK = /[\u4e00-\u9fff]/;
const HOUR = 3_600_000;

/** Four lower-case English words in a row: a sentence left untranslated (names, codes and headers do not look like this). */
function untranslatedEnglish(text: string): string[] {
  return [...text.replace(/https?:\/\/\S+/g, ' ').matchAll(/\b[a-z]{2,}(?: [a-z]{2,}){3}\b/g)].map((m) => m[0]);
}

/** What VS Code gives a webview: a handle to post to the host (recorded here) and a state. */
const VSCODE_API_STAND_IN = `globalThis.acquireVsCodeApi = function () {
  const posted = (globalThis.posted = []);
  let state;
  return { postMessage(message) { posted.push(message); }, getState() { return state; }, setState(next) { state = next; } };
};`;

/** A message from the host, as VS Code delivers it to the page. */
function postToPage(page: Page, message: unknown): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as { postMessage(message: unknown, origin: string): void }).postMessage(m, '*'), message);
}

function historyData(now: number): HistoryData {
  const events: LoggedEvent[] = [];
  for (let at = now - 20 * HOUR; at <= now; at += 60_000) {
    const minute = Math.round(at / 60_000);
    const outcome = minute % 17 === 0 ? 'overloaded' : minute % 53 === 0 ? 'rate_limited' : 'ok';
    const event: LoggedEvent = { at, outcome, latencyMs: 200 + (minute % 40) * 5, httpStatus: outcome === 'ok' ? 200 : outcome === 'overloaded' ? 529 : 429, source: minute % 2 ? 'probe' : 'tap' };
    if (outcome !== 'ok') event.requestId = `req_011CWebview${minute.toString(36)}`;
    if (outcome === 'rate_limited') event.retryAfterSeconds = 30;
    events.push(event);
  }
  return {
    now,
    retentionMs: 24 * HOUR,
    events,
    health: [{ at: now - 20 * HOUR, state: 'operational' }, { at: now - 6 * HOUR, state: 'degraded' }, { at: now - 5 * HOUR, state: 'operational' }],
    bands: [{ id: 'inc1', kind: 'incident', name: 'Elevated errors on Claude API', impact: 'major', from: now - 6 * HOUR, to: now - 5 * HOUR, open: true }],
  };
}

describe('The webviews in the display language, in Chromium outside VS Code', function () {
  let server: LoopbackServer;
  let sim: RunningSimulator;
  let browser: Browser;
  const reports = new Map<string, EditorReport>();

  before(async function () {
    for (const file of ['history.js', 'history.css', 'report.js', 'report.css']) {
      if (!existsSync(path.join(WEBVIEW_DIST, file))) throw new Error(`no ${file} in dist/webview: build first (node esbuild.js)`);
    }
    sim = await startSimulator();
    const apiBaseUrl = `http://127.0.0.1:${await closedPort()}`;
    for (const language of ['zh-cn', 'en']) {
      reports.set(language, await editorReport(language, { apiBaseUrl, statusPageUrl: sim.statusPageUrl, compare: [{ name: 'relay', baseUrl: sim.apiBaseUrl, keyNote: 'no key for this endpoint' }] }, SENTINEL_KEY));
    }
    server = await startHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const file = url.pathname.slice(1);
      if (/^(history|report)$/.test(file)) {
        const origin = `http://127.0.0.1:${server.port}`;
        const html = webviewPageHtml({ title: file, language: url.searchParams.get('lang') ?? '', nonce: NONCE, cspSource: origin, scriptUri: `${origin}/${file}.js`, styleUri: `${origin}/${file}.css`, data: { range: '24', source: 'all' } });
        // VS Code puts acquireVsCodeApi into the page before the panel's script runs; here a script with the page's nonce does.
        const withApi = html.replace(`<script nonce="${NONCE}"`, `<script nonce="${NONCE}" src="${origin}/vscode-api.js"></script>\n<script nonce="${NONCE}"`);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(withApi);
      } else if (file === 'vscode-api.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(VSCODE_API_STAND_IN);
      else if (/^(history|report)\.(js|css)$/.test(file)) res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(path.join(WEBVIEW_DIST, file)));
      // The browser asks for a favicon a webview never has.
      else if (file === 'favicon.ico') res.writeHead(204).end();
      else res.writeHead(404).end();
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  /** The panel's page for a display language, its errors (a CSP refusal is one) collected. */
  async function openPanel(panel: 'history' | 'report', language: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}/${panel}?lang=${encodeURIComponent(language)}`);
    // The script says it is ready to the host once it has built the page.
    await page.waitForFunction(() => (globalThis as unknown as { posted?: { type: string }[] }).posted?.some((m) => m.type === 'ready') === true);
    return { page, problems };
  }

  async function showHistory(language: string): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPanel('history', language);
    const model = buildHistoryModel(historyData(Date.now()), { rangeHours: 24, source: 'all', utcOffsetMinutes: -new Date().getTimezoneOffset() });
    await postToPage(opened.page, { type: 'model', model });
    await opened.page.locator('#errors-table tbody tr').first().waitFor();
    await opened.page.locator('.u-legend').first().waitFor();
    return opened;
  }

  const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts().then((all) => all.map((text) => text.trim()));
  const attributes = (page: Page, selector: string, name: string) => page.locator(selector).evaluateAll((nodes, n) => nodes.map((node) => node.getAttribute(n) ?? ''), name);

  /** What the history panel's page says first, in each language. */
  const HISTORY_PAGE = {
    'zh-cn': {
      lang: 'zh-CN',
      h1: ['Claude API 历史'],
      h2: ['健康状况与状态页', '按结果统计的请求', '已响应请求的延迟', '529 过载（按一天中的小时）', '最近的错误'],
      '#ranges button': ['1 小时', '6 小时', '24 小时'],
      '#export-csv, #export-json': ['导出 CSV…', '导出 JSON…'],
      '#errors-table th': ['时间', '来源', '类型', 'HTTP 状态码', 'request-id', 'retry-after'],
    },
    en: {
      lang: 'en',
      h1: ['Claude API history'],
      h2: ['Health and status page', 'Requests by outcome', 'Latency of answered requests', '529 overloads by hour of day', 'Latest errors'],
      '#ranges button': ['1 h', '6 h', '24 h'],
      '#export-csv, #export-json': ['Export CSV…', 'Export JSON…'],
      '#errors-table th': ['Time', 'Source', 'Kind', 'Status', 'Request id', 'Retry-after'],
    },
  };

  async function assertHistoryPage(page: Page, language: keyof typeof HISTORY_PAGE): Promise<void> {
    const { lang, ...texted } = HISTORY_PAGE[language];
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    for (const [selector, expected] of Object.entries(texted)) assert.deepEqual(await texts(page, selector), expected, `${language}: ${selector}`);
  }

  it('shows the history panel in Chinese for zh-cn: headings, buttons, labels, tables, charts and dates', async () => {
    const { page, problems } = await showHistory('zh-cn');
    await assertHistoryPage(page, 'zh-cn');
    assert.equal(await page.locator('#ranges').getAttribute('aria-label'), '时间范围');
    assert.equal(await page.locator('#source').getAttribute('aria-label'), '来源');
    assert.deepEqual(await texts(page, '#source option'), ['全部来源', '探测', '流量监听', 'Claude Code']);
    assert.match(await page.locator('#totals').innerText(), /这段时间内共 \d+ 个请求[\s\S]*529 过载：\d+[\s\S]*429 限流：\d+/);
    assert.deepEqual([...new Set(await texts(page, '#errors-table td:nth-child(3)'))].sort(), ['429 限流', '529 过载']);
    assert.ok((await texts(page, '#errors-table td:nth-child(6)')).includes('30 s'));
    assert.equal(await page.locator('#retention').innerText(), '保留 24 小时（claudeHealth.history.retentionHours）。');
    // Tooltips and screen-reader labels, with dates written the Chinese way.
    const segments = await attributes(page, '.segment', 'aria-label');
    assert.ok(segments.some((label) => /^降级：\d+月\d+日 \d\d:\d\d:\d\d – \d+月\d+日 \d\d:\d\d:\d\d$/.test(label)), segments.join('\n'));
    const bands = await attributes(page, '.band', 'title');
    assert.equal(bands.length, 1);
    assert.match(bands[0] ?? '', /^事件：Elevated errors on Claude API（影响：严重，进行中）：\d+月\d+日 \d\d:\d\d:\d\d – …$/);
    assert.ok((await attributes(page, '.heat td', 'aria-label')).some((label) => /^\d{4}-\d\d-\d\d \d\d:00：\d+ 个请求中有 [1-9]\d* 个 529$/.test(label)));
    assert.equal(await page.locator('.timeline').getAttribute('aria-label'), '健康状况与状态页');
    // The charts' legends: the series in Chinese, the time in 24 hours with the year first.
    const legend = await texts(page, '.u-legend .u-label');
    for (const label of ['时间', '成功', '529 过载', '429 限流', '网络 / 超时', 'p50', 'p95', 'p99']) assert.ok(legend.includes(label), `the legend lacks ${label}: ${legend.join(', ')}`);
    await page.locator('#requests-chart .u-over').hover({ position: { x: 300, y: 100 } });
    const cursorTime = (await texts(page, '#requests-chart .u-legend .u-series:first-child .u-value'))[0] ?? '';
    assert.match(cursorTime, /^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'the time under the cursor');
    assert.deepEqual(untranslatedEnglish(await page.locator('body').innerText()), [], 'English left on the Chinese page');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps the history panel in English for en', async () => {
    const { page, problems } = await showHistory('en');
    await assertHistoryPage(page, 'en');
    const segments = await attributes(page, '.segment', 'aria-label');
    assert.ok(segments.some((label) => /^Degraded: [A-Z][a-z]{2} \d+, \d\d:\d\d:\d\d [AP]M – /.test(label)), segments.join('\n'));
    const legend = await texts(page, '.u-legend .u-label');
    assert.ok(legend.includes('Time') && legend.includes('529 overloaded'), legend.join(', '));
    const body = await page.locator('body').innerText();
    assert.ok(!CJK.test(body), 'Chinese on the English page');
    assert.deepEqual(problems, []);
    await page.close();
  });

  async function showReport(language: string): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPanel('report', language);
    const { view } = reports.get(language)!;
    await postToPage(opened.page, { type: 'report', report: JSON.parse(view.json), view });
    await opened.page.locator('#checks tbody tr').first().waitFor();
    return opened;
  }

  it('shows the diagnostics report in Chinese for zh-cn: its own words and the host\'s', async () => {
    const { page, problems } = await showReport('zh-cn');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('h1').innerText(), 'Claude Health：连接诊断');
    assert.deepEqual(await texts(page, 'button[data-action]'), ['复制为 Markdown', '另存为 JSON…', '重新运行', '打开设置', '打开日志']);
    assert.equal(await page.locator('[role="toolbar"]').getAttribute('aria-label'), '报告操作');
    assert.deepEqual(await texts(page, '#checks thead th'), ['检查', '状态', '详情', '下一步', '用时']);
    const verdict = (await page.locator('#verdict').innerText()).replace(/\s+/g, ' ');
    assert.match(verdict, /TCP 失败：127\.0\.0\.1 端口 \d+ 拒绝连接/);
    assert.match(verdict, /出问题的层：TCP \(tcp\)/);
    assert.match(verdict, /解决办法：那里没有程序接受连接/);
    assert.match(await page.locator('#checks tr[data-check="tcp"] td').first().innerText(), /失败/);
    assert.match(await page.locator('#started').innerText(), /^开始于 \d{4}年\d+月\d+日 \d\d:\d\d:\d\d，用时 \d/);
    assert.deepEqual(await texts(page, 'h2'), ['详情', '并排对比']);
    // The comparison is the CLI's table: one column per endpoint (the configured one named in Chinese), one row per layer, the verdicts last.
    assert.deepEqual(await texts(page, '.extra[data-field="comparison"] thead th'), ['', '已配置', 'relay']);
    const comparisonRows = await texts(page, '.extra[data-field="comparison"] tbody th');
    for (const label of ['Base URL', 'DNS', 'TCP 连接', 'TLS 握手', 'HTTP 状态码', '延迟 p50 / p95', '结论']) assert.ok(comparisonRows.includes(label), `the comparison lacks the row ${label}: ${comparisonRows.join(', ')}`);
    const comparisonVerdicts = await texts(page, '.extra[data-field="comparison"] tr.verdicts td');
    assert.equal(comparisonVerdicts.length, 2);
    for (const verdict of comparisonVerdicts) assert.ok(CJK.test(verdict), `a verdict not in Chinese: ${verdict}`);
    // The page's own words and the checks' text: no English sentence (the comparison's cells come from the core as they are).
    const ownText = (await texts(page, 'main > :not(.extra)')).join('\n');
    assert.deepEqual(untranslatedEnglish(ownText), [], 'English left on the Chinese report');
    assert.ok(!(await page.locator('body').innerText()).includes(SENTINEL_KEY), 'the report shows the API key');
    // A new run under way.
    await postToPage(page, { type: 'running' });
    await page.locator('#verdict', { hasText: '正在运行检查…' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps the diagnostics report in English for en', async () => {
    const { page, problems } = await showReport('en');
    assert.equal(await page.locator('h1').innerText(), 'Claude Health: connection diagnostics');
    assert.deepEqual(await texts(page, 'button[data-action]'), ['Copy as Markdown', 'Save as JSON…', 'Run Again', 'Open Settings', 'Open Log']);
    assert.deepEqual(await texts(page, '#checks thead th'), ['Check', 'Status', 'Detail', 'Next step', 'Time']);
    assert.match((await page.locator('#verdict').innerText()).replace(/\s+/g, ' '), /Broken layer: TCP \(tcp\)/);
    assert.match(await page.locator('#started').innerText(), /^Started [A-Z][a-z]{2} \d+, \d{4}, /);
    assert.ok(!CJK.test(await page.locator('body').innerText()), 'Chinese on the English report');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('writes the language the page reads for every display language VS Code may report', () => {
    assert.equal(pageLanguage('zh-cn'), 'zh-CN');
    assert.equal(pageLanguage('zh-tw'), 'en');
  });
});

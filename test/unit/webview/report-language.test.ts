// The text the report panel receives from the host follows VS Code's display
// language: the rows' details and hints and the verdict in Chinese for
// "zh-cn", in English for "en"; and what Copy as Markdown and Save as JSON
// produce is what the CLI prints for that locale (`--markdown`, `--json`),
// the JSON's keys, ids and statuses staying English. A real run against a
// closed loopback port and the simulator's status page.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { renderJson } from '../../../src/core/diagnostics/render/json';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { translatorFor } from '../../../src/core/l10n';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { captureIo } from '../../support/capture-io';
import { editorReport } from '../../support/editor-report';
import { closedPort } from '../../support/loopback/servers';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const CJK = /[\u4e00-\u9fff]/;

/** The Markdown lines that are the report's own words (headings, the table's head), not a check's text. */
function reportOwnLines(markdown: string): string[] {
  const lines = markdown.split('\n');
  return [...lines.filter((line) => /^##? /.test(line)), lines.find((line) => line.startsWith('| ')) ?? '(no table)'];
}

describe('the report panel\'s text from the host, in VS Code\'s display language', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let apiBaseUrl: string;
  before(async () => {
    sim = await startSimulator();
    apiBaseUrl = `http://127.0.0.1:${await closedPort()}`;
  });
  after(() => sim.close());

  it('gives Chinese rows, hints and verdict for zh-cn; its Markdown and JSON are the CLI\'s for LANG=zh_CN.UTF-8', async () => {
    const { report, view } = await editorReport('zh-cn', { apiBaseUrl, statusPageUrl: sim.statusPageUrl }, SENTINEL_KEY);
    assertNoSentinel(JSON.stringify(view), 'the saved report view');
    assert.equal(view.verdict.tone, 'fail');
    assert.match(view.verdict.summary, /^TCP 失败：127\.0\.0\.1 端口 \d+ 拒绝连接/);
    assert.equal(view.verdict.layer, 'TCP (tcp)');
    assert.match(view.verdict.fix ?? '', /^那里没有程序接受连接/);
    const tcp = report.checks.find((check) => check.id === 'tcp');
    assert.ok(tcp && CJK.test(tcp.detail) && CJK.test(tcp.hint ?? ''), 'the TCP row is not in Chinese');

    // What the CLI renders for a Chinese terminal, from the same report: byte for byte.
    const cliLocale = translatorFor('zh_CN.UTF-8');
    assert.equal(view.markdown, renderMarkdown(report, cliLocale));
    assert.equal(view.json, renderJson(report));
    const document = JSON.parse(view.json) as { checks: { id: string; status: string }[]; summary: string };
    assert.deepEqual(Object.keys(document).sort(), ['checks', 'durationMs', 'startedAt', 'summary']);
    assert.ok(document.checks.every((check) => /^[a-z-]+$/.test(check.id) && ['pass', 'warn', 'fail', 'skip'].includes(check.status)), 'ids and statuses stay English');
    assert.ok(CJK.test(document.summary));

    // And the CLI itself, run in Chinese against the same endpoints, prints the same headings and table head.
    const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY, LANG: 'zh_CN.UTF-8' });
    await main(['diagnose', '--markdown', '--base-url', apiBaseUrl, '--status-url', sim.statusPageUrl, '--dns-servers', ''], io);
    assertNoSentinel(io.out, 'the CLI\'s Markdown');
    assert.deepEqual(reportOwnLines(view.markdown), reportOwnLines(io.out));
    assert.ok(reportOwnLines(io.out).some((line) => line === '# Claude Health：连接诊断'), io.out);
  });

  it('stays English for en, and for a language we have no table for', async () => {
    for (const language of ['en', 'de']) {
      const { view } = await editorReport(language, { apiBaseUrl, statusPageUrl: sim.statusPageUrl }, SENTINEL_KEY);
      assert.match(view.verdict.summary, /^TCP fails: 127\.0\.0\.1 port \d+ refuses connections/, language);
      assert.ok(!CJK.test(view.markdown) && !CJK.test(view.json), `${language}: Chinese in the English report`);
    }
  });
});

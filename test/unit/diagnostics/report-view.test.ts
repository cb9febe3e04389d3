// The report view's renderings and what it keeps across a window reload: the
// CLI's own Markdown and JSON, redacted, and a saved state that comes back only
// when it is whole. Pure functions on reports built by hand.
import assert from 'node:assert/strict';
import { renderJson } from '../../../src/core/diagnostics/render/json';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { MAX_SAVED_TEXT, renderReportForView, restoreReportView, savedReportView } from '../../../src/core/diagnostics/render/report-view';
import { summarize } from '../../../src/core/diagnostics/summary';
import type { CheckResult, DiagnosticsReport } from '../../../src/core/diagnostics/types';
import { translatorFor } from '../../../src/core/l10n';
import { SENTINEL_KEY } from './support';

const COMPARED_KEY = 'sk-ant-api03-SENTINEL-compared-relay-9f8e7d6c5b4a3210';

function result(partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { title: partial.id.toUpperCase(), detail: `${partial.id} detail`, durationMs: 12, notes: [], ...partial };
}

function report(checks: CheckResult[]): DiagnosticsReport {
  return { checks, summary: summarize(checks, false), startedAt: '2026-11-22T10:00:00.000Z', durationMs: 1234, cancelled: false };
}

/** A report whose every text field holds a key, as a careless check or a relay's echo might put it there. */
function leakyReport(): DiagnosticsReport {
  return report([
    result({ id: 'config', status: 'pass', detail: `key ${SENTINEL_KEY} from ANTHROPIC_API_KEY`, notes: [`x-api-key: ${SENTINEL_KEY}`] }),
    result({ id: 'auth', status: 'fail', title: 'Authentication', detail: `401 for ${COMPARED_KEY}`, hint: `replace ${SENTINEL_KEY}`, headline: `Auth fails for ${SENTINEL_KEY}` }),
  ]);
}

describe('diagnostics: the report view and its state across a reload', () => {
  it('holds the CLI\'s Markdown and JSON exactly, and the verdict', () => {
    const plain = report([result({ id: 'tls', status: 'fail', title: 'TLS', hint: 'Set NODE_EXTRA_CA_CERTS.' }), result({ id: 'auth', status: 'pass' })]);
    const chinese = translatorFor('zh-cn');
    const rendered = renderReportForView(plain, [], chinese);
    assert.equal(rendered.markdown, renderMarkdown(plain, chinese));
    assert.equal(rendered.json, renderJson(plain));
    assert.deepEqual(rendered.verdict, { tone: 'fail', summary: plain.summary, layer: 'TLS (tls)', fix: 'Set NODE_EXTRA_CA_CERTS.' });
  });

  it('never holds a key the run used, nor anything shaped like one, in any field', () => {
    const view = savedReportView(renderReportForView(leakyReport(), [SENTINEL_KEY, COMPARED_KEY, undefined]), true);
    const text = JSON.stringify(view);
    assert.ok(!text.includes(SENTINEL_KEY), 'the saved view holds the API key');
    assert.ok(!text.includes(COMPARED_KEY), 'the saved view holds the compared endpoint\'s key');
    assert.ok(!text.includes('SENTINEL-diagnostics'), 'the saved view holds part of the API key');
    assert.ok(view.verdict.summary.includes('[redacted]'));
    assert.ok(view.markdown.includes('[redacted]'));
    // Even a key nobody named is caught by its shape.
    const unnamed = renderReportForView(leakyReport(), []);
    assert.ok(!JSON.stringify(unnamed).includes(SENTINEL_KEY));
  });

  it('comes back whole from the state it saved, through a JSON round trip as VS Code stores it', () => {
    const view = savedReportView(renderReportForView(leakyReport(), [SENTINEL_KEY]), false);
    const stored: unknown = JSON.parse(JSON.stringify(view));
    assert.deepEqual(restoreReportView(stored), view);
    const asked = savedReportView(renderReportForView(leakyReport(), [SENTINEL_KEY]), undefined);
    assert.equal(restoreReportView(JSON.parse(JSON.stringify(asked)))?.inference, undefined);
  });

  it('redacts again on the way back, with the secrets known then', () => {
    // Storage from a version that kept the key (or edited by hand): what comes back still has none.
    const raw = { version: 1, markdown: `**Auth fails** ${SENTINEL_KEY}`, json: renderJson(leakyReport()), verdict: { tone: 'fail', summary: `Auth fails for ${SENTINEL_KEY}` }, inference: false };
    const restored = restoreReportView(raw, [SENTINEL_KEY]);
    assert.ok(restored);
    assert.ok(!JSON.stringify(restored).includes(SENTINEL_KEY));
  });

  it('refuses a state it did not write whole, rather than drawing part of it', () => {
    const good = savedReportView(renderReportForView(report([result({ id: 'auth', status: 'pass' })]), []), false);
    const broken: unknown[] = [
      undefined,
      null,
      'a string',
      [good],
      { ...good, version: 2 },
      { ...good, markdown: 42 },
      { ...good, json: 'not json {' },
      { ...good, json: '{"checks": "not a list", "summary": "s", "startedAt": "t"}' },
      { ...good, json: '[1, 2, 3]' },
      { ...good, verdict: { tone: 'running', summary: 'Running the checks…' } },
      { ...good, verdict: { tone: 'fail' } },
      { ...good, verdict: { tone: 'fail', summary: 's', fix: ['not', 'text'] } },
      { ...good, inference: 'yes' },
      { ...good, markdown: 'x'.repeat(MAX_SAVED_TEXT + 1) },
      { ...good, json: `{"checks":[],"summary":"s","startedAt":"t","pad":"${'x'.repeat(MAX_SAVED_TEXT)}"}` },
      { ...good, json: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
    ];
    for (const state of broken) assert.equal(restoreReportView(state), undefined, `accepted ${JSON.stringify(state)?.slice(0, 120)}`);
  });

  it('reads fields without running a getter of a hostile state', () => {
    let ran = false;
    const state = Object.defineProperty({ version: 1 }, 'markdown', {
      enumerable: true,
      get() {
        ran = true;
        return 'text';
      },
    });
    assert.equal(restoreReportView(state), undefined);
    assert.equal(ran, false);
  });
});

// The renderers and the summary line, on reports built by hand: pure
// functions, so no network here.
import assert from 'node:assert/strict';
import { renderJson } from '../../../src/core/diagnostics/render/json';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { summarize } from '../../../src/core/diagnostics/summary';
import type { CheckResult, DiagnosticsReport } from '../../../src/core/diagnostics/types';

function result(partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { title: partial.id.toUpperCase(), detail: `${partial.id} detail`, durationMs: 12, notes: [], ...partial };
}

const hostile = 'Elevated errors | [click](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* `code`\n# heading';

function report(checks: CheckResult[], cancelled = false): DiagnosticsReport {
  return { checks, summary: summarize(checks, cancelled), startedAt: '2026-11-22T10:00:00.000Z', durationMs: 1234, cancelled };
}

describe('diagnostics: summary and renderers', () => {
  it('names the lowest broken layer first, whatever order the failures come in', () => {
    const checks = [
      result({ id: 'auth', status: 'fail', headline: 'Auth fails: the API does not answer' }),
      result({ id: 'tls', status: 'fail', headline: 'TLS fails: a proxy is inspecting HTTPS' }),
      result({ id: 'status-page', status: 'warn', headline: 'Anthropic reports degraded service' }),
      result({ id: 'http', status: 'skip', blockedBy: 'tls' }),
    ];
    assert.equal(summarize(checks, false), 'TLS fails: a proxy is inspecting HTTPS (1 more failing: auth); 1 warning');
  });

  it('leads with the first warning when nothing failed, and says when all passed', () => {
    assert.equal(
      summarize([result({ id: 'tcp', status: 'warn', detail: 'IPv6 fails' }), result({ id: 'auth', status: 'pass' })], false),
      'Works, with warnings: TCP: IPv6 fails',
    );
    assert.equal(
      summarize([result({ id: 'auth', status: 'pass' }), result({ id: 'inference', status: 'skip' })], false),
      'All checks passed: the Claude API answers from this machine and accepts the key (1 skipped).',
    );
    assert.equal(summarize([result({ id: 'auth', status: 'skip' })], true), 'Cancelled after 1 of 1 checks. Nothing failed before the run was stopped.');
  });

  it('renders Markdown: the summary line first, a table row per check, then details with the next step', () => {
    const text = renderMarkdown(
      report([
        result({ id: 'tls', status: 'fail', title: 'TLS', detail: 'SELF_SIGNED_CERT_IN_CHAIN', hint: 'Set NODE_EXTRA_CA_CERTS.', headline: 'TLS fails: a proxy is inspecting HTTPS', notes: ['TLSv1.3'] }),
        result({ id: 'auth', status: 'pass', title: 'Authentication', detail: 'key accepted, request-id req_011CabcDEF' }),
      ]),
    );
    const lines = text.split('\n');
    assert.equal(lines[0], '**TLS fails: a proxy is inspecting HTTPS**');
    assert.ok(lines.includes('| Check | Status | Detail | Time |'));
    assert.ok(lines.includes('| TLS | ❌ fail | SELF_SIGNED_CERT_IN_CHAIN | 12 ms |'));
    assert.ok(lines.includes('| Authentication | ✅ pass | key accepted, request-id req_011CabcDEF | 12 ms |'));
    assert.ok(lines.includes('**Next step:** Set NODE_EXTRA_CA_CERTS.'));
    assert.ok(lines.includes('- TLSv1.3'));
    assert.ok(text.indexOf('## Details') > text.indexOf('| Authentication |'));
  });

  it('keeps text from the network as text: no links, no HTML, no broken table', () => {
    const text = renderMarkdown(report([result({ id: 'status-page', status: 'warn', detail: hostile, hint: 'wait', notes: [hostile] })]));
    const row = text.split('\n').find((line) => line.startsWith('| STATUS-PAGE'));
    assert.ok(row);
    assert.equal(row.split(/(?<!\\)\|/).length, 6, 'the cell must not add columns');
    assert.equal(text.includes('<img'), false);
    assert.equal(/(?<!\\)\[click(?<!\\)\]/.test(text), false);
    assert.ok(text.includes('\\[click\\](javascript:alert(1))'));
    assert.ok(text.includes('\\*bold\\*'));
    assert.equal(text.split('\n').some((line) => line.startsWith('# heading')), false);
  });

  it('renders JSON with checks, summary, startedAt and durationMs', () => {
    const checks = [result({ id: 'auth', status: 'pass', data: { requestId: 'req_1' } })];
    const parsed = JSON.parse(renderJson(report(checks)));
    assert.deepEqual(Object.keys(parsed), ['checks', 'summary', 'startedAt', 'durationMs']);
    assert.deepEqual(parsed.checks, checks);
    assert.equal(JSON.parse(renderJson(report(checks, true))).cancelled, true);
  });
});

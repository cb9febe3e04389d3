import assert from 'node:assert/strict';
import { reportVerdict } from '../../../src/core/diagnostics/render/verdict';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { summarize } from '../../../src/core/diagnostics/summary';
import type { CheckResult, DiagnosticsReport } from '../../../src/core/diagnostics/types';
import { SimClient } from '../../support/sim-client';
import { assertKeyNeverShown, loopbackInput, SENTINEL_KEY } from './support';

function result(partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { title: partial.id.toUpperCase(), detail: `${partial.id} detail`, durationMs: 12, notes: [], ...partial };
}

function report(checks: CheckResult[]): DiagnosticsReport {
  return { checks, summary: summarize(checks, false), startedAt: '2026-11-22T10:00:00.000Z', durationMs: 1234, cancelled: false };
}

describe('diagnostics: the rendered report\'s verdict', () => {
  it('names the lowest broken layer and its fix, whatever order the checks come in', () => {
    const verdict = reportVerdict(
      report([
        result({ id: 'auth', status: 'fail', hint: 'set the key' }),
        result({ id: 'tls', status: 'fail', title: 'TLS', hint: 'trust the proxy CA with NODE_EXTRA_CA_CERTS' }),
        result({ id: 'status-page', status: 'warn', hint: 'wait' }),
      ]),
    );
    assert.deepEqual(verdict, { tone: 'fail', summary: 'TLS: tls detail (1 more failing: auth); 1 warning', layer: 'TLS (tls)', fix: 'trust the proxy CA with NODE_EXTRA_CA_CERTS' });
  });

  it('names the first warning when nothing failed, and nothing when all passed', () => {
    assert.deepEqual(reportVerdict(report([result({ id: 'tcp', status: 'warn', title: 'TCP', hint: 'check IPv6' }), result({ id: 'auth', status: 'pass' })])), {
      tone: 'warn',
      summary: 'Works, with warnings: TCP: tcp detail',
      layer: 'TCP (tcp)',
      fix: 'check IPv6',
    });
    const passed = reportVerdict(report([result({ id: 'auth', status: 'pass' })]));
    assert.equal(passed.tone, 'pass');
    assert.equal(passed.layer, undefined);
  });

  describe('from a real run against the simulator', function () {
    this.timeout(60_000);
    let sim: SimClient;
    before(async () => {
      sim = await SimClient.start({ requiredApiKey: SENTINEL_KEY, scenario: 'outage' });
    });
    after(() => sim.close());

    it('never carries the key', async () => {
      const run = await runDiagnostics({ ...loopbackInput(sim.sim.apiBaseUrl, sim.sim.statusPageUrl), apiKey: SENTINEL_KEY }, { timeoutMs: 30_000 });
      assertKeyNeverShown(run);
      const verdict = reportVerdict(run);
      assert.notEqual(verdict.tone, 'pass');
      assert.ok(verdict.layer && verdict.fix, `a failing run names a layer and a fix: ${JSON.stringify(verdict)}`);
      for (const fragment of [SENTINEL_KEY, SENTINEL_KEY.slice('sk-ant-'.length), SENTINEL_KEY.slice(-18)]) assert.ok(!JSON.stringify(verdict).includes(fragment));
    });
  });
});

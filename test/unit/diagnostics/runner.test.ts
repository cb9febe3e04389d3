// The whole ladder against real loopback counterparts: the simulator, a refused
// port, a server that accepts TCP and never speaks; ordering, dependencies,
// time bounds and cancellation.
import assert from 'node:assert/strict';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { CHECK_IDS, type CheckResult } from '../../../src/core/diagnostics/types';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { closedPort, startSilentServer, type LoopbackServer } from '../../support/loopback/servers';
import { assertKeyNeverShown, checkOf, loopbackInput, statuses } from './support';

describe('diagnostics runner', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.close();
  });

  it('passes every check against a healthy simulator, reports in a fixed order, and never shows the key', async () => {
    const progress: CheckResult[] = [];
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl), { onProgress: (check) => progress.push(check), timeoutMs: 10_000 });
    assert.deepEqual(
      report.checks.map((check) => check.id),
      CHECK_IDS,
    );
    assert.deepEqual(statuses(report), {
      config: 'pass',
      proxy: 'pass',
      dns: 'pass',
      tcp: 'pass',
      tls: 'skip',
      http: 'pass',
      clock: 'pass',
      auth: 'pass',
      'rate-limits': 'pass',
      inference: 'skip',
      'status-page': 'pass',
      'sdk-versions': 'skip',
      environment: 'pass',
    });
    assert.equal(progress.length, CHECK_IDS.length);
    assert.deepEqual(new Set(progress.map((check) => check.id)), new Set(CHECK_IDS));
    assert.match(report.summary, /^All checks passed/);
    assert.equal(checkOf(report, 'dns').detail, 'loopback host: no DNS needed');
    assert.match(checkOf(report, 'auth').detail, /request-id req_\w+/);
    assert.match(checkOf(report, 'config').detail, /…XYZW/);
    assert.equal(checkOf(report, 'inference').detail, 'not enabled: costs about 10 input tokens; enable message probes or confirm');
    assert.equal(checkOf(report, 'sdk-versions').detail, 'no workspace folder open');
    assert.match(checkOf(report, 'tls').detail, /plain http:\/\//);
    for (const check of report.checks) assert.ok(check.durationMs >= 0);
    assert.ok(!Number.isNaN(Date.parse(report.startedAt)));
    assert.equal(report.cancelled, false);
    assertKeyNeverShown(report);
  });

  it('skips what depends on a failed layer and names that layer: a refused port', async () => {
    const port = await closedPort();
    const report = await runDiagnostics(loopbackInput(`http://127.0.0.1:${port}`, sim.statusPageUrl), { timeoutMs: 10_000 });
    const tcp = checkOf(report, 'tcp');
    assert.equal(tcp.status, 'fail');
    assert.match(tcp.detail, /connection refused/);
    assert.match(tcp.hint ?? '', /Nothing accepts connections there/);
    for (const id of ['http', 'clock', 'auth', 'rate-limits'] as const) {
      assert.equal(checkOf(report, id).status, 'skip', id);
      assert.equal(checkOf(report, id).blockedBy, 'tcp', id);
    }
    assert.match(checkOf(report, 'rate-limits').detail, /^not run: Authentication \(after TCP\) failed$/);
    assert.match(report.summary, /^TCP fails: 127\.0\.0\.1 port \d+ refuses connections/);
    assert.equal(checkOf(report, 'status-page').status, 'pass', 'independent checks still run');
  });

  it('finishes within its time budget when the endpoint accepts TCP and never answers', async () => {
    const silent: LoopbackServer = await startSilentServer();
    try {
      const timeoutMs = 1500;
      const started = performance.now();
      const report = await runDiagnostics(loopbackInput(silent.url, sim.statusPageUrl), { timeoutMs });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < timeoutMs + 3000, `took ${Math.round(elapsed)} ms`);
      assert.equal(checkOf(report, 'tcp').status, 'pass');
      const http = checkOf(report, 'http');
      assert.equal(http.status, 'fail');
      assert.match(http.detail, /no HTTP answer/);
      assert.ok(http.hint);
      assert.equal(checkOf(report, 'auth').status, 'fail');
      assert.equal(checkOf(report, 'clock').blockedBy, 'http');
      assert.match(report.summary, /^HTTP fails: the server never answers/);
    } finally {
      await silent.close();
    }
  });

  it('stops every check when cancelled and says so', async () => {
    const silent = await startSilentServer();
    try {
      const controller = new AbortController();
      const started = performance.now();
      const running = runDiagnostics(loopbackInput(silent.url, sim.statusPageUrl), {
        signal: controller.signal,
        timeoutMs: 60_000,
        onProgress: (check) => {
          if (check.id === 'tcp') setTimeout(() => controller.abort(), 50);
        },
      });
      const report = await running;
      assert.ok(performance.now() - started < 10_000);
      assert.equal(report.cancelled, true);
      assert.equal(checkOf(report, 'http').status, 'skip');
      assert.equal(checkOf(report, 'http').detail, 'cancelled');
      assert.equal(checkOf(report, 'auth').detail, 'cancelled');
      assert.match(report.summary, /^Cancelled after \d+ of 13 checks/);
    } finally {
      await silent.close();
    }
  });

  it('resolves at once with every check cancelled when the signal is already aborted', async () => {
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl), { signal: AbortSignal.abort() });
    assert.equal(report.cancelled, true);
    assert.ok(report.checks.every((check) => check.status === 'skip'));
  });

  it('runs only the checks asked for and those they need', async () => {
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl), { only: ['rate-limits'] });
    assert.deepEqual(
      report.checks.map((check) => check.id),
      ['config', 'proxy', 'dns', 'tcp', 'tls', 'auth', 'rate-limits'],
    );
    assert.equal(checkOf(report, 'rate-limits').status, 'pass');
  });

  it('turns a throwing progress callback into nothing worse than a missed update', async () => {
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl), {
      only: ['config'],
      onProgress: () => {
        throw new Error('view disposed');
      },
    });
    assert.equal(checkOf(report, 'config').status, 'pass');
  });
});

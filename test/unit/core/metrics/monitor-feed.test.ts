// The metrics a running monitor feeds, on a simulated clock against the
// simulator driven by the same clock: each probe round is counted once,
// however many snapshots the monitor sends between rounds.
import assert from 'node:assert/strict';
import { createHealthMetrics } from '../../../../src/core/metrics/health-metrics';
import { feedMetrics, recordTraffic } from '../../../../src/core/metrics/monitor-feed';
import { HealthMonitor } from '../../../../src/core/monitor';
import { createNodeFetch, type NodeFetch } from '../../../../src/core/net/node-fetch';
import { settingsFrom } from '../../../../src/core/settings';
import { ManualClock } from '../../../support/manual-clock';
import { SimClient } from '../../../support/sim-client';
import { runFor } from '../support/drive';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';

/** The value of one series in a scrape, 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('metrics fed from the monitor', function () {
  this.timeout(30_000);
  let clock: ManualClock;
  let sim: SimClient;
  let transport: NodeFetch;
  let monitor: HealthMonitor;

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    sim = await SimClient.start({ scenario: 'healthy', clock, requiredApiKey: SENTINEL_KEY });
    transport = createNodeFetch({ env: {} });
    monitor = new HealthMonitor({
      clock,
      timers: clock,
      settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.mode': 'message', 'probe.models': ['claude-haiku-4-5', 'claude-opus-4-5'] }),
      fetch: transport.fetch,
      getApiKey: () => SENTINEL_KEY,
      env: {},
    });
  });
  afterEach(async () => {
    monitor.dispose();
    transport.close();
    await sim.close();
  });

  it('counts every probe result once, with its code, latency, rate limits and retry-after, and follows the health', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    let snapshots = 0;
    monitor.onDidChange(() => snapshots++);
    const feed = feedMetrics(monitor, metrics, () => ['k8w3r06qmzrp']);
    monitor.start();
    await runFor(clock, monitor, 150_000);
    const ok = value(await metrics.render(), 'claude_health_requests_total{source="probe",kind="ok",code="200"}');
    const probes = (await sim.requests()).filter((r) => r.path === '/v1/messages').length;
    assert.ok(probes >= 6, `three rounds of two models at least (${probes})`);
    assert.equal(ok, probes, 'one count per probe request');
    assert.ok(snapshots > probes / 2, 'more snapshots than rounds, yet no round counted twice');

    await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 42 }, { kind: 'overloaded' }]);
    await runFor(clock, monitor, 60_000);
    const text = await metrics.render();
    assert.equal(value(text, 'claude_health_requests_total{source="probe",kind="rate_limited",code="429"}'), 1);
    assert.equal(value(text, 'claude_health_requests_total{source="probe",kind="overloaded",code="529"}'), 1);
    assert.equal(value(text, 'claude_health_retry_after_seconds'), 42);
    assert.ok(value(text, 'claude_health_ratelimit_limit{dimension="requests"}') > 0);
    assert.equal(value(text, 'claude_health_request_duration_seconds_count{source="probe"}'), probes + 2);
    assert.equal(value(text, `claude_health_state{state="${monitor.snapshot().health.state}"}`), 1);
    assert.equal(value(text, 'claude_health_status_page_component{component="Claude API (api.anthropic.com)",component_id="k8w3r06qmzrp",status="operational"}'), 1);
    assertNoSentinel(text, 'the scrape');

    const okBefore = value(text, 'claude_health_requests_total{source="probe",kind="ok",code="200"}');
    feed.dispose();
    await runFor(clock, monitor, 120_000);
    assert.ok((await sim.requests()).filter((r) => r.path === '/v1/messages').length > probes + 2, 'the monitor kept probing');
    assert.equal(value(await metrics.render(), 'claude_health_requests_total{source="probe",kind="ok",code="200"}'), okBefore, 'nothing counted once disposed');
  });
});

describe('metrics feed: real traffic', () => {
  it('counts each row of the user\'s own traffic once under its source, kind and code', async () => {
    const metrics = createHealthMetrics();
    recordTraffic(metrics, [
      { at: Date.UTC(2026, 0, 1), source: 'claude-code', kind: 'overloaded', status: 529 },
      { at: Date.UTC(2026, 0, 1), source: 'tap', kind: 'ok', status: 200, latencyMs: 250 },
      { at: Date.UTC(2026, 0, 1), source: 'tap', kind: 'network' },
      { at: Date.UTC(2026, 0, 1), source: 'probe', kind: 'ok', status: 200 },
    ]);
    const text = await metrics.registry.metrics();
    assert.match(text, /^claude_health_requests_total\{source="claude-code",kind="overloaded",code="529"\} 1$/m);
    assert.match(text, /^claude_health_requests_total\{source="tap",kind="ok",code="200"\} 1$/m);
    assert.match(text, /^claude_health_requests_total\{source="tap",kind="network",code="none"\} 1$/m);
    assert.doesNotMatch(text, /^claude_health_requests_total\{source="probe",kind="ok",code="200"\} 1$/m, 'probe rows come from the probe rounds, not here');
  });
});

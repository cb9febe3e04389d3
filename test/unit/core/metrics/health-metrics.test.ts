import assert from 'node:assert/strict';
import { HEALTH_STATES } from '../../../../src/core/health';
import { createHealthMetrics, METRIC_DEFINITIONS, statusCodeLabel } from '../../../../src/core/metrics/health-metrics';
import { REQUEST_KINDS, REQUEST_SOURCES, requestKindOfProbeOutcome } from '../../../../src/core/signals/request-kinds';
import { PROBE_OUTCOMES } from '../../../../src/core/probe/types';
import type { StatusSnapshot } from '../../../../src/core/statuspage/types';

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);

function snapshot(): StatusSnapshot {
  return {
    indicator: 'minor',
    description: 'Partially Degraded Service',
    components: [
      { id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', status: 'degraded_performance' },
      { id: 'rwppv331jlwc', name: 'claude.ai', status: 'operational' },
    ],
    incidents: [
      { id: 'inc1', name: 'Elevated errors', status: 'investigating', impact: 'minor', componentIds: ['k8w3r06qmzrp'] },
    ],
    maintenances: [],
    fetchedAt: AT,
    warnings: [],
  };
}

/** name{labels} value, for the series in a scrape. */
function series(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('health metrics (prom-client)', () => {
  it('registers exactly the documented metrics, with their types, help and labels', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    const json = await metrics.registry.getMetricsAsJSON();
    const found = json.map((m) => ({ name: m.name, type: String(m.type), help: m.help }));
    assert.deepEqual(
      found.sort((a, b) => a.name.localeCompare(b.name)),
      METRIC_DEFINITIONS.map((d) => ({ name: d.name, type: d.type, help: d.help })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    metrics.recordRequest({ source: 'probe', kind: 'ok', httpStatus: 200, latencyMs: 120, at: AT });
    metrics.setStatusPage(snapshot(), ['k8w3r06qmzrp']);
    metrics.setRateLimits({ requests: { limit: 50, remaining: 49 } });
    metrics.setRetryAfter(3);
    for (const m of await metrics.registry.getMetricsAsJSON()) {
      const documented = METRIC_DEFINITIONS.find((d) => d.name === m.name)!;
      for (const value of m.values) {
        const labels = Object.keys(value.labels).filter((l) => l !== 'le');
        assert.deepEqual(labels.sort(), [...documented.labels].sort(), `${m.name} labels`);
      }
    }
  });

  it('adds prom-client process metrics unless told not to', async () => {
    const text = await createHealthMetrics().render();
    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.match(text, /^nodejs_eventloop_lag_seconds /m);
    // Registered, though it has a sample per handle type only while such handles exist.
    assert.match(text, /^# TYPE nodejs_active_handles gauge$/m);
    const misnamed = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].filter(([, name, type]) => type !== 'counter' && name!.endsWith('_total'));
    assert.deepEqual(misnamed.map(([, name]) => name), [], 'only counters end in _total (promtool check metrics)');
  });

  it('sets exactly one health state to 1', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    for (const state of HEALTH_STATES) {
      metrics.setHealth(state);
      const s = series(await metrics.render());
      for (const other of HEALTH_STATES) assert.equal(s.get(`claude_health_state{state="${other}"}`), other === state ? 1 : 0);
    }
  });

  it('counts requests by source, kind and code, from 0 for every source and kind', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    let s = series(await metrics.render());
    for (const source of REQUEST_SOURCES) {
      for (const kind of REQUEST_KINDS) assert.equal(s.get(`claude_health_requests_total{source="${source}",kind="${kind}",code="none"}`), 0);
    }
    metrics.recordRequest({ source: 'probe', kind: 'overloaded', httpStatus: 529, latencyMs: 80, at: AT });
    metrics.recordRequest({ source: 'probe', kind: 'overloaded', httpStatus: 529, latencyMs: 90, at: AT });
    metrics.recordRequest({ source: 'tap', kind: 'network', latencyMs: 10_000, at: AT });
    metrics.recordRequest({ source: 'probe', kind: 'ok', httpStatus: 200, latencyMs: 120, at: AT + 1500 });
    s = series(await metrics.render());
    assert.equal(s.get('claude_health_requests_total{source="probe",kind="overloaded",code="529"}'), 2);
    assert.equal(s.get('claude_health_requests_total{source="tap",kind="network",code="none"}'), 1);
    assert.equal(s.get('claude_health_request_duration_seconds_count{source="probe"}'), 3);
    assert.equal(s.get('claude_health_request_duration_seconds_bucket{le="0.1",source="probe"}'), 2);
    assert.equal(s.get('claude_health_request_duration_seconds_bucket{le="10",source="tap"}'), 1);
    assert.equal(s.get('claude_health_last_success_timestamp_seconds{source="probe"}'), Math.floor((AT + 1500) / 1000));
  });

  it('keeps the code label bounded: only real HTTP statuses, else none', () => {
    assert.equal(statusCodeLabel(529), '529');
    for (const odd of [undefined, 0, 99, 600, 999, 200.5, Number.NaN, -1]) assert.equal(statusCodeLabel(odd), 'none');
  });

  it('maps every probe outcome to a request kind', () => {
    for (const outcome of PROBE_OUTCOMES) assert.ok(REQUEST_KINDS.includes(requestKindOfProbeOutcome(outcome)), outcome);
    assert.equal(requestKindOfProbeOutcome('overloaded'), 'overloaded');
    assert.equal(requestKindOfProbeOutcome('timeout'), 'network');
    assert.equal(requestKindOfProbeOutcome('auth_error'), 'auth');
  });

  it('shows the watched components only, one status each, and the open incidents', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    metrics.setStatusPage(snapshot(), ['k8w3r06qmzrp']);
    let s = series(await metrics.render());
    const api = 'component="Claude API (api.anthropic.com)",component_id="k8w3r06qmzrp"';
    assert.equal(s.get(`claude_health_status_page_component{${api},status="degraded_performance"}`), 1);
    assert.equal(s.get(`claude_health_status_page_component{${api},status="operational"}`), 0);
    assert.ok(![...s.keys()].some((k) => k.includes('rwppv331jlwc')), 'an unwatched component has no series');
    assert.equal(s.get('claude_health_status_page_incidents_open'), 1);
    metrics.setStatusPage(undefined, ['k8w3r06qmzrp']);
    s = series(await metrics.render());
    assert.ok(![...s.keys()].some((k) => k.startsWith('claude_health_status_page_component{')), 'no page, no component series');
  });

  it('reports rate-limit headroom per dimension and the last retry-after', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    metrics.setRateLimits({ requests: { limit: 50, remaining: 4 }, inputTokens: { limit: 40_000, remaining: 39_000 } });
    metrics.setRetryAfter(12);
    metrics.setRetryAfter(Number.NaN);
    const s = series(await metrics.render());
    assert.equal(s.get('claude_health_ratelimit_remaining{dimension="requests"}'), 4);
    assert.equal(s.get('claude_health_ratelimit_limit{dimension="input_tokens"}'), 40_000);
    assert.equal(s.get('claude_health_retry_after_seconds'), 12);
  });
});

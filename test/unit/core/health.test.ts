import assert from 'node:assert/strict';
import { assessHealth, describeRecentFailures, type HealthInput } from '../../../src/core/health';
import type { ProbeResult } from '../../../src/core/probe/types';
import type { ProbeEvent } from '../../../src/core/signals/probe-log';
import type { StatusSnapshot } from '../../../src/core/statuspage/types';
import { pageVerdict } from '../../../src/core/statuspage/verdict';

const API = 'k8w3r06qmzrp';
const policy = { degradeAfter: 2, recoverAfter: 2 };

function page(status: 'operational' | 'partial_outage' | 'major_outage' | 'under_maintenance' = 'operational'): StatusSnapshot {
  return {
    indicator: status === 'operational' ? 'none' : 'major',
    description: '',
    components: [{ id: API, name: 'Claude API', status }],
    incidents: status === 'operational' ? [] : [{ id: 'i1', name: 'Elevated errors', status: 'identified', impact: 'major', componentIds: [API] }],
    maintenances: [],
    fetchedAt: 0,
    warnings: [],
  };
}

function events(...outcomes: ProbeEvent['outcome'][]): ProbeEvent[] {
  return outcomes.map((outcome, i) => ({ at: i * 60_000, outcome, latencyMs: 200 + i, httpStatus: outcome === 'overloaded' ? 529 : 200 }));
}

function input(overrides: Partial<HealthInput>): HealthInput {
  return {
    key: { kind: 'present' },
    page: pageVerdict(page(), undefined, [API]),
    verdict: 'good',
    recent: events('ok', 'ok', 'ok'),
    lastRound: [],
    policy,
    ...overrides,
  };
}

describe('health', () => {
  it('is operational when the page and the probes agree, and says both', () => {
    const health = assessHealth(input({}));
    assert.equal(health.state, 'operational');
    assert.equal(health.reasons[0], 'status page: operational; the last 3 probes succeeded (median 201 ms)');
  });

  it('believes the probes over a green page, in words', () => {
    const health = assessHealth(input({ verdict: 'degraded', recent: events('ok', 'overloaded', 'ok', 'overloaded', 'overloaded') }));
    assert.equal(health.state, 'degraded');
    assert.equal(health.reasons[0], 'status page: operational, but 2 of the last 3 probes got 529 overloaded');
    const failing = assessHealth(input({ verdict: 'failing', recent: events('overloaded', 'timeout', 'overloaded') }));
    assert.equal(failing.state, 'outage');
    assert.equal(failing.reasons[0], 'status page: operational, but 3 of the last 3 probes failed (529 overloaded ×2, timeouts ×1)');
  });

  it('mentions failures under the threshold without changing state', () => {
    const health = assessHealth(input({ recent: events('ok', 'overloaded', 'ok') }));
    assert.equal(health.state, 'operational');
    assert.match(health.reasons[0] ?? '', /1 of the last 3 probes got 529 overloaded, under the threshold of 2/);
  });

  it('believes the page when it reports trouble the probes do not see', () => {
    const health = assessHealth(input({ page: pageVerdict(page('partial_outage'), undefined, [API]) }));
    assert.equal(health.state, 'degraded');
    assert.match(health.reasons[0] ?? '', /^status page: Claude API partial outage \(Elevated errors\), but the last 3 probes succeeded/);
    assert.equal(assessHealth(input({ page: pageVerdict(page('major_outage'), undefined, [API]) })).state, 'outage');
  });

  it('shows maintenance unless the probes say it is down', () => {
    const maintenance = pageVerdict(page('under_maintenance'), undefined, [API]);
    assert.equal(assessHealth(input({ page: maintenance })).state, 'maintenance');
    assert.equal(assessHealth(input({ page: maintenance, verdict: 'degraded' })).state, 'maintenance');
    assert.equal(assessHealth(input({ page: maintenance, verdict: 'failing', recent: events('timeout', 'timeout', 'timeout') })).state, 'outage');
  });

  it('is unknown when nothing is known, never operational', () => {
    const unreadable = pageVerdict(undefined, { kind: 'timeout', message: 'no complete answer within 10 s' }, [API]);
    const health = assessHealth(input({ page: unreadable, verdict: 'none', recent: [] }));
    assert.equal(health.state, 'unknown');
    assert.equal(health.reasons[0], 'status page unreadable: no complete answer within 10 s; no probe result yet');
    assert.equal(assessHealth(input({ page: unreadable })).state, 'operational', 'good probes still count when the page is unreadable');
  });

  it('is unconfigured without a key, unless the page reports trouble', () => {
    const noKey = assessHealth(input({ key: { kind: 'missing' }, verdict: 'none', recent: [] }));
    assert.equal(noKey.state, 'unconfigured');
    assert.equal(noKey.reasons[0], 'status page: operational');
    assert.match(noKey.reasons[1] ?? '', /^no API key set/);
    const outage = assessHealth(input({ key: { kind: 'missing' }, page: pageVerdict(page('major_outage'), undefined, [API]) }));
    assert.equal(outage.state, 'outage');
    const held = assessHealth(input({ key: { kind: 'held_back', reason: 'the key is held back' } }));
    assert.equal(held.state, 'unconfigured');
    assert.equal(held.reasons[1], 'the key is held back');
  });

  it('treats a rejected key as unconfigured and a refused model as a hint', () => {
    const round = (outcome: ProbeResult['outcome'], message: string, model?: string): ProbeResult => ({ mode: 'message', outcome, at: 0, latencyMs: 1, rateLimit: {}, message, ...(model ? { model } : {}) });
    const rejected = assessHealth(input({ lastRound: [round('auth_error', '401 authentication_error: the API key was rejected')] }));
    assert.equal(rejected.state, 'unconfigured');
    assert.match(rejected.reasons[1] ?? '', /the API key was rejected/);
    const refused = assessHealth(input({ lastRound: [round('bad_request', '404 not_found_error: request rejected', 'claude-old')] }));
    assert.equal(refused.state, 'operational');
    assert.match(refused.reasons[1] ?? '', /the probe for claude-old was refused .*claudeHealth\.probe\.models/);
  });

  it('describes recent failures by kind', () => {
    assert.equal(describeRecentFailures(events('ok', 'ok'), 3), undefined);
    assert.equal(describeRecentFailures(events('overloaded'), 3), 'the last probe got 529 overloaded');
    const spend: ProbeEvent[] = [{ at: 0, outcome: 'rate_limited', latencyMs: 1, spendLimit: true }];
    assert.equal(describeRecentFailures(spend, 3), 'the last probe got 429 spend limit');
  });
});

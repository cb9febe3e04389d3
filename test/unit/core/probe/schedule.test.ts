import assert from 'node:assert/strict';
import { nextProbeDelayMs, nextStatusPageDelayMs, retryAfterUntil } from '../../../../src/core/probe/schedule';
import type { ProbeResult } from '../../../../src/core/probe/types';

const NOW = 1_000_000;
const result = (outcome: ProbeResult['outcome'], extra: Partial<ProbeResult> = {}): ProbeResult => ({ mode: 'models', outcome, at: NOW, latencyMs: 10, rateLimit: {}, message: '', ...extra });
const base = { intervalMs: 60_000, now: NOW, overloadedRounds: 0, degradeAfter: 2 };

describe('probe schedule', () => {
  it('probes at the interval when all is well', () => {
    assert.equal(nextProbeDelayMs({ ...base, lastRound: [result('ok')] }), 60_000);
  });

  it('never probes before retry-after expires', () => {
    const round = [result('rate_limited', { retryAfterSeconds: 600 })];
    const until = retryAfterUntil(round, undefined, NOW);
    assert.equal(until, NOW + 600_000);
    assert.equal(nextProbeDelayMs({ ...base, lastRound: round, retryAfterUntil: until }), 600_000);
    assert.equal(retryAfterUntil([result('ok')], NOW + 5000, NOW), NOW + 5000, 'an earlier retry-after still holds');
    assert.equal(retryAfterUntil([result('ok')], NOW - 1, NOW), undefined);
  });

  it('keeps the cadence on the first overloads and backs off once the overload is established', () => {
    const round = [result('overloaded')];
    assert.equal(nextProbeDelayMs({ ...base, lastRound: round, overloadedRounds: 1 }), 60_000);
    assert.equal(nextProbeDelayMs({ ...base, lastRound: round, overloadedRounds: 2 }), 90_000);
  });

  it('slows right down for a rejected key or a spend limit', () => {
    assert.equal(nextProbeDelayMs({ ...base, lastRound: [result('auth_error')] }), 300_000);
    assert.equal(nextProbeDelayMs({ ...base, lastRound: [result('rate_limited', { spendLimit: true })] }), 300_000);
    assert.equal(nextProbeDelayMs({ ...base, intervalMs: 3_600_000, lastRound: [result('auth_error')] }), 3_600_000);
  });

  it('backs the status page off on failure, up to ten minutes', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => nextStatusPageDelayMs(60_000, n)), [60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    assert.equal(nextStatusPageDelayMs(1_800_000, 3), 1_800_000);
  });
});

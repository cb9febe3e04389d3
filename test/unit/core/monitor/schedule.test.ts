import assert from 'node:assert/strict';
import { isUnsettled, nextProbeDelayMs, recoveryStreak, retryAfterUntil } from '../../../../src/core/monitor/schedule';
import type { ProbeResult } from '../../../../src/core/probe/types';

const NOW = 1_000_000;
const result = (outcome: ProbeResult['outcome'], extra: Partial<ProbeResult> = {}): ProbeResult => ({ mode: 'models', outcome, at: NOW, latencyMs: 10, rateLimit: {}, message: '', ...extra });
const base = { intervalMs: 60_000, now: NOW, verdict: 'good' as const, recoverAfter: 2 };

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

  it('probes twice an interval after a bad result, and lets the M good results that clear a fault come quickly', () => {
    const overloaded = [result('overloaded')];
    assert.equal(nextProbeDelayMs({ ...base, lastRound: overloaded }), 30_000, 'a first 529 is confirmed or dismissed within the interval');
    assert.equal(nextProbeDelayMs({ ...base, verdict: 'degraded', lastRound: overloaded }), 30_000);
    assert.equal(nextProbeDelayMs({ ...base, verdict: 'failing', lastRound: [result('network_error')] }), 30_000);
    assert.equal(nextProbeDelayMs({ ...base, verdict: 'degraded', lastRound: [result('ok')] }), 15_000, 'clearing: I/(2S)');
    assert.equal(nextProbeDelayMs({ ...base, verdict: 'degraded', recoverAfter: 4, lastRound: [result('ok')] }), 7_500);
    assert.equal(nextProbeDelayMs({ ...base, intervalMs: 5_000, verdict: 'degraded', recoverAfter: 10, lastRound: [result('ok')] }), 1_000, 'never faster than once a second');
    assert.equal(nextProbeDelayMs({ ...base, lastRound: [result('ok')] }), 60_000, 'settled and good: the plain interval');
  });

  it('recovers within one interval of the fault clearing, wherever in the cycle it clears', () => {
    // Replays the cadence: bad results until the fault clears at clearAt, good after.
    for (const setting of [1, 2, 3, 5]) {
      const recoverAfter = recoveryStreak(setting);
      for (let clearAt = 0; clearAt < 60_000; clearAt += 1_000) {
        let now = -120_000;
        let verdict: 'good' | 'degraded' = 'degraded';
        let goodInRow = 0;
        for (;;) {
          const outcome = now < clearAt ? 'overloaded' : 'ok';
          goodInRow = outcome === 'ok' ? goodInRow + 1 : 0;
          if (goodInRow >= recoverAfter) verdict = 'good';
          if (verdict === 'good') break;
          now += nextProbeDelayMs({ ...base, now, recoverAfter, verdict, lastRound: [result(outcome)] });
        }
        assert.ok(now - clearAt <= 60_000, `recoverAfter ${recoverAfter}, cleared at ${clearAt}: healthy ${now - clearAt} ms later`);
      }
    }
  });

  it('counts only bad outcomes as unsettling: neutral ones (a rejected key, a bad request) do not speed probing up', () => {
    assert.equal(isUnsettled('good', [result('auth_error')]), false);
    assert.equal(isUnsettled('good', [result('bad_request')]), false);
    assert.equal(isUnsettled('good', [result('ok'), result('rate_limited')]), true);
    assert.equal(isUnsettled('none', []), false);
  });

  it('the server still wins while unsettled: retry-after holds the next probe back', () => {
    const round = [result('rate_limited', { retryAfterSeconds: 45 })];
    assert.equal(nextProbeDelayMs({ ...base, verdict: 'degraded', lastRound: round, retryAfterUntil: NOW + 45_000 }), 45_000);
  });

  it('slows right down for a rejected key or a spend limit', () => {
    assert.equal(nextProbeDelayMs({ ...base, lastRound: [result('auth_error')] }), 300_000);
    assert.equal(nextProbeDelayMs({ ...base, lastRound: [result('rate_limited', { spendLimit: true })] }), 300_000);
    assert.equal(nextProbeDelayMs({ ...base, intervalMs: 3_600_000, lastRound: [result('auth_error')] }), 3_600_000);
  });
});

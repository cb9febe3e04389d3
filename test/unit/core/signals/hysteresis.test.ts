import assert from 'node:assert/strict';
import type { ProbeOutcome } from '../../../../src/core/probe/types';
import { nextVerdict, verdictAfter, type HysteresisPolicy } from '../../../../src/core/signals/hysteresis';

const DEFAULT: HysteresisPolicy = { degradeAfter: 2, recoverAfter: 2 };
const ok: ProbeOutcome = 'ok';
const x: ProbeOutcome = 'overloaded';

describe('probe verdict with hysteresis', () => {
  it('does not move on one stray 529', () => {
    assert.equal(verdictAfter([ok, ok, x, ok, ok, x, ok], DEFAULT), 'good');
  });

  it('degrades at N bad among the last 2N-1, and fails when all recent ones are bad', () => {
    assert.equal(verdictAfter([ok, x, ok, x], DEFAULT), 'degraded');
    assert.equal(verdictAfter([ok, x, x], DEFAULT), 'degraded');
    assert.equal(verdictAfter([ok, x, x, x], DEFAULT), 'failing');
    const three: HysteresisPolicy = { degradeAfter: 3, recoverAfter: 2 };
    assert.equal(verdictAfter([x, ok, x, ok], three), 'good');
    assert.equal(verdictAfter([x, ok, x, ok, x], three), 'degraded');
  });

  it('recovers only after M good results in a row', () => {
    assert.equal(verdictAfter([x, x, x, ok], DEFAULT), 'failing');
    assert.equal(verdictAfter([x, x, x, ok, ok], DEFAULT), 'good');
    assert.equal(verdictAfter([x, x, ok, x, ok], DEFAULT), 'degraded');
    assert.equal(verdictAfter([x, x, x, ok, ok], { degradeAfter: 2, recoverAfter: 3 }), 'failing');
  });

  it('never calls a run of 429s an outage: the limit is yours', () => {
    assert.equal(verdictAfter(['rate_limited', 'rate_limited', 'rate_limited', 'rate_limited'], DEFAULT), 'degraded');
  });

  it('ignores results that say the probe is misconfigured', () => {
    assert.equal(verdictAfter([ok, 'bad_request', 'auth_error', 'bad_request'], DEFAULT), 'good');
    assert.equal(nextVerdict('none', ['bad_request'], DEFAULT), 'none');
  });

  it('degrades on the first bad result when N is 1', () => {
    assert.equal(verdictAfter([ok, 'timeout'], { degradeAfter: 1, recoverAfter: 1 }), 'degraded');
  });
});

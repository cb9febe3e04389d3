import assert from 'node:assert/strict';
import { ManualClock } from '../../support/manual-clock';

describe('ManualClock', () => {
  it('fires timers in due order as time advances, ties in the order they were set', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    clock.advance(15);
    assert.deepEqual(fired, ['a@10']);
    assert.equal(clock.now(), 15);
    clock.advance(5);
    assert.deepEqual(fired, ['a@10', 'b@20', 'c@20']);
  });

  it('fires a timer set by a callback within the same advance, at its own time', () => {
    const clock = new ManualClock(0);
    const times: number[] = [];
    const tick = () => {
      times.push(clock.now());
      if (times.length < 5) clock.setTimeout(tick, 60_000);
    };
    clock.setTimeout(tick, 0);
    clock.advance(3_600_000);
    assert.deepEqual(times, [0, 60_000, 120_000, 180_000, 240_000]);
    assert.equal(clock.now(), 3_600_000);
  });

  it('cancels, and runNext jumps to the next timer', () => {
    const clock = new ManualClock(1000);
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 10);
    handle.cancel();
    handle.cancel();
    assert.equal(clock.runNext(), false);
    clock.setTimeout(() => fired++, 500);
    assert.equal(clock.nextDueAt(), 1500);
    assert.equal(clock.runNext(), true);
    assert.equal(fired, 1);
    assert.equal(clock.now(), 1500);
    assert.equal(clock.pendingCount, 0);
  });
});

// The loop both sources share, on a simulated clock with runs that end when the test says.
import assert from 'node:assert/strict';
import { PollLoop, type PollTask, type RunContext, type RunGate, type RunOutcome } from '../../../../src/core/monitor/poll-loop';
import { ManualClock } from '../../../support/manual-clock';

interface PendingRun {
  context: RunContext;
  finish(outcome: RunOutcome): void;
  fail(error: unknown): void;
}

/** A task whose runs wait for the test to finish them. */
class ScriptedTask implements PollTask {
  gateAnswer: RunGate = 'run';
  readonly runs: PendingRun[] = [];
  readonly recovered: unknown[] = [];
  reports = 0;

  gate(): RunGate {
    return this.gateAnswer;
  }

  run(context: RunContext): Promise<RunOutcome> {
    return new Promise((resolve, reject) => this.runs.push({ context, finish: resolve, fail: reject }));
  }

  recover(error: unknown): RunOutcome {
    this.recovered.push(error);
    return { nextInMs: 5000, report: false };
  }

  report(): void {
    this.reports++;
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('poll loop', () => {
  let clock: ManualClock;
  let task: ScriptedTask;
  let loop: PollLoop;

  beforeEach(() => {
    clock = new ManualClock(0);
    task = new ScriptedTask();
    loop = new PollLoop(clock, clock, task);
  });
  afterEach(() => loop.dispose());

  it('schedules, runs, reports, and schedules the next run from the outcome', async () => {
    loop.schedule(1000);
    assert.equal(loop.nextRunAt, 1000);
    clock.advance(1000);
    assert.equal(task.runs.length, 1);
    assert.equal(loop.nextRunAt, undefined, 'nothing is scheduled while a run is in flight');
    task.runs[0]!.finish({ nextInMs: 60_000, report: true });
    await loop.inFlight;
    assert.equal(task.reports, 1);
    assert.equal(loop.nextRunAt, 61_000);
  });

  it('never starts a second run while one is in flight', async () => {
    loop.schedule(0);
    clock.advance(0);
    loop.runNow();
    loop.runNow();
    clock.advance(3_600_000);
    assert.equal(task.runs.length, 1);
    task.runs[0]!.finish({ nextInMs: 10, report: false });
    await settle();
    loop.runNow();
    assert.equal(task.runs.length, 2);
  });

  it('parks when the gate says so, and runs again only once unparked', () => {
    task.gateAnswer = 'park';
    loop.schedule(0);
    clock.advance(0);
    assert.equal(loop.isParked, true);
    assert.equal(task.reports, 1, 'parking is reported');
    assert.equal(clock.pendingCount, 0);
    clock.advance(3_600_000);
    assert.equal(task.runs.length, 0);
    task.gateAnswer = 'run';
    assert.equal(loop.unpark(true), true);
    clock.advance(0);
    assert.equal(task.runs.length, 1);
    assert.equal(loop.unpark(true), false, 'unparking twice does nothing');
  });

  it('waits without running when the gate asks for a wait', () => {
    task.gateAnswer = { waitMs: 30_000 };
    loop.schedule(0);
    clock.advance(0);
    assert.equal(task.runs.length, 0);
    assert.equal(loop.nextRunAt, 30_000);
    task.gateAnswer = 'run';
    clock.advance(30_000);
    assert.equal(task.runs.length, 1);
  });

  it('drops a run invalidated while in flight and runs again at once, without a report', async () => {
    loop.schedule(0);
    clock.advance(0);
    const first = task.runs[0]!;
    loop.invalidate();
    assert.equal(first.context.isCurrent(), false);
    first.finish('stale');
    await settle();
    assert.equal(task.reports, 0);
    assert.equal(loop.nextRunAt, 0);
    clock.advance(0);
    assert.equal(task.runs[1]?.context.isCurrent(), true);
  });

  it('recovers from a throwing run and keeps polling', async () => {
    loop.schedule(0);
    clock.advance(0);
    task.runs[0]!.fail(new Error('a bug'));
    await settle();
    assert.deepEqual(task.recovered.map((e) => (e as Error).message), ['a bug']);
    assert.equal(loop.nextRunAt, 5000);
  });

  it('is silent after dispose: aborts the run in flight, schedules and reports nothing', async () => {
    loop.schedule(0);
    clock.advance(0);
    const run = task.runs[0]!;
    loop.dispose();
    assert.equal(run.context.signal.aborted, true);
    assert.equal(run.context.isCurrent(), false);
    run.finish({ nextInMs: 0, report: true });
    await settle();
    assert.equal(task.reports, 0);
    assert.equal(clock.pendingCount, 0);
    loop.schedule(0);
    loop.runNow();
    clock.advance(3_600_000);
    assert.equal(task.runs.length, 1);
    assert.equal(loop.inFlight, undefined);
  });
});

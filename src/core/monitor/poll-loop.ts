// One polling loop on the injected clock: schedule, run, report. Never two runs
// at once; parked while the user is idle until resumed; a run whose settings
// changed under it is dropped and run again; silent after dispose. The status
// page and the probes are both this loop with a different task.
import type { Clock, TimerHandle, Timers } from '../clock';

/** What to do after a run. */
export type RunOutcome =
  /** Run again after `nextInMs`; `report` says whether the source's state changed. */
  | { nextInMs: number; report: boolean }
  /** The settings changed under this run and its result was dropped: run again at once. */
  | 'stale';

/** Whether a run may start now. */
export type RunGate = 'run' | 'park' | { waitMs: number };

export interface RunContext {
  /** Aborted on dispose. */
  readonly signal: AbortSignal;
  /** False once the settings changed under this run (or the loop was disposed). */
  isCurrent(): boolean;
}

export interface PollTask {
  /** Asked before every run: 'park' waits for resume(), `waitMs` reschedules without running. */
  gate(): RunGate;
  run(context: RunContext): Promise<RunOutcome>;
  /** The run threw (a bug, not a network failure): log it and say when to try again. */
  recover(error: unknown): RunOutcome;
  /** The source's state changed: the monitor assesses it and tells its listeners. */
  report(): void;
}

export class PollLoop {
  private timer: TimerHandle | undefined;
  private nextAt: number | undefined;
  private running: Promise<void> | undefined;
  private parked = false;
  private generation = 0;
  private readonly disposal = new AbortController();

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly task: PollTask,
  ) {}

  /** When the next run is due, if one is scheduled. */
  get nextRunAt(): number | undefined {
    return this.nextAt;
  }

  get inFlight(): Promise<void> | undefined {
    return this.running;
  }

  get isParked(): boolean {
    return this.parked;
  }

  get isDisposed(): boolean {
    return this.disposal.signal.aborted;
  }

  /** Replaces any scheduled run with one `delayMs` from now. */
  schedule(delayMs: number): void {
    if (this.isDisposed) return;
    this.timer?.cancel();
    this.nextAt = this.clock.now() + delayMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  /** The run in flight, if any, ends with a result nobody wants: it is dropped and run again. */
  invalidate(): void {
    this.generation++;
  }

  /** Leaves the parked state, scheduling a run at once when `runSoon`. Returns whether it was parked. */
  unpark(runSoon: boolean): boolean {
    if (!this.parked) return false;
    this.parked = false;
    if (runSoon) this.schedule(0);
    return true;
  }

  /** Runs now in place of the scheduled run, unless one is in flight. */
  runNow(): void {
    if (this.running) return;
    this.timer?.cancel();
    this.timer = undefined;
    void this.run();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.disposal.abort();
  }

  private run(): Promise<void> {
    if (this.isDisposed || this.running) return this.running ?? Promise.resolve();
    const gate = this.task.gate();
    if (gate === 'park') {
      this.parked = true;
      this.nextAt = undefined;
      this.task.report();
      return Promise.resolve();
    }
    if (gate !== 'run') {
      this.schedule(gate.waitMs);
      this.task.report();
      return Promise.resolve();
    }
    this.nextAt = undefined;
    const generation = this.generation;
    const context: RunContext = {
      signal: this.disposal.signal,
      isCurrent: () => generation === this.generation && !this.isDisposed,
    };
    const run = this.task
      .run(context)
      .catch((error: unknown) => this.task.recover(error))
      .then((outcome) => this.finish(outcome))
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  private finish(outcome: RunOutcome): void {
    if (this.isDisposed) return;
    // Cleared before the report, so listeners see no run in flight.
    this.running = undefined;
    if (outcome === 'stale') {
      this.schedule(0);
      return;
    }
    this.schedule(outcome.nextInMs);
    if (!outcome.report) return;
    try {
      this.task.report();
    } catch (error) {
      // The next run is scheduled already; a failing report must not end the loop.
      this.task.recover(error);
    }
  }
}

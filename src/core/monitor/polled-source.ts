// What the status page and the probe sources share: a poll loop, started by
// start() or the first refresh, resumed on activity, silent after dispose.
import type { Clock, Timers } from '../clock';
import type { Settings } from '../settings';
import type { MonitorSource, ObservationSource, SourceSink } from './observation';
import { PollLoop, type RunContext, type RunGate, type RunOutcome } from './poll-loop';

export abstract class PolledSource implements MonitorSource {
  abstract readonly name: ObservationSource;
  protected readonly loop: PollLoop;
  protected started = false;

  protected constructor(clock: Clock, timers: Timers, protected readonly sink: SourceSink) {
    this.loop = new PollLoop(clock, timers, {
      gate: () => this.gate(),
      run: (context) => this.run(context),
      recover: (error) => this.recover(error),
      report: () => sink.reportChange(),
    });
  }

  get inFlight(): Promise<void> | undefined {
    return this.loop.inFlight;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.loop.schedule(0);
  }

  resume(): void {
    if (this.started) this.loop.unpark(true);
  }

  runNow(): void {
    this.started = true;
    this.loop.unpark(false);
    this.loop.runNow();
  }

  dispose(): void {
    this.loop.dispose();
  }

  abstract updateSettings(settings: Settings, previous: Settings): void;

  /** Parked while the user is idle or another window polls; sources with more reasons to wait add them. */
  protected gate(): RunGate {
    return this.sink.mayPoll() && this.sink.isActive() ? 'run' : 'park';
  }

  protected abstract run(context: RunContext): Promise<RunOutcome>;

  /** The run threw (a bug, not a network failure): log it and say when to try again. */
  protected abstract recover(error: unknown): RunOutcome;
}

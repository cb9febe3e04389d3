// The tap as one of the monitor's sources: it is not polled, its records are
// pushed as the user's app makes requests, and the monitor publishes them to
// the shared store for every window. They reach the monitor in small
// batches (an app may make hundreds of requests a second; the status bar
// needs to change a few times a second at most).
import type { TimerHandle, Timers } from '../clock';
import type { MonitorSource, SourceSink } from '../monitor/observation';
import type { StoredObservation } from '../store/stored-observation';
import { storedObservationOf } from './stored';
import type { TapRecord } from './tap-record';

/** How long records wait to be folded in together. */
export const TAP_BATCH_MS = 250;
const MAX_BATCH = 1000;

export class TapMonitorSource implements MonitorSource {
  readonly name = 'tap' as const;
  readonly inFlight = undefined;
  private sink: SourceSink | undefined;
  private pending: StoredObservation[] = [];
  private timer: TimerHandle | undefined;

  constructor(private readonly timers: Timers) {}

  /** For HealthMonitor's extraSources: `(sink) => source.attach(sink)`. */
  attach(sink: SourceSink): this {
    this.sink = sink;
    return this;
  }

  push(record: TapRecord): void {
    if (!this.sink) return;
    this.pending.push(storedObservationOf(record));
    if (this.pending.length > MAX_BATCH) this.pending.splice(0, this.pending.length - MAX_BATCH);
    this.timer ??= this.timers.setTimeout(() => this.flush(), TAP_BATCH_MS);
  }

  /** Folds what is pending into the monitor now. */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (!this.sink || batch.length === 0) return;
    // Real traffic: it feeds the traffic counts and verdict (and, through the monitor, the shared store), never the probe verdict.
    this.sink.recordTraffic(batch);
    this.sink.reportChange();
  }

  start(): void {}
  updateSettings(): void {}
  resume(): void {}
  runNow(): void {}

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.pending = [];
    this.sink = undefined;
  }
}

// The tap as one of the monitor's sources: it is not polled, its records are
// pushed as the user's app makes requests. They reach the monitor in small
// batches (an app may make hundreds of requests a second; the status bar
// needs to change a few times a second at most).
import type { TimerHandle, Timers } from '../clock';
import type { MonitorSource, Observation, SourceSink } from '../monitor/observation';
import type { ProbeOutcome } from '../probe/types';
import type { RequestKind } from '../signals/request-kinds';
import type { TapRecord } from './tap-record';

/** How long records wait to be folded in together. */
export const TAP_BATCH_MS = 250;
const MAX_BATCH = 1000;

const OUTCOME_OF_KIND: Record<RequestKind, ProbeOutcome> = {
  ok: 'ok',
  overloaded: 'overloaded',
  rate_limited: 'rate_limited',
  server_error: 'server_error',
  network: 'network_error',
  auth: 'auth_error',
  // The tap never sees one (plan limits are Claude Code's); not API trouble either way.
  plan_limit: 'bad_request',
  other: 'bad_request',
};

export function observationOfTapRecord(record: TapRecord): Observation {
  const observation: Observation = { source: 'tap', at: record.at, outcome: OUTCOME_OF_KIND[record.kind], latencyMs: record.latencyMs };
  if (record.status !== undefined) observation.httpStatus = record.status;
  if (record.retryAfterSeconds !== undefined) observation.retryAfterSeconds = record.retryAfterSeconds;
  if (record.model !== undefined) observation.model = record.model;
  return observation;
}

export class TapMonitorSource implements MonitorSource {
  readonly name = 'tap' as const;
  readonly inFlight = undefined;
  private sink: SourceSink | undefined;
  private pending: Observation[] = [];
  private timer: TimerHandle | undefined;

  constructor(private readonly timers: Timers) {}

  /** For HealthMonitor's extraSources: `(sink) => source.attach(sink)`. */
  attach(sink: SourceSink): this {
    this.sink = sink;
    return this;
  }

  push(record: TapRecord): void {
    if (!this.sink) return;
    this.pending.push(observationOfTapRecord(record));
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
    this.sink.record(batch);
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

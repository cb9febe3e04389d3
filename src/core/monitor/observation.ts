// The seam between the sources and the monitor. A source (the status page, the
// probes, later Claude Code transcripts or a local traffic tap) runs on its own
// schedule and reports through a SourceSink; the monitor folds what it hears
// into the signals, the health and the snapshot. A new source is a new file
// that implements MonitorSource and reports observations tagged with its name.
import type { Settings } from '../settings';
import type { ProbeVerdict } from '../signals/hysteresis';
import type { ProbeEvent } from '../signals/probe-log';
import type { StoredObservation } from '../store/stored-observation';

export type ObservationSource = 'probe' | 'status-page' | 'claude-code' | 'tap';

/** One outcome of one request to the API, as some source saw it. */
export interface Observation extends ProbeEvent {
  source: ObservationSource;
}

/** How a source reports to the monitor. */
export interface SourceSink {
  /** Outcomes the source saw, oldest first: they feed the window counts and the verdict. */
  record(observations: readonly Observation[]): void;
  /**
   * The user's own requests (Claude Code's transcripts, the tap), any order:
   * they feed the real-traffic counts and verdict, never the probe verdict.
   * Other sources' rows are ignored here.
   */
  recordTraffic(observations: readonly StoredObservation[]): void;
  /** Earlier observations of this source describe an old configuration: its verdict starts over. */
  restart(source: ObservationSource): void;
  /** The source's state changed (a page read, a round ended, a pause): assess the health again and tell listeners. */
  reportChange(): void;
  /** One line for the log; redacted on the way. Never carries the key. */
  log(line: string): void;
  /** False while the user is idle: polling sources park instead of running. */
  isActive(): boolean;
  /**
   * False while another window holds the prober lease: the probes, the status
   * page and the transcripts park, and this window reads that one's results
   * from the shared store. Always true without a shared store.
   */
  mayPoll(): boolean;
  /** The probe verdict after everything recorded so far (the probe cadence quickens while it is bad). */
  verdict(): ProbeVerdict;
}

/** What the monitor drives in every source. */
export interface MonitorSource {
  /** 'store': the shared store that other windows, the CLI and the tap write to. */
  readonly name: ObservationSource | 'store';
  /** Begins polling at once. Calling it again does nothing. */
  start(): void;
  /** Resets what the new settings invalidate and reschedules (only once started). */
  updateSettings(settings: Settings, previous: Settings): void;
  /** The user is back: a source parked while idle runs now. */
  resume(): void;
  /** Runs now unless a run is in flight (a forbidding server hint still holds). */
  runNow(): void;
  /** The run in flight, if any. */
  readonly inFlight: Promise<void> | undefined;
  dispose(): void;
}

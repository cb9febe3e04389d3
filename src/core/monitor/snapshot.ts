// What the monitor knows at one instant, for the views in src/core/view: the
// health, each source's reading and the signals. Plain data; views never fetch.
import type { Health } from '../health';
import type { Settings } from '../settings';
import type { ProbeVerdict } from '../signals/hysteresis';
import type { ProbeEvent } from '../signals/probe-log';
import type { WindowCounts } from '../signals/window-counts';
import type { KindCounts, TrafficObservation, TrafficSource } from '../signals/real-traffic';
import type { PageVerdict } from '../statuspage/verdict';
import type { ProbeReading } from './probe-source';
import type { StatusPageReading } from './status-page-source';

export interface MonitorSnapshot {
  now: number;
  health: Health;
  /** Since when the health has had its current state. */
  healthSince: number;
  /** What was wrong with the settings the monitor runs on (corrected values), for the tooltip. */
  settingsProblems: readonly string[];
  page: StatusPageReading & {
    verdict: PageVerdict;
    /** The polling interval, against which the data counts as stale. */
    intervalSeconds: number;
  };
  probe: ProbeReading & {
    verdict: ProbeVerdict;
    /** The probing interval, against which the data counts as stale. */
    intervalSeconds: number;
  };
  window: WindowCounts;
  /** The latest events, oldest first, for the sparkline (at most 60). */
  recent: readonly ProbeEvent[];
  /** The user's own requests within the window. */
  traffic: TrafficReading;
  /** Newest data the status bar shows (probe round, else page read). */
  dataAt?: number;
}

export interface TrafficReading {
  /** Per source and kind, over the same window as `window`. */
  counts: Record<TrafficSource, KindCounts>;
  /** The newest real failure in the window (not a plan limit). */
  latestError?: TrafficObservation;
  /** A subscription limit still in force. */
  planLimit?: TrafficObservation;
}

export interface SnapshotParts {
  now: number;
  health: Health;
  healthSince: number;
  settings: Settings;
  settingsProblems: readonly string[];
  page: StatusPageReading;
  pageVerdict: PageVerdict;
  probe: ProbeReading;
  probeVerdict: ProbeVerdict;
  window: WindowCounts;
  recent: readonly ProbeEvent[];
  traffic: TrafficReading;
}

export function buildSnapshot(parts: SnapshotParts): MonitorSnapshot {
  const snapshot: MonitorSnapshot = {
    now: parts.now,
    health: parts.health,
    healthSince: parts.healthSince,
    settingsProblems: parts.settingsProblems,
    page: { ...parts.page, verdict: parts.pageVerdict, intervalSeconds: parts.settings.statusPageIntervalSeconds },
    probe: { ...parts.probe, verdict: parts.probeVerdict, intervalSeconds: parts.settings.probeIntervalSeconds },
    window: parts.window,
    recent: parts.recent,
    traffic: parts.traffic,
  };
  const dataAt = parts.probe.lastRoundAt ?? parts.page.lastSuccessAt;
  if (dataAt !== undefined) snapshot.dataAt = dataAt;
  return snapshot;
}

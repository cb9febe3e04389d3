// Keeps the metrics in step with a running monitor: every probe round once,
// the health, the status page's watched components. It listens to the
// monitor's snapshots, the same ones the views get, so the metrics cannot say
// something the status bar does not.
import type { MonitorSnapshot, Subscription } from '../monitor';
import type { ProbeResult } from '../probe/types';
import { requestKindOfProbeOutcome } from '../signals/request-kinds';
import type { HealthMetrics } from './health-metrics';
import type { StoredObservation } from '../store/stored-observation';

/**
 * Tells each new probe round apart from a snapshot that repeats the last one.
 * The probe source replaces its round array when a round completes, so the
 * array's identity marks the round.
 */
export function roundTracker(): (snapshot: MonitorSnapshot) => readonly ProbeResult[] | undefined {
  let seen: readonly ProbeResult[] | undefined;
  return (snapshot) => {
    const round = snapshot.probe.lastRound;
    if (round === seen) return undefined;
    seen = round;
    return round.length > 0 ? round : undefined;
  };
}

/** One round's results as metrics: a request each, the rate limits and retry-after they carried. */
export function recordProbeRound(metrics: HealthMetrics, round: readonly ProbeResult[]): void {
  for (const result of round) {
    metrics.recordRequest({ source: 'probe', kind: requestKindOfProbeOutcome(result.outcome), httpStatus: result.httpStatus, latencyMs: result.latencyMs, at: result.at });
    metrics.setRateLimits(result.rateLimit);
    if (result.retryAfterSeconds !== undefined) metrics.setRetryAfter(result.retryAfterSeconds);
  }
}

export function recordSnapshot(metrics: HealthMetrics, snapshot: MonitorSnapshot, watchedComponentIds: readonly string[]): void {
  metrics.setHealth(snapshot.health.state);
  metrics.setStatusPage(snapshot.page.summary, watchedComponentIds);
}

interface ObservableMonitor {
  snapshot(): MonitorSnapshot;
  onDidChange(listener: (snapshot: MonitorSnapshot) => void): Subscription;
  /** The user's own requests (Claude Code, the tap) as they are recorded. */
  onDidRecordTraffic?(listener: (observations: readonly StoredObservation[]) => void): Subscription;
}

/** The user's own requests as metrics, one each, under their source. */
export function recordTraffic(metrics: HealthMetrics, observations: readonly StoredObservation[]): void {
  for (const observation of observations) {
    if (observation.source !== 'tap' && observation.source !== 'claude-code') continue;
    metrics.recordRequest({ source: observation.source, kind: observation.kind, httpStatus: observation.status, latencyMs: observation.latencyMs, at: observation.at });
    if (observation.retryAfterSeconds !== undefined) metrics.setRetryAfter(observation.retryAfterSeconds);
  }
}

/** Feeds the metrics from now on; `watched` gives the component ids the settings name. */
export function feedMetrics(monitor: ObservableMonitor, metrics: HealthMetrics, watched: () => readonly string[]): Subscription {
  const nextRound = roundTracker();
  const update = (snapshot: MonitorSnapshot) => {
    const round = nextRound(snapshot);
    if (round) recordProbeRound(metrics, round);
    recordSnapshot(metrics, snapshot, watched());
  };
  update(monitor.snapshot());
  const snapshots = monitor.onDidChange(update);
  const traffic = monitor.onDidRecordTraffic?.((observations) => recordTraffic(metrics, observations));
  return {
    dispose: () => {
      snapshots.dispose();
      traffic?.dispose();
    },
  };
}

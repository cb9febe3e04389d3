// The shapes the history view is built from: the monitor's kept events and
// timeline (HistoryData), and the choices a reader makes (range, source).
import type { ProbeOutcome } from '../probe/types';
import type { LoggedEvent } from '../signals/probe-log';
import { REQUEST_SOURCES, requestKindOfProbeOutcome, type RequestSource } from '../signals/request-kinds';
import type { HealthChange, StatusBand } from './timeline-log';

export interface HistoryData {
  now: number;
  retentionMs: number;
  /** Oldest first. */
  events: readonly LoggedEvent[];
  /** Oldest first. */
  health: readonly HealthChange[];
  bands: readonly StatusBand[];
}

/** The ranges offered, in hours; the longest shows only when the retention keeps that much. */
export const HISTORY_RANGES = [1, 6, 24, 168] as const;
export type HistoryRangeHours = (typeof HISTORY_RANGES)[number];

/** Bucket width per range: 120 to 168 buckets, whatever the range. */
const BUCKET_MS: Record<HistoryRangeHours, number> = { 1: 30_000, 6: 180_000, 24: 600_000, 168: 3_600_000 };

export function bucketMsFor(range: HistoryRangeHours): number {
  return BUCKET_MS[range];
}

export function isHistoryRange(value: unknown): value is HistoryRangeHours {
  return (HISTORY_RANGES as readonly unknown[]).includes(value);
}

/** Ranges worth offering under a retention (the shortest always). */
export function rangesWithin(retentionMs: number): HistoryRangeHours[] {
  return HISTORY_RANGES.filter((hours, index) => index === 0 || hours * 3_600_000 <= retentionMs * 1.01);
}

export type SourceChoice = 'all' | RequestSource;
export const SOURCE_CHOICES: readonly SourceChoice[] = ['all', ...REQUEST_SOURCES];

export function isSourceChoice(value: unknown): value is SourceChoice {
  return (SOURCE_CHOICES as readonly unknown[]).includes(value);
}

export function sourceOf(event: LoggedEvent): RequestSource {
  return event.source ?? 'probe';
}

export function matchesSource(event: LoggedEvent, source: SourceChoice): boolean {
  return source === 'all' || sourceOf(event) === source;
}

/** The series the requests chart stacks, bottom to top. */
export const CHART_KINDS = ['ok', 'overloaded', 'rate_limited', 'server_error', 'network', 'other'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export function chartKindOf(outcome: ProbeOutcome): ChartKind {
  const kind = requestKindOfProbeOutcome(outcome);
  return (CHART_KINDS as readonly string[]).includes(kind) ? (kind as ChartKind) : 'other';
}

/** Outcomes with a meaningful latency: the server answered (timeouts and network failures measure the wait). */
export function hasAnswerLatency(outcome: ProbeOutcome): boolean {
  return outcome !== 'timeout' && outcome !== 'network_error';
}

/** Index of the first event at or after `at` in a list sorted by time. */
export function firstIndexAtOrAfter(events: readonly { at: number }[], at: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle]?.at ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Everything the history panel draws for one range and source, as plain data
// the webview renders without computing anything: the buckets, the health
// timeline with its status bands, the heat map, the latest errors and totals.
import type { HealthState } from '../health';
import type { ProbeOutcome } from '../probe/types';
import type { RequestSource } from '../signals/request-kinds';
import { bucketEvents, bucketWindow, type BucketSeries } from './buckets';
import { bucketMsFor, CHART_KINDS, chartKindOf, firstIndexAtOrAfter, matchesSource, rangesWithin, sourceOf, type ChartKind, type HistoryData, type HistoryRangeHours, type SourceChoice } from './data';
import { heatMap, type HeatMap } from './heatmap';
import type { StatusBand } from './timeline-log';

export interface HealthSegment {
  from: number;
  to: number;
  state: HealthState | 'none';
}

export interface ErrorRow {
  at: number;
  source: RequestSource;
  kind: ChartKind;
  outcome: ProbeOutcome;
  httpStatus?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  model?: string;
}

export interface HistoryModel {
  now: number;
  rangeHours: HistoryRangeHours;
  ranges: HistoryRangeHours[];
  source: SourceChoice;
  from: number;
  to: number;
  bucketMs: number;
  buckets: BucketSeries;
  totals: Record<ChartKind, number>;
  /** Requests in the range per source, whatever the source chosen (for the picker). */
  sourceCounts: Record<RequestSource, number>;
  health: HealthSegment[];
  bands: StatusBand[];
  heat: HeatMap;
  /** Newest first, at most MAX_ERROR_ROWS. */
  errors: ErrorRow[];
  retentionHours: number;
}

export const MAX_ERROR_ROWS = 100;

export interface ModelChoice {
  rangeHours: HistoryRangeHours;
  source: SourceChoice;
  /** Local time minus UTC, in minutes. */
  utcOffsetMinutes: number;
}

export function buildHistoryModel(data: HistoryData, choice: ModelChoice): HistoryModel {
  const ranges = rangesWithin(data.retentionMs);
  const rangeHours = ranges.includes(choice.rangeHours) ? choice.rangeHours : ranges.at(-1)!;
  const window = bucketWindow(data.now, rangeHours * 3_600_000, bucketMsFor(rangeHours));
  const buckets = bucketEvents(data.events, window, choice.source);
  const totals = Object.fromEntries(CHART_KINDS.map((kind) => [kind, buckets.counts[kind].reduce((sum, n) => sum + n, 0)])) as Record<ChartKind, number>;
  return {
    now: data.now,
    rangeHours,
    ranges,
    source: choice.source,
    from: window.from,
    to: window.to,
    bucketMs: window.bucketMs,
    buckets,
    totals,
    sourceCounts: countSources(data, window.from, window.to),
    health: healthSegments(data.health, window.from, Math.min(window.to, data.now)),
    bands: data.bands.filter((band) => band.to >= window.from && band.from < window.to).map((band) => ({ ...band })),
    heat: heatMap(data.events, data.now, choice.utcOffsetMinutes, choice.source),
    errors: latestErrors(data, window.from, choice.source),
    retentionHours: Math.round(data.retentionMs / 3_600_000),
  };
}

/** The health's states over [from, to): what it was at `from` (none before the first note), then each change. */
export function healthSegments(changes: HistoryData['health'], from: number, to: number): HealthSegment[] {
  const segments: HealthSegment[] = [];
  let state: HealthSegment['state'] = 'none';
  let start = from;
  for (const change of changes) {
    if (change.at >= to) break;
    if (change.at <= from) {
      state = change.state;
      continue;
    }
    if (change.state === state) continue;
    segments.push({ from: start, to: change.at, state });
    state = change.state;
    start = change.at;
  }
  if (to > start) segments.push({ from: start, to, state });
  return segments;
}

function countSources(data: HistoryData, from: number, to: number): Record<RequestSource, number> {
  const counts: Record<RequestSource, number> = { probe: 0, tap: 0, 'claude-code': 0 };
  for (let index = firstIndexAtOrAfter(data.events, from); index < data.events.length; index++) {
    const event = data.events[index]!;
    if (event.at >= to) break;
    counts[sourceOf(event)]++;
  }
  return counts;
}

function latestErrors(data: HistoryData, from: number, source: SourceChoice): ErrorRow[] {
  const rows: ErrorRow[] = [];
  for (let index = data.events.length - 1; index >= 0 && rows.length < MAX_ERROR_ROWS; index--) {
    const event = data.events[index]!;
    if (event.at < from) break;
    if (event.outcome === 'ok' || !matchesSource(event, source)) continue;
    const row: ErrorRow = { at: event.at, source: sourceOf(event), kind: chartKindOf(event.outcome), outcome: event.outcome };
    if (event.httpStatus !== undefined) row.httpStatus = event.httpStatus;
    if (event.requestId !== undefined) row.requestId = event.requestId;
    if (event.retryAfterSeconds !== undefined) row.retryAfterSeconds = event.retryAfterSeconds;
    if (event.model !== undefined) row.model = event.model;
    rows.push(row);
  }
  return rows;
}

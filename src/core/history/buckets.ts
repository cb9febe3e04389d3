// Requests over time: the range cut into equal buckets aligned to the bucket
// width (so a live update moves the last bucket, never the others), with the
// count of each kind and the latency percentiles of each bucket.
import type { LoggedEvent } from '../signals/probe-log';
import { CHART_KINDS, chartKindOf, firstIndexAtOrAfter, hasAnswerLatency, matchesSource, type ChartKind, type SourceChoice } from './data';
import { latencyPercentiles } from './percentiles';

export interface BucketWindow {
  /** First bucket's start (ms epoch), inclusive. */
  from: number;
  /** Last bucket's end, exclusive. */
  to: number;
  bucketMs: number;
  count: number;
}

/** The `rangeMs` ending with the bucket that holds `now`. */
export function bucketWindow(now: number, rangeMs: number, bucketMs: number): BucketWindow {
  const count = Math.max(1, Math.round(rangeMs / bucketMs));
  const to = (Math.floor(now / bucketMs) + 1) * bucketMs;
  return { from: to - count * bucketMs, to, bucketMs, count };
}

export interface BucketSeries {
  /** Start of each bucket, ms epoch. */
  starts: number[];
  counts: Record<ChartKind, number[]>;
  /** Per bucket; null where no answered request fell in it (a gap in the line). */
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
}

/** Events (sorted by time) of one source choice, counted into the window's buckets. */
export function bucketEvents(events: readonly LoggedEvent[], window: BucketWindow, source: SourceChoice): BucketSeries {
  const starts = Array.from({ length: window.count }, (_, index) => window.from + index * window.bucketMs);
  const counts = Object.fromEntries(CHART_KINDS.map((kind) => [kind, new Array<number>(window.count).fill(0)])) as Record<ChartKind, number[]>;
  const latencies: number[][] = Array.from({ length: window.count }, () => []);
  for (let index = firstIndexAtOrAfter(events, window.from); index < events.length; index++) {
    const event = events[index]!;
    if (event.at >= window.to) break;
    if (!matchesSource(event, source)) continue;
    const bucket = Math.floor((event.at - window.from) / window.bucketMs);
    counts[chartKindOf(event.outcome)][bucket]!++;
    if (hasAnswerLatency(event.outcome)) latencies[bucket]!.push(event.latencyMs);
  }
  const percentiles = latencies.map((values) => latencyPercentiles(values));
  return {
    starts,
    counts,
    p50: percentiles.map((p) => p?.p50 ?? null),
    p95: percentiles.map((p) => p?.p95 ?? null),
    p99: percentiles.map((p) => p?.p99 ?? null),
  };
}

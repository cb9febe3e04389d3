// Nearest-rank percentiles: each is a value that was measured, so p99 of three
// latencies is the slowest of them, never an interpolation nobody saw.

/** The p-th percentile (0 < p <= 100) of values sorted ascending; undefined when there are none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** p50, p95 and p99 of unsorted values; undefined when there are none. */
export function latencyPercentiles(values: readonly number[]): LatencyPercentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return { p50: percentileOfSorted(list, 50)!, p95: percentileOfSorted(list, 95)!, p99: percentileOfSorted(list, 99)! };
}

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PROBE_OUTCOMES } from '../../../../src/core/probe/types';
import { bucketEvents, bucketWindow } from '../../../../src/core/history/buckets';
import { CHART_KINDS, chartKindOf, type SourceChoice } from '../../../../src/core/history/data';
import { latencyPercentiles, percentileOfSorted } from '../../../../src/core/history/percentiles';
import { REQUEST_SOURCES } from '../../../../src/core/signals/request-kinds';
import type { LoggedEvent } from '../../../../src/core/signals/probe-log';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('history percentiles (nearest rank)', () => {
  it('gives measured values: hand-computed cases', () => {
    assert.equal(percentileOfSorted([], 50), undefined);
    assert.equal(percentileOfSorted([7], 99), 7);
    // Ten values: p50 is the 5th, p95 and p99 the 10th.
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    assert.equal(percentileOfSorted(ten, 50), 50);
    assert.equal(percentileOfSorted(ten, 95), 100);
    assert.equal(percentileOfSorted(ten, 90), 90);
    // A hundred values 1..100: pN is N.
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.deepEqual(latencyPercentiles([...hundred].reverse()), { p50: 50, p95: 95, p99: 99 });
    assert.deepEqual(latencyPercentiles([300, 100, 200]), { p50: 200, p95: 300, p99: 300 });
  });

  it('are monotone (p50 <= p95 <= p99) and lie within the values', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 120_000 }), { minLength: 1, maxLength: 300 }), (values) => {
        const p = latencyPercentiles(values)!;
        assert.ok(p.p50 <= p.p95 && p.p95 <= p.p99);
        assert.ok(values.includes(p.p50) && values.includes(p.p99));
        assert.ok(p.p99 <= Math.max(...values) && p.p50 >= Math.min(...values));
      }),
    );
  });
});

describe('history buckets', () => {
  it('aligns the window to the bucket width, ending with the bucket that holds now', () => {
    const window = bucketWindow(T0 + 45_000, 3_600_000, 30_000);
    assert.deepEqual(window, { from: T0 + 60_000 - 3_600_000, to: T0 + 60_000, bucketMs: 30_000, count: 120 });
  });

  it('counts kinds and latency percentiles per bucket: a hand-computed case', () => {
    const window = bucketWindow(T0 + 59_999, 120_000, 60_000); // two buckets: [T0-60s, T0) and [T0, T0+60s)
    const events: LoggedEvent[] = [
      { at: T0 - 120_000, outcome: 'overloaded', latencyMs: 1 }, // before the window
      { at: T0 - 30_000, outcome: 'ok', latencyMs: 100 },
      { at: T0 - 20_000, outcome: 'overloaded', latencyMs: 300, source: 'probe' },
      { at: T0 - 10_000, outcome: 'network_error', latencyMs: 9000 }, // counted, but no answer latency
      { at: T0, outcome: 'rate_limited', latencyMs: 50, source: 'tap' },
      { at: T0 + 1000, outcome: 'auth_error', latencyMs: 70, source: 'tap' },
      { at: T0 + 60_000, outcome: 'ok', latencyMs: 1 }, // after the window
    ];
    const all = bucketEvents(events, window, 'all');
    assert.deepEqual(all.starts, [T0 - 60_000, T0]);
    assert.deepEqual(all.counts, { ok: [1, 0], overloaded: [1, 0], rate_limited: [0, 1], server_error: [0, 0], network: [1, 0], other: [0, 1] });
    assert.deepEqual([all.p50, all.p95, all.p99], [[100, 50], [300, 70], [300, 70]]);
    const tap = bucketEvents(events, window, 'tap');
    assert.deepEqual(tap.counts.ok, [0, 0]);
    assert.deepEqual(tap.counts.rate_limited, [0, 1]);
    assert.deepEqual(tap.p50, [null, 50]);
  });

  it('puts every event of the window in exactly one bucket: counts sum to the totals per kind and source', () => {
    const arbitraryEvent = fc.record({
      at: fc.integer({ min: T0 - 7_200_000, max: T0 + 600_000 }),
      outcome: fc.constantFrom(...PROBE_OUTCOMES),
      latencyMs: fc.nat({ max: 60_000 }),
      source: fc.constantFrom(...REQUEST_SOURCES),
    });
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 400 }), fc.constantFrom<SourceChoice>('all', ...REQUEST_SOURCES), fc.constantFrom(30_000, 180_000, 600_000), (raw, source, bucketMs) => {
        const events = [...raw].sort((a, b) => a.at - b.at);
        const window = bucketWindow(T0, 3_600_000, bucketMs);
        const series = bucketEvents(events, window, source);
        const inWindow = events.filter((e) => e.at >= window.from && e.at < window.to && (source === 'all' || e.source === source));
        for (const kind of CHART_KINDS) {
          const sum = series.counts[kind].reduce((a, b) => a + b, 0);
          assert.equal(sum, inWindow.filter((e) => chartKindOf(e.outcome) === kind).length, kind);
        }
        series.p50.forEach((p50, i) => {
          if (p50 === null) return;
          assert.ok(p50 <= series.p95[i]! && series.p95[i]! <= series.p99[i]!);
        });
      }),
    );
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rangesWithin, type HistoryData } from '../../../../src/core/history/data';
import { buildHistoryModel, healthSegments } from '../../../../src/core/history/model';
import { TimelineLog } from '../../../../src/core/history/timeline-log';
import type { StatusSnapshot } from '../../../../src/core/statuspage/types';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function page(incidents: StatusSnapshot['incidents'], maintenances: StatusSnapshot['maintenances'] = []): StatusSnapshot {
  return { indicator: 'major', description: 'x', components: [], incidents, maintenances, fetchedAt: T0, warnings: [] };
}

describe('history model', () => {
  const data: HistoryData = {
    now: T0,
    retentionMs: 24 * HOUR,
    events: [
      { at: T0 - 2 * HOUR, outcome: 'overloaded', latencyMs: 10 },
      { at: T0 - 30 * MINUTE, outcome: 'overloaded', latencyMs: 200, httpStatus: 529, requestId: 'req_1', source: 'probe' },
      { at: T0 - 20 * MINUTE, outcome: 'ok', latencyMs: 100, source: 'tap' },
      { at: T0 - 10 * MINUTE, outcome: 'rate_limited', latencyMs: 50, httpStatus: 429, retryAfterSeconds: 7, source: 'tap' },
    ],
    health: [
      { at: T0 - 3 * HOUR, state: 'operational' },
      { at: T0 - 30 * MINUTE, state: 'degraded' },
    ],
    bands: [
      { id: 'old', kind: 'incident', name: 'Old', impact: 'minor', from: T0 - 5 * HOUR, to: T0 - 4 * HOUR, open: false },
      { id: 'now', kind: 'maintenance', name: 'Now', impact: 'maintenance', from: T0 - 40 * MINUTE, to: T0, open: true },
    ],
  };

  it('builds the hour: totals, sources, the latest errors newest first, the health and the bands in range', () => {
    const model = buildHistoryModel(data, { rangeHours: 1, source: 'all', utcOffsetMinutes: 0 });
    assert.equal(model.bucketMs, 30_000);
    assert.equal(model.buckets.starts.length, 120);
    assert.deepEqual(model.totals, { ok: 1, overloaded: 1, rate_limited: 1, server_error: 0, network: 0, other: 0 });
    assert.deepEqual(model.sourceCounts, { probe: 1, tap: 2, 'claude-code': 0 });
    assert.deepEqual(model.errors, [
      { at: T0 - 10 * MINUTE, source: 'tap', kind: 'rate_limited', outcome: 'rate_limited', httpStatus: 429, retryAfterSeconds: 7 },
      { at: T0 - 30 * MINUTE, source: 'probe', kind: 'overloaded', outcome: 'overloaded', httpStatus: 529, requestId: 'req_1' },
    ]);
    assert.deepEqual(model.health.map((s) => s.state), ['operational', 'degraded']);
    assert.equal(model.health[0]!.from, model.from);
    assert.equal(model.health[1]!.to, T0);
    assert.deepEqual(model.bands.map((b) => b.id), ['now']);
    assert.deepEqual(model.ranges, [1, 6, 24]);
    const tapOnly = buildHistoryModel(data, { rangeHours: 6, source: 'tap', utcOffsetMinutes: 0 });
    assert.equal(tapOnly.totals.overloaded, 0);
    assert.equal(tapOnly.errors.length, 1);
    assert.equal(buildHistoryModel(data, { rangeHours: 168, source: 'all', utcOffsetMinutes: 0 }).rangeHours, 24, 'a range beyond the retention falls back to the longest kept');
  });

  it('offers a week only when a week is kept', () => {
    assert.deepEqual(rangesWithin(HOUR), [1]);
    assert.deepEqual(rangesWithin(7 * 24 * HOUR), [1, 6, 24, 168]);
  });

  it('health segments tile the range without gaps or overlaps', () => {
    const states = ['operational', 'degraded', 'outage', 'maintenance', 'unknown'] as const;
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: T0 - 5 * HOUR, max: T0 }), state: fc.constantFrom(...states) })), (raw) => {
        const changes = [...raw].sort((a, b) => a.at - b.at);
        const segments = healthSegments(changes, T0 - HOUR, T0);
        assert.equal(segments[0]?.from, T0 - HOUR);
        assert.equal(segments.at(-1)?.to, T0);
        for (let i = 1; i < segments.length; i++) {
          assert.equal(segments[i]!.from, segments[i - 1]!.to);
          assert.notEqual(segments[i]!.state, segments[i - 1]!.state);
        }
      }),
    );
  });
});

describe('history timeline log', () => {
  it('turns status page reads into bands that close when the page stops listing them', () => {
    const log = new TimelineLog(24 * HOUR);
    const incident = { id: 'abc123', name: 'Elevated\u202e errors', status: 'investigating' as const, impact: 'major' as const, createdAt: new Date(T0 - 10 * MINUTE).toISOString(), componentIds: [] };
    log.notePage(page([incident]), T0);
    log.notePage(page([incident]), T0 + MINUTE);
    log.notePage(page([]), T0 + 2 * MINUTE);
    assert.deepEqual(log.bands(), [{ id: 'abc123', kind: 'incident', name: 'Elevated errors', impact: 'major', from: T0 - 10 * MINUTE, to: T0 + MINUTE, open: false }]);
  });

  it('records changes of state only, and round-trips through JSON', () => {
    const log = new TimelineLog(24 * HOUR);
    log.noteHealth('operational', T0 - 3 * MINUTE);
    log.noteHealth('operational', T0 - 2 * MINUTE);
    log.noteHealth('outage', T0 - MINUTE);
    assert.equal(log.healthChanges().length, 2);
    const restored = TimelineLog.fromJSON(JSON.parse(JSON.stringify(log.toJSON())), T0, 24 * HOUR);
    assert.deepEqual(restored.healthChanges(), log.healthChanges());
  });

  it('drops what is past the retention but keeps the state at its start', () => {
    const log = new TimelineLog(HOUR);
    log.noteHealth('operational', T0 - 5 * HOUR);
    log.noteHealth('degraded', T0 - 4 * HOUR);
    log.noteHealth('operational', T0 - 10 * MINUTE);
    log.prune(T0);
    assert.deepEqual(log.healthChanges().map((c) => c.state), ['degraded', 'operational']);
  });

  it('starts empty on corrupt state and never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        TimelineLog.fromJSON(value, T0, HOUR);
        const log = TimelineLog.fromJSON({ version: 1, health: [value, [T0, 99], [T0 + HOUR, 0]], bands: [value, { id: '<x>', kind: 'incident', name: 'n', impact: 'major', from: 0, to: 1, open: true }] }, T0, HOUR);
        assert.equal(log.healthChanges().length, 0);
        assert.equal(log.bands().length, 0);
      }),
      { numRuns: 300 },
    );
  });
});

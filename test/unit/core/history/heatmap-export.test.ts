import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvCell, historyCsv, historyJson } from '../../../../src/core/history/export';
import { heatMap } from '../../../../src/core/history/heatmap';
import type { HistoryData } from '../../../../src/core/history/data';
import { PROBE_OUTCOMES } from '../../../../src/core/probe/types';
import type { LoggedEvent } from '../../../../src/core/signals/probe-log';

const DAY0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

describe('history heat map', () => {
  it('counts 529s by local day and hour: a hand-computed case', () => {
    const events: LoggedEvent[] = [
      { at: DAY0 + 22 * HOUR + 5, outcome: 'overloaded', latencyMs: 1 }, // UTC 22:00 day 1 = 00:00 day 2 at UTC+2
      { at: DAY0 + 22 * HOUR + 9, outcome: 'overloaded', latencyMs: 1 },
      { at: DAY0 + 23 * HOUR, outcome: 'ok', latencyMs: 1 },
      { at: DAY0 + 30 * HOUR, outcome: 'overloaded', latencyMs: 1, source: 'tap' }, // 08:00 day 2 local
    ];
    const map = heatMap(events, DAY0 + 31 * HOUR, 120, 'all');
    assert.deepEqual(map.days, ['2026-01-02']);
    assert.deepEqual(map.cells[0]![0], { overloaded: 2, total: 2 });
    assert.deepEqual(map.cells[0]![1], { overloaded: 0, total: 1 });
    assert.deepEqual(map.cells[0]![8], { overloaded: 1, total: 1 });
    assert.equal(map.max, 2);
    const utc = heatMap(events, DAY0 + 31 * HOUR, 0, 'probe');
    assert.deepEqual(utc.days, ['2026-01-01', '2026-01-02']);
    assert.deepEqual(utc.cells[0]![22], { overloaded: 2, total: 2 });
    assert.deepEqual(utc.cells[1]![6], { overloaded: 0, total: 0 });
  });

  it('holds every 529 of the source in one cell', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: DAY0, max: DAY0 + 7 * 24 * HOUR }), outcome: fc.constantFrom(...PROBE_OUTCOMES), latencyMs: fc.constant(1) })), fc.integer({ min: -720, max: 840 }), (raw, offset) => {
        const events = [...raw].sort((a, b) => a.at - b.at);
        const map = heatMap(events, DAY0 + 7 * 24 * HOUR, offset, 'all');
        const cells = map.cells.flat();
        assert.equal(cells.reduce((sum, c) => sum + c.overloaded, 0), events.filter((e) => e.outcome === 'overloaded').length);
        assert.equal(cells.reduce((sum, c) => sum + c.total, 0), events.length);
      }),
    );
  });
});

describe('history export', () => {
  const data: HistoryData = {
    now: DAY0 + 2 * HOUR,
    retentionMs: 24 * HOUR,
    events: [
      { at: DAY0, outcome: 'ok', latencyMs: 120, httpStatus: 200, source: 'probe' },
      { at: DAY0 + HOUR, outcome: 'overloaded', latencyMs: 340, httpStatus: 529, retryAfterSeconds: 10, requestId: 'req_011Cabc', model: 'claude-haiku-4-5', source: 'tap' },
      { at: DAY0 + HOUR + 1, outcome: 'network_error', latencyMs: 5000 },
    ],
    health: [
      { at: DAY0 - HOUR, state: 'operational' },
      { at: DAY0 + HOUR, state: 'degraded' },
    ],
    bands: [{ id: 'inc1', kind: 'incident', name: 'Elevated errors, "Opus"', impact: 'major', from: DAY0 + 30 * 60_000, to: DAY0 + 2 * HOUR, open: true }],
  };

  it('writes CSV with one row per request of the range and source', () => {
    assert.equal(
      historyCsv(data, { from: DAY0, to: DAY0 + 2 * HOUR, source: 'all' }),
      [
        'time,source,kind,outcome,http_status,latency_ms,retry_after_s,request_id,model',
        '2026-01-01T00:00:00.000Z,probe,ok,ok,200,120,,,',
        '2026-01-01T01:00:00.000Z,tap,overloaded,overloaded,529,340,10,req_011Cabc,claude-haiku-4-5',
        '2026-01-01T01:00:00.001Z,probe,network,network_error,,5000,,,',
        '',
      ].join('\r\n'),
    );
    assert.equal(historyCsv(data, { from: DAY0 + 1, to: DAY0 + 2 * HOUR, source: 'tap' }).split('\r\n').length, 3);
  });

  it('quotes and defuses cells a spreadsheet would misread', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell(-5), '-5');
    assert.equal(csvCell(undefined), '');
  });

  it('writes JSON with the requests, the health segments and the status bands of the range', () => {
    const json = JSON.parse(historyJson(data, { from: DAY0, to: DAY0 + 2 * HOUR, source: 'all' })) as Record<string, unknown>;
    assert.equal((json.requests as unknown[]).length, 3);
    assert.deepEqual(json.health, [
      { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T01:00:00.000Z', state: 'operational' },
      { from: '2026-01-01T01:00:00.000Z', to: '2026-01-01T02:00:00.000Z', state: 'degraded' },
    ]);
    assert.deepEqual(json.statusPage, [{ kind: 'incident', id: 'inc1', name: 'Elevated errors, "Opus"', impact: 'major', from: '2026-01-01T00:30:00.000Z', to: '2026-01-01T02:00:00.000Z', ongoing: true }]);
  });
});

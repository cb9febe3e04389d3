import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PROBE_OUTCOMES } from '../../../../src/core/probe/types';
import { HISTORY_RETENTION_MS, MAX_EVENTS, ProbeLog, eventFromResult, maxEventsFor, type ProbeEvent } from '../../../../src/core/signals/probe-log';
import { countWindow } from '../../../../src/core/signals/window-counts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;

function event(minutesAgo: number, outcome: ProbeEvent['outcome'], extra: Partial<ProbeEvent> = {}): ProbeEvent {
  return { at: T0 - minutesAgo * MINUTE, outcome, latencyMs: 100 + minutesAgo, ...extra };
}

describe('probe log', () => {
  it('keeps events sorted, drops what is older than 24 h and beyond the cap', () => {
    const log = new ProbeLog(HISTORY_RETENTION_MS, 5);
    log.add(event(2, 'ok'), T0);
    log.add(event(25 * 60, 'ok'), T0);
    log.add(event(1, 'overloaded'), T0);
    log.add(event(3, 'ok'), T0);
    assert.deepEqual(log.all().map((e) => e.at), [T0 - 3 * MINUTE, T0 - 2 * MINUTE, T0 - MINUTE]);
    for (let i = 0; i < 10; i++) log.add(event(0, 'ok'), T0);
    assert.equal(log.size, 5);
  });

  it('round-trips through JSON, and the JSON is plain data', () => {
    const log = new ProbeLog();
    log.add({ ...event(3, 'rate_limited', { httpStatus: 429, retryAfterSeconds: 5, spendLimit: true, requestId: 'req_011CabcDEF' }), source: 'probe' }, T0);
    log.add({ ...event(2, 'ok', { httpStatus: 200, model: 'claude-haiku-4-5' }), source: 'tap' }, T0);
    log.add({ ...event(1, 'network_error'), source: 'claude-code' }, T0);
    const saved = JSON.parse(JSON.stringify(log.toJSON())) as unknown;
    const restored = ProbeLog.fromJSON(saved, T0);
    assert.deepEqual(restored.all(), log.all());
  });

  it('reads a version 1 save (no source, no request id) as probe events', () => {
    const saved = { version: 1, base: T0 - MINUTE, models: ['claude-haiku-4-5'], events: [[0, 1, 250, 529, 30, 0, 0]] };
    assert.deepEqual(ProbeLog.fromJSON(saved, T0).all(), [
      { at: T0 - MINUTE, outcome: 'overloaded', latencyMs: 250, httpStatus: 529, retryAfterSeconds: 30, model: 'claude-haiku-4-5', source: 'probe' },
    ]);
  });

  it('drops an entry whose source or request id does not validate', () => {
    const good = [0, 0, 10, 200, -1, 0, -1, 0, ''];
    const saved = { version: 2, base: T0 - MINUTE, models: [], events: [good, [0, 0, 10, 200, -1, 0, -1, 9, ''], [0, 0, 10, 200, -1, 0, -1, 0, 'req <script>']] };
    assert.equal(ProbeLog.fromJSON(saved, T0).size, 1);
  });

  it('keeps the request id of failures only', () => {
    const base = { mode: 'models' as const, at: T0, latencyMs: 5, rateLimit: {}, message: 'x', requestId: 'req_011Cxyz' };
    assert.equal(eventFromResult({ ...base, outcome: 'overloaded' }).requestId, 'req_011Cxyz');
    assert.equal(eventFromResult({ ...base, outcome: 'ok' }).requestId, undefined);
    assert.equal(eventFromResult({ ...base, outcome: 'overloaded', requestId: 'not a request id' }).requestId, undefined);
  });

  it('starts empty on corrupt or foreign state, and drops only the bad entries of a good one', () => {
    for (const junk of [undefined, null, 42, 'x', [], {}, { version: 3, base: 0, models: [], events: [] }, { version: 1, base: 0, models: [], events: 'no' }, { version: 1, events: [] }]) {
      assert.equal(ProbeLog.fromJSON(junk, T0).size, 0);
    }
    const mixed = {
      version: 1,
      base: T0 - 10 * MINUTE,
      models: ['claude-haiku-4-5', 'bad model name!'],
      events: [
        [MINUTE, 0, 120, 200, -1, 0, 0],
        [MINUTE, 99, 120, 200, -1, 0, -1],
        [20 * MINUTE, 0, 120, 200, -1, 0, -1],
        [MINUTE, 0, -5, 200, -1, 0, -1],
        [MINUTE, 0, 120, 200, -1, 0, 1],
        [MINUTE, 0, 120, 200, -1, 0, 7],
        ['yesterday', 0, 120, 200, -1, 0, -1],
        [MINUTE, 0, 120],
      ],
    };
    assert.equal(ProbeLog.fromJSON(mixed, T0).size, 1);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        ProbeLog.fromJSON(value, T0);
        ProbeLog.fromJSON({ version: 1, base: T0, models: [value], events: [value, [value, value, value, value, value, value, value]] }, T0);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('sizes its cap from the retention, and a day at 5 s fits in about 0.65 MB serialised', () => {
    assert.equal(maxEventsFor(HISTORY_RETENTION_MS), 24 * 1440);
    assert.equal(maxEventsFor(7 * HISTORY_RETENTION_MS), 7 * 24 * 1440);
    const log = new ProbeLog();
    // A day of probes at 5 s (17,280), every tenth a 529 with its request id: what the README quotes.
    for (let i = 17_279; i >= 0; i--) {
      const failed = i % 10 === 0;
      log.add({ at: T0 - i * 5000, outcome: failed ? 'overloaded' : 'ok', latencyMs: 1234, httpStatus: failed ? 529 : 200, ...(failed ? { requestId: 'req_011CVzaBcDeFgHiJkLmNoPqRs' } : {}), source: 'probe' }, T0);
    }
    assert.equal(log.size, 17_280);
    const bytes = JSON.stringify(log.toJSON()).length;
    assert.ok(bytes < 700_000, `a day at 5 s serialises to ${bytes} bytes`);
    // At its cap (one event every 2.5 s), every field filled: still about a megabyte a day.
    const full = new ProbeLog();
    for (let i = 39_999; i >= 0; i--) {
      full.add({ at: T0 - i * 2000, outcome: PROBE_OUTCOMES[i % PROBE_OUTCOMES.length] ?? 'ok', latencyMs: 1234, httpStatus: 529, retryAfterSeconds: 30, model: 'claude-haiku-4-5', requestId: 'req_011CVzaBcDeFgHiJkLmNoPqRs', source: 'tap' }, T0);
    }
    assert.equal(full.size, MAX_EVENTS);
    assert.ok(JSON.stringify(full.toJSON()).length < 2_200_000);
  });

  it('keeps the model only when it looks like a model name', () => {
    const base = { mode: 'message' as const, outcome: 'ok' as const, at: T0, latencyMs: 5, rateLimit: {}, message: 'ok' };
    assert.equal(eventFromResult({ ...base, model: 'claude-haiku-4-5' }).model, 'claude-haiku-4-5');
    assert.equal(eventFromResult({ ...base, model: 'x y' }).model, undefined);
  });
});

describe('window counts', () => {
  it('counts 529, 429 (spend limit apart), 5xx, timeouts and network errors within the window, with retry-after values', () => {
    const events: ProbeEvent[] = [
      event(20, 'overloaded'),
      event(14, 'overloaded', { httpStatus: 529 }),
      event(13, 'overloaded', { httpStatus: 200 }),
      event(12, 'rate_limited', { retryAfterSeconds: 5 }),
      event(11, 'rate_limited', { spendLimit: true }),
      event(10, 'server_error'),
      event(9, 'timeout'),
      event(8, 'network_error'),
      event(7, 'ok'),
      event(6, 'auth_error'),
      event(5, 'bad_request'),
      event(4, 'rate_limited', { retryAfterSeconds: 2.5 }),
    ];
    const counts = countWindow(events, T0, 15);
    assert.deepEqual(counts, {
      windowMinutes: 15,
      total: 11,
      ok: 1,
      overloaded: 2,
      rateLimited: 3,
      spendLimited: 1,
      serverError: 1,
      timeout: 1,
      networkError: 1,
      authError: 1,
      badRequest: 1,
      retryAfterSeconds: [5, 2.5],
    });
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PROBE_OUTCOMES } from '../../../../src/core/probe/types';
import { HISTORY_RETENTION_MS, ProbeLog, eventFromResult, type ProbeEvent } from '../../../../src/core/signals/probe-log';
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
    log.add(event(3, 'rate_limited', { httpStatus: 429, retryAfterSeconds: 5, spendLimit: true }), T0);
    log.add(event(2, 'ok', { httpStatus: 200, model: 'claude-haiku-4-5' }), T0);
    log.add(event(1, 'network_error'), T0);
    const saved = JSON.parse(JSON.stringify(log.toJSON())) as unknown;
    const restored = ProbeLog.fromJSON(saved, T0);
    assert.deepEqual(restored.all(), log.all());
  });

  it('starts empty on corrupt or foreign state, and drops only the bad entries of a good one', () => {
    for (const junk of [undefined, null, 42, 'x', [], {}, { version: 2, base: 0, models: [], events: [] }, { version: 1, base: 0, models: [], events: 'no' }, { version: 1, events: [] }]) {
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

  it('stays bounded when serialised: a full log stays under 100 kB', () => {
    const log = new ProbeLog();
    for (let i = 0; i < 10_000; i++) {
      log.add({ at: T0 - i * 5000, outcome: PROBE_OUTCOMES[i % PROBE_OUTCOMES.length] ?? 'ok', latencyMs: 1234, httpStatus: 529, retryAfterSeconds: 30, model: 'claude-haiku-4-5' }, T0);
    }
    assert.equal(log.size, 3000);
    assert.ok(JSON.stringify(log.toJSON()).length < 100_000);
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

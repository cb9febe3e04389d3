// Property tests of error classification: any status from 100 to 999, any body
// (HTML, JSON, deeply nested JSON, text carrying the key), any thrown value.
// Classification never throws, never repeats the key, and follows the status
// and error.type: 529 or overloaded_error is overloaded, 429 is rate limited.
import assert from 'node:assert/strict';
import { APIError } from '@anthropic-ai/sdk';
import fc from 'fast-check';
import { classifyError, type ErrorContext } from '../../../src/core/probe/classify';
import { guardErrorBodies } from '../../../src/core/probe/error-body-guard';
import { PROBE_OUTCOMES } from '../../../src/core/probe/types';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';
import { fuzzParameters } from '../../support/fuzz';

/** Seeded (FUZZ_SEED), 200 cases unless FUZZ_RUNS says otherwise: see test/support/fuzz.ts. */
const FUZZ = fuzzParameters(200);
const CONTEXT: ErrorContext = { nowMs: Date.UTC(2026, 0, 1), deadlineHit: false, timeoutMs: 5000 };
const ERROR_TYPES = ['overloaded_error', 'rate_limit_error', 'api_error', 'authentication_error', 'permission_error', 'invalid_request_error', 'not_found_error', 'timeout_error', 'billing_error', 'Not A Type', ''];

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
const nested = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const secretText = fc.string({ maxLength: 30 }).map((s) => `${s} ${SENTINEL_KEY} ${s}`);
const message = fc.oneof(
  fc.string({ maxLength: 60 }),
  secretText,
  fc.constantFrom(3, 50, 5_000, 50_000).chain((depth) => fc.string({ maxLength: 10 }).map((s) => nested(depth, JSON.stringify(s)))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);
const errorJson = fc
  .record({ type: fc.constantFrom(...ERROR_TYPES), message, code: fc.option(fc.constantFrom('enforced_spend_limit_reached', 'other'), { nil: undefined }) })
  .map(({ type, message: m, code }) => {
    const details = code === undefined ? '' : `,"details":{"error_code":"${code}"}`;
    const text = isJsonText(m) ? m : JSON.stringify(m);
    return { type, body: `{"type":"error","error":{"type":${JSON.stringify(type)},"message":${text}${details}},"request_id":"req_fuzz"}` };
  });
const otherBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  secretText,
  fc.constantFrom('', '<html><body><h1>502 Bad Gateway</h1></body></html>', '{"type":"error"', 'null', '[]', nested(50_000, '1')),
  fc.string({ maxLength: 40 }).map((s) => `<!DOCTYPE html><title>${s}</title>`),
);
const body = fc.oneof(errorJson, otherBody.map((text) => ({ type: undefined as string | undefined, body: text })));
const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'text/html; charset=utf-8', 'text/plain', ''),
    'request-id': fc.constantFrom('req_011CTest', 'bad id <x>', ''),
    'retry-after': fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.string({ maxLength: 10 })),
    'x-should-retry': fc.constantFrom('true', 'false', 'maybe'),
    'x-echo': secretText,
  },
  { requiredKeys: [] },
);

function assertWellFormed(c: ReturnType<typeof classifyError>, where: string): void {
  assert.ok((PROBE_OUTCOMES as readonly string[]).includes(c.outcome), where);
  assert.equal(typeof c.message, 'string');
  assert.ok(c.message.length > 0 && c.message.length <= 420, `${where}: message of ${c.message.length} characters`);
  assert.doesNotMatch(c.message, /[\r\n]|\[object Object\]/, where);
  assertNoSentinel(c.message, where);
  if (c.retryAfterSeconds !== undefined) assert.ok(c.retryAfterSeconds >= 0 && Number.isFinite(c.retryAfterSeconds));
}

function headersFrom(record: Record<string, string>): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(record)) {
    try {
      out.set(name, value);
    } catch {
      // fetch refuses this value, so no answer would carry it
    }
  }
  return out;
}

describe('fuzz: error classification', () => {
  it('classifies every 4xx/5xx answer the SDK turns into an error, by status and error.type, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 400, max: 599 }), body, headers, async (status, { type, body: text }, headerRecord) => {
        const answered = headersFrom(headerRecord);
        const guarded = await guardErrorBodies(() => Promise.resolve(new Response(text, { status, headers: answered })))('http://127.0.0.1/v1/models');
        assert.equal(guarded.status, status);
        const seen = await guarded.text();
        let json: unknown;
        try {
          json = JSON.parse(seen);
        } catch {
          json = undefined;
        }
        // What the SDK does with an error answer, so the property covers its formatting too.
        const error = APIError.generate(status, json as object | undefined, json === undefined ? seen : undefined, guarded.headers);
        const c = classifyError(error, CONTEXT);
        assertWellFormed(c, `${status} ${text.slice(0, 60)}`);
        assert.equal(c.httpStatus, status);
        if (status === 529 || type === 'overloaded_error') assert.equal(c.outcome, 'overloaded');
        else if (status === 429) assert.equal(c.outcome, 'rate_limited');
        else assert.notEqual(c.outcome, 'network_error');
        if (type && /^[a-z_]+$/.test(type)) assert.equal(c.errorType, type);
      }),
      FUZZ,
    );
  });

  it('classifies any status from 100 to 999 without throwing, calling those past 599 invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999 }), body, headers, (status, { type, body: text }, headerRecord) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const c = classifyError({ status, headers: headersFrom(headerRecord), error: json, message: text }, CONTEXT);
        assertWellFormed(c, `${status}`);
        assert.equal(c.httpStatus, status);
        const overloaded = status === 529 || type === 'overloaded_error';
        if (overloaded) assert.equal(c.outcome, 'overloaded');
        else if (status === 429) assert.equal(c.outcome, 'rate_limited');
        else if (status > 599) assert.equal(c.message, `the server answered with an invalid HTTP status ${status} (a broken server or proxy in between)`);
        if (!overloaded && status >= 300 && status < 400) assert.equal(c.outcome, 'bad_request');
      }),
      FUZZ,
    );
  });

  it('describes any thrown value in one bounded line without the key', () => {
    const withKey = fc.oneof(
      secretText,
      secretText.map((text) => new Error(text)),
      secretText.map((text) => ({ message: text })),
      secretText.map((text) => ({ cause: { cause: { message: text } } })),
      secretText.map((text) => ({ data: [text, { nested: text }] })),
      secretText.map((text) => new TypeError('fetch failed', { cause: new Error(text) })),
    );
    // Proxies that refuse every read are in the example tests: fast-check itself inspects the values it generates.
    const odd = fc.constantFrom<unknown>(
      Object.create(null),
      JSON.parse(nested(50_000, '1')),
      new Proxy({}, { get: () => { throw new Error('trap'); } }),
      Symbol('s'),
      10n,
      () => 1,
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withBigInt: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withBoxedValues: true }), withKey, odd), (thrown) => {
        const c = classifyError(thrown, CONTEXT);
        assertWellFormed(c, 'thrown value');
        assert.notEqual(c.message, 'request failed: an error that could not be read', 'described by the ordinary paths, not the last resort');
      }),
      FUZZ,
    );
  });
});

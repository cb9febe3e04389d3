// Property tests of the header parser: any value, any repetition, any clock
// gives a delay that is absent or finite, non-negative and within the cap, and
// counts and instants that are well-formed; well-formed input reads back exactly.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_RETRY_AFTER_SECONDS, parseRateLimits, parseRequestId, parseRetryAfter, parseShouldRetry, RATE_LIMIT_BUCKETS } from '../../../src/core/headers';
import { fuzzParameters } from '../../support/fuzz';

/** Seeded (FUZZ_SEED), 300 cases unless FUZZ_RUNS says otherwise: see test/support/fuzz.ts. */
const FUZZ = fuzzParameters(300);
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

const NAMES = [
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  ...Object.values(RATE_LIMIT_BUCKETS).flatMap((bucket) => ['limit', 'remaining', 'reset'].map((field) => `anthropic-ratelimit-${bucket}-${field}`)),
];

const httpDate = fc.integer({ min: -1e13, max: 1e13 }).map((offset) => new Date(NOW + offset).toUTCString());
const number = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '1_000', '٣', ' 5 ', '5.', '.5', '+5'),
);
const headerText = fc.oneof(number, httpDate, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('true', 'false', 'TRUE', '2026-02-30T00:00:00Z', '2026-01-01T12:00:00Z'));
/** A value, or the same or different values joined as a repeated header arrives. */
const headerValue = fc.oneof(headerText, fc.array(headerText, { minLength: 2, maxLength: 4 }).map((values) => values.join(', ')), headerText.map((v) => `${v}, ${v}`));
const headerRecord = fc.dictionary(fc.constantFrom(...NAMES), headerValue, { maxKeys: 8 });
const clock = fc.oneof(fc.integer({ min: 0, max: 8.64e15 }), fc.constantFrom(NOW, NaN, -1, Number.MAX_SAFE_INTEGER));

describe('fuzz: headers', () => {
  it('never throws, and any delay is finite, non-negative and within the documented cap', () => {
    fc.assert(
      fc.property(headerRecord, clock, (headers, nowMs) => {
        const delay = parseRetryAfter(headers, nowMs);
        if (delay !== undefined) assert.ok(Number.isFinite(delay) && delay >= 0 && delay <= MAX_RETRY_AFTER_SECONDS, `delay ${delay}`);
        const retry = parseShouldRetry(headers);
        assert.ok(retry === undefined || typeof retry === 'boolean');
        const id = parseRequestId(headers);
        if (id !== undefined) assert.match(id, /^[A-Za-z0-9_.:-]{1,128}$/);
        for (const bucket of Object.values(parseRateLimits(headers, nowMs))) {
          assert.ok(Object.keys(bucket).length > 0, 'a bucket is present only with a field');
          for (const count of [bucket.limit, bucket.remaining]) if (count !== undefined) assert.ok(Number.isSafeInteger(count) && count >= 0, `count ${count}`);
          if (bucket.reset !== undefined) assert.equal(new Date(bucket.reset).toISOString(), bucket.reset);
        }
      }),
      FUZZ,
    );
  });

  it('reads fetch Headers and plain records alike', () => {
    fc.assert(
      fc.property(headerRecord, (record) => {
        let headers: Headers;
        try {
          headers = new Headers(record);
        } catch {
          return; // a value fetch itself refuses never reaches us through it
        }
        assert.deepEqual(parseRetryAfter(headers, NOW), parseRetryAfter(record, NOW));
        assert.deepEqual(parseRateLimits(headers, NOW), parseRateLimits(record, NOW));
      }),
      FUZZ,
    );
  });

  it('reads back any delay within the cap, in seconds, milliseconds or as an HTTP-date, once or repeated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RETRY_AFTER_SECONDS }), fc.integer({ min: 1, max: 3 }), (seconds, times) => {
        const repeat = (value: string) => Array.from({ length: times }, () => value).join(', ');
        assert.equal(parseRetryAfter({ 'retry-after': repeat(String(seconds)) }, NOW), seconds);
        assert.equal(parseRetryAfter({ 'retry-after-ms': repeat(String(seconds * 1000)), 'retry-after': 'garbage' }, NOW), seconds);
        assert.equal(parseRetryAfter({ 'retry-after': repeat(new Date(NOW + seconds * 1000).toUTCString()) }, NOW), seconds);
      }),
      FUZZ,
    );
  });

  it('treats anything beyond the cap, negative or not a number as absent', () => {
    const beyondCap = fc.bigInt({ min: BigInt(MAX_RETRY_AFTER_SECONDS) + 1n, max: 10n ** 20n });
    const notADelay = fc.oneof(fc.integer({ min: -1e9, max: -1 }).map(String), fc.constantFrom('NaN', 'Infinity', '1e3', 'soon', '5 5', '5, 6', '0x10'));
    fc.assert(
      fc.property(beyondCap, notADelay, (seconds, garbage) => {
        assert.equal(parseRetryAfter({ 'retry-after': String(seconds) }, NOW), undefined);
        assert.equal(parseRetryAfter({ 'retry-after-ms': String(seconds * 1000n) }, NOW), undefined);
        assert.equal(parseRetryAfter({ 'retry-after': garbage }, NOW), undefined, garbage);
        assert.equal(parseRetryAfter({ 'retry-after-ms': garbage }, NOW), undefined, garbage);
      }),
      FUZZ,
    );
  });

  it('reads back rate-limit counts and reset instants', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: 1e6 }),
        fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
        (limit, remaining, reset) => {
          const info = parseRateLimits(
            { 'anthropic-ratelimit-tokens-limit': String(limit), 'anthropic-ratelimit-tokens-remaining': `${remaining}, ${remaining}`, 'anthropic-ratelimit-tokens-reset': reset.toISOString() },
            NOW,
          );
          assert.deepEqual(info.tokens, limit > 999_999_999_999_999 ? { remaining, reset: reset.toISOString() } : { limit, remaining, reset: reset.toISOString() });
        },
      ),
      FUZZ,
    );
  });
});

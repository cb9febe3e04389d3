import assert from 'node:assert/strict';
import fc from 'fast-check';
import { headerValue, parseRateLimits, parseRequestId, parseRetryAfter, parseShouldRetry, singleHeaderValue } from '../../../src/core/headers';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('headers', () => {
  describe('retry-after', () => {
    it('reads delta seconds, retry-after-ms first, and HTTP dates', () => {
      assert.equal(parseRetryAfter(new Headers({ 'retry-after': '5' }), NOW), 5);
      assert.equal(parseRetryAfter(new Headers({ 'retry-after': ' 1.5 ' }), NOW), 1.5);
      assert.equal(parseRetryAfter(new Headers({ 'retry-after': '5', 'retry-after-ms': '250' }), NOW), 0.25);
      assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' }), NOW), 30);
      assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 11:00:00 GMT' }), NOW), 0);
    });

    it('treats garbage and absurd values as absent', () => {
      for (const value of ['soon', '-5', '1e309', 'NaN', '', '5s', '99999999', 'Infinity', '0x10', '1, 2', 'Thu, 01 Jan 2099 12:00:00 GMT']) {
        assert.equal(parseRetryAfter(new Headers({ 'retry-after': value }), NOW), undefined, value);
      }
      assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': 'later', 'retry-after': '3' }), NOW), 3);
      assert.equal(parseRetryAfter(undefined, NOW), undefined);
    });

    it('never throws and never returns a negative or huge number, whatever the header says', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), (a, b) => {
          const value = parseRetryAfter({ 'retry-after': a, 'retry-after-ms': b }, NOW);
          return value === undefined || (value >= 0 && value <= 86_400);
        }),
      );
    });
  });

  it('reads x-should-retry and request-id, dropping malformed ones', () => {
    assert.equal(parseShouldRetry(new Headers({ 'x-should-retry': 'true' })), true);
    assert.equal(parseShouldRetry(new Headers({ 'x-should-retry': 'FALSE' })), false);
    assert.equal(parseShouldRetry(new Headers({ 'x-should-retry': 'maybe' })), undefined);
    assert.equal(parseRequestId(new Headers({ 'request-id': 'req_011CTestABC' })), 'req_011CTestABC');
    assert.equal(parseRequestId({ 'request-id': '<script>alert(1)</script>' }), undefined);
  });

  it('reads plain header records case-insensitively, arrays joined', () => {
    assert.equal(headerValue({ 'Retry-After': '7' }, 'retry-after'), '7');
    assert.equal(headerValue({ via: ['a', 'b'] }, 'via'), 'a, b');
    const hostile = {
      get() {
        throw new Error('boom');
      },
    };
    assert.equal(headerValue(hostile, 'x'), undefined);
  });

  it('parses anthropic-ratelimit-* with resets as ISO instants, fields absent when headers are', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-01-01T12:00:59Z',
      'anthropic-ratelimit-tokens-remaining': '40000',
      'anthropic-ratelimit-input-tokens-limit': 'lots',
      'anthropic-ratelimit-output-tokens-reset': 'tomorrow',
    });
    assert.deepEqual(parseRateLimits(headers, NOW), {
      requests: { limit: 50, remaining: 49, reset: '2026-01-01T12:00:59.000Z' },
      tokens: { remaining: 40000 },
    });
    assert.deepEqual(parseRateLimits(new Headers(), NOW), {});
  });

  it('falls back to a gateway X-RateLimit-* only when Anthropic headers are absent', () => {
    const gateway = new Headers({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '30' });
    assert.deepEqual(parseRateLimits(gateway, NOW).requests, { limit: 100, remaining: 3, reset: '2026-01-01T12:00:30.000Z' });
    gateway.set('anthropic-ratelimit-requests-limit', '50');
    assert.deepEqual(parseRateLimits(gateway, NOW).requests, { limit: 50 });
  });

  describe('repeated headers, calendars and units', () => {
    it('reads a header repeated with one value as that value, and with different values as absent', () => {
      const repeated = new Headers([
        ['retry-after', '5'],
        ['retry-after', '5'],
      ]);
      assert.equal(repeated.get('retry-after'), '5, 5');
      assert.equal(parseRetryAfter(repeated, NOW), 5);
      assert.equal(parseRetryAfter({ 'retry-after': ['5', '7'] }, NOW), undefined);
      const date = 'Thu, 01 Jan 2026 12:00:30 GMT';
      assert.equal(parseRetryAfter({ 'retry-after': [date, date] }, NOW), 30, 'an HTTP-date keeps its own comma');
      assert.equal(singleHeaderValue({ 'x-should-retry': 'true, true, true' }, 'x-should-retry'), 'true');
      assert.equal(parseShouldRetry({ 'x-should-retry': 'true, false' }), undefined);
      assert.equal(parseRequestId({ 'request-id': 'req_a, req_b' }), undefined);
      assert.equal(parseRequestId({ 'request-id': ['req_a', 'req_a'] }), 'req_a');
      assert.deepEqual(parseRateLimits({ 'anthropic-ratelimit-requests-remaining': '7, 9', 'anthropic-ratelimit-requests-limit': '50, 50' }, NOW), {
        requests: { limit: 50 },
      });
      assert.equal(singleHeaderValue({ 'retry-after': `${'5, '.repeat(600)}5` }, 'retry-after'), undefined, 'too long to be a real value');
    });

    it('refuses calendar dates that do not exist instead of rolling them over', () => {
      for (const value of ['Mon, 30 Feb 2026 12:00:00 GMT', 'Thu, 01 Jan 2026 24:00:00 GMT', 'Thu, 01 Jan 2026 12:60:00 GMT', 'Thu, 01 Foo 2026 12:00:00 GMT']) {
        assert.equal(parseRetryAfter({ 'retry-after': value }, NOW), undefined, value);
      }
      assert.equal(parseRetryAfter({ 'retry-after': 'Thu, 01 JAN 2026 12:00:05 GMT' }, NOW), undefined, 'HTTP-date is case-sensitive (RFC 9110)');
      const resets = parseRateLimits(
        {
          'anthropic-ratelimit-requests-reset': '2026-02-30T00:00:00Z',
          'anthropic-ratelimit-tokens-reset': '2026-01-01T24:00:00Z',
          'anthropic-ratelimit-input-tokens-reset': '2026-01-01T17:30:00.123456789+05:30',
          'anthropic-ratelimit-output-tokens-reset': '0001-01-01T00:00:00Z',
        },
        NOW,
      );
      assert.deepEqual(resets, { inputTokens: { reset: '2026-01-01T12:00:00.123Z' } });
    });

    it('reads a gateway reset in epoch milliseconds, epoch seconds or seconds from now', () => {
      const reset = (value: string) => parseRateLimits({ 'x-ratelimit-reset': value }, NOW).requests?.reset;
      assert.equal(reset(String(NOW + 5_000)), '2026-01-01T12:00:05.000Z');
      assert.equal(reset(String(NOW / 1000 + 5)), '2026-01-01T12:00:05.000Z');
      assert.equal(reset('5'), '2026-01-01T12:00:05.000Z');
      assert.equal(reset('999999999999999'), undefined, 'beyond year 9999');
      assert.equal(reset('500000'), undefined, 'neither an epoch nor a plausible wait');
    });
  });
});

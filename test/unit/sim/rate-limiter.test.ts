import assert from 'node:assert/strict';
import { RateLimiter } from '../../../src/sim/rate-limiter';

describe('simulator: per-key token buckets', () => {
  const limits = { requestsPerMinute: 60, inputTokensPerMinute: 10_000, outputTokensPerMinute: 5_000 };

  it('refuses a key that spent its requests, with retry-after until one refills', () => {
    const limiter = new RateLimiter(limits);
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 60; i++) assert.ok(limiter.admit('key-a', 1, t0).admitted);
    const refused = limiter.admit('key-a', 1, t0);
    assert.equal(refused.admitted, false);
    assert.equal(refused.retryAfterSeconds, 1, 'one request refills per second at 60/min');
    assert.ok(limiter.admit('key-b', 1, t0).admitted, 'buckets are per key');
    assert.ok(limiter.admit('key-a', 1, t0 + 1000).admitted, 'refills continuously');
  });

  it('reports remaining and the time the bucket is full again', () => {
    const limiter = new RateLimiter(limits);
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    limiter.admit('key', 4_000, t0);
    const headers = limiter.headers('key', t0);
    assert.equal(headers['anthropic-ratelimit-requests-remaining'], '59');
    assert.equal(headers['anthropic-ratelimit-requests-reset'], '2026-01-01T00:00:01Z');
    assert.equal(headers['anthropic-ratelimit-input-tokens-remaining'], '6000');
    assert.equal(headers['anthropic-ratelimit-input-tokens-reset'], '2026-01-01T00:00:24Z');
    assert.equal(headers['anthropic-ratelimit-tokens-limit'], '10000', 'tokens-* shows the most restrictive');
  });
});

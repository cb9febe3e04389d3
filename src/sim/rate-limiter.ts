// Per-key token buckets that refill continuously, as the real limits do. They
// produce the anthropic-ratelimit-* headers and the 429s a key earns by itself.
import { createHash } from 'node:crypto';
import { rfc3339Seconds } from './ids';
import { type RateLimits } from './scenario';

class Bucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly limit: number,
    now: number,
  ) {
    this.level = limit;
    this.updatedAt = now;
  }

  private get ratePerMs(): number {
    return this.limit / 60_000;
  }

  refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.min(this.limit, this.level + elapsed * this.ratePerMs);
    this.updatedAt = now;
  }

  remaining(): number {
    return Math.max(0, Math.floor(this.level));
  }

  /** Milliseconds until `amount` is available. */
  waitFor(amount: number): number {
    return this.level >= amount ? 0 : (amount - this.level) / this.ratePerMs;
  }

  /** When the bucket will be full again. */
  fullAt(now: number): number {
    return now + (this.limit - Math.max(0, this.level)) / this.ratePerMs;
  }

  take(amount: number): void {
    this.level -= amount;
  }
}

interface KeyBuckets {
  requests: Bucket;
  inputTokens: Bucket;
  outputTokens: Bucket;
}

export interface Admission {
  admitted: boolean;
  /** When refused: seconds until the request would be admitted. */
  retryAfterSeconds: number;
}

function roundDownToThousands(value: number): number {
  return Math.floor(value / 1000) * 1000;
}

/**
 * Buckets kept at most: every distinct key a client sends gets one, so without a bound a
 * client sending random keys grows the simulator's memory forever. The least recently
 * used key is forgotten first (and starts full again if it comes back).
 */
export const MAX_TRACKED_KEYS = 1000;

export class RateLimiter {
  private readonly keys = new Map<string, KeyBuckets>();

  constructor(private readonly limits: RateLimits) {}

  private bucketsFor(apiKey: string, now: number): KeyBuckets {
    // Buckets are keyed by a hash so the raw key is never held longer than a request.
    const id = createHash('sha256').update(apiKey).digest('hex');
    let buckets = this.keys.get(id);
    if (buckets) {
      // Re-inserted so Map order is least recently used first.
      this.keys.delete(id);
      this.keys.set(id, buckets);
    } else {
      buckets = {
        requests: new Bucket(this.limits.requestsPerMinute, now),
        inputTokens: new Bucket(this.limits.inputTokensPerMinute, now),
        outputTokens: new Bucket(this.limits.outputTokensPerMinute, now),
      };
      this.keys.set(id, buckets);
      if (this.keys.size > MAX_TRACKED_KEYS) this.keys.delete(this.keys.keys().next().value!);
    }
    for (const bucket of [buckets.requests, buckets.inputTokens, buckets.outputTokens]) bucket.refill(now);
    return buckets;
  }

  /** Takes one request and the input tokens, or says how long to wait. */
  admit(apiKey: string, inputTokens: number, now: number): Admission {
    const buckets = this.bucketsFor(apiKey, now);
    const waitMs = Math.max(buckets.requests.waitFor(1), buckets.inputTokens.waitFor(Math.min(inputTokens, buckets.inputTokens.limit)), buckets.outputTokens.waitFor(1));
    if (waitMs > 0) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    buckets.requests.take(1);
    buckets.inputTokens.take(inputTokens);
    return { admitted: true, retryAfterSeconds: 0 };
  }

  chargeOutput(apiKey: string, outputTokens: number, now: number): void {
    this.bucketsFor(apiKey, now).outputTokens.take(outputTokens);
  }

  headers(apiKey: string, now: number): Record<string, string> {
    const { requests, inputTokens, outputTokens } = this.bucketsFor(apiKey, now);
    const headers: Record<string, string> = {};
    const put = (kind: string, bucket: Bucket, roundTokens: boolean) => {
      headers[`anthropic-ratelimit-${kind}-limit`] = String(bucket.limit);
      const remaining = bucket.remaining();
      headers[`anthropic-ratelimit-${kind}-remaining`] = String(roundTokens ? roundDownToThousands(remaining) : remaining);
      headers[`anthropic-ratelimit-${kind}-reset`] = rfc3339Seconds(bucket.fullAt(now));
    };
    put('requests', requests, false);
    put('input-tokens', inputTokens, true);
    put('output-tokens', outputTokens, true);
    // tokens-* shows whichever token limit is the most restrictive right now.
    const inputShare = inputTokens.remaining() / inputTokens.limit;
    const outputShare = outputTokens.remaining() / outputTokens.limit;
    put('tokens', inputShare <= outputShare ? inputTokens : outputTokens, true);
    return headers;
  }

  reset(): void {
    this.keys.clear();
  }

  get trackedKeys(): number {
    return this.keys.size;
  }
}

// Parsing of the response headers that matter for health: retry-after (in its
// three spellings), x-should-retry, request-id and anthropic-ratelimit-*.
// Header values come from the network: anything malformed is dropped, never
// thrown, and absurd values are treated as absent.

/** Anything that can answer "what is header X": fetch Headers, or a plain record (node http). */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | null
  | undefined;

/** A server asking for a pause longer than a day is not asking for a pause: treat as garbage. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

export function headerValue(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  try {
    if (typeof (source as { get?: unknown }).get === 'function') {
      const value = (source as { get(name: string): string | null }).get(name);
      return typeof value === 'string' ? value : undefined;
    }
    const record = source as Readonly<Record<string, string | readonly string[] | undefined>>;
    const lower = name.toLowerCase();
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() !== lower) continue;
      const value = record[key];
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return value.join(', ');
    }
  } catch {
    // A hostile or broken header object is the same as no header.
  }
  return undefined;
}

const DECIMAL = /^\s*(\d{1,12})(\.\d{1,6})?\s*$/;
const HTTP_DATE = /^\s*[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+GMT\s*$/;

/**
 * Seconds the server asks us to wait, from `retry-after-ms`, then `retry-after`
 * (delta seconds or an HTTP-date). Undefined when absent, malformed, negative
 * or longer than MAX_RETRY_AFTER_SECONDS. A date in the past means 0.
 */
export function parseRetryAfter(source: HeaderSource, nowMs: number): number | undefined {
  const ms = headerValue(source, 'retry-after-ms');
  if (ms !== undefined) {
    const match = DECIMAL.exec(ms);
    if (match) {
      const seconds = Number(ms.trim()) / 1000;
      if (seconds <= MAX_RETRY_AFTER_SECONDS) return roundSeconds(seconds);
    }
  }
  const raw = headerValue(source, 'retry-after');
  if (raw === undefined) return undefined;
  if (DECIMAL.test(raw)) {
    const seconds = Number(raw.trim());
    return seconds <= MAX_RETRY_AFTER_SECONDS ? roundSeconds(seconds) : undefined;
  }
  if (HTTP_DATE.test(raw)) {
    const at = Date.parse(raw.trim());
    if (Number.isNaN(at)) return undefined;
    const seconds = Math.max(0, (at - nowMs) / 1000);
    return seconds <= MAX_RETRY_AFTER_SECONDS ? roundSeconds(seconds) : undefined;
  }
  return undefined;
}

function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** `x-should-retry: true|false`; anything else is absent. */
export function parseShouldRetry(source: HeaderSource): boolean | undefined {
  const raw = headerValue(source, 'x-should-retry')?.trim().toLowerCase();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `request-id` (users quote it to support); dropped when it does not look like one. */
export function parseRequestId(source: HeaderSource): string | undefined {
  const raw = headerValue(source, 'request-id')?.trim();
  return raw !== undefined && REQUEST_ID.test(raw) ? raw : undefined;
}

export interface RateLimitBucket {
  limit?: number;
  remaining?: number;
  /** ISO 8601 (UTC) instant when the bucket is full again. */
  reset?: string;
}

export interface RateLimitInfo {
  requests?: RateLimitBucket;
  tokens?: RateLimitBucket;
  inputTokens?: RateLimitBucket;
  outputTokens?: RateLimitBucket;
}

export const RATE_LIMIT_BUCKETS = {
  requests: 'requests',
  tokens: 'tokens',
  inputTokens: 'input-tokens',
  outputTokens: 'output-tokens',
} as const satisfies Record<keyof RateLimitInfo, string>;

const NON_NEGATIVE_INTEGER = /^\s*\d{1,15}\s*$/;
const RFC3339 = /^\s*\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})\s*$/;

function parseCount(raw: string | undefined): number | undefined {
  return raw !== undefined && NON_NEGATIVE_INTEGER.test(raw) ? Number(raw.trim()) : undefined;
}

function parseInstant(raw: string | undefined): string | undefined {
  if (raw === undefined || !RFC3339.test(raw)) return undefined;
  const at = Date.parse(raw.trim());
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function bucket(limit: number | undefined, remaining: number | undefined, reset: string | undefined): RateLimitBucket | undefined {
  const result: RateLimitBucket = {};
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (reset !== undefined) result.reset = reset;
  return Object.keys(result).length ? result : undefined;
}

/**
 * anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}.
 * A bucket is present when any of its headers parsed; a field only when its header did.
 * A gateway's X-RateLimit-* headers fill `requests` only when Anthropic's are absent.
 */
export function parseRateLimits(source: HeaderSource, nowMs: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  for (const [field, name] of Object.entries(RATE_LIMIT_BUCKETS) as [keyof RateLimitInfo, string][]) {
    const prefix = `anthropic-ratelimit-${name}-`;
    const parsed = bucket(
      parseCount(headerValue(source, `${prefix}limit`)),
      parseCount(headerValue(source, `${prefix}remaining`)),
      parseInstant(headerValue(source, `${prefix}reset`)),
    );
    if (parsed) info[field] = parsed;
  }
  if (!info.requests) {
    const fallback = bucket(
      parseCount(headerValue(source, 'x-ratelimit-limit')),
      parseCount(headerValue(source, 'x-ratelimit-remaining')),
      parseGatewayReset(headerValue(source, 'x-ratelimit-reset'), nowMs),
    );
    if (fallback) info.requests = fallback;
  }
  return info;
}

/** Gateways send reset as an instant, epoch seconds, or seconds from now. */
function parseGatewayReset(raw: string | undefined, nowMs: number): string | undefined {
  const instant = parseInstant(raw);
  if (instant || raw === undefined) return instant;
  const count = parseCount(raw);
  if (count === undefined) return undefined;
  const at = count > 1_000_000_000 ? count * 1000 : count <= MAX_RETRY_AFTER_SECONDS ? nowMs + count * 1000 : undefined;
  return at === undefined || at > 8.64e15 ? undefined : new Date(at).toISOString();
}

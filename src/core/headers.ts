// Parsing of the response headers that matter for health: retry-after (in its
// three spellings), x-should-retry, request-id and anthropic-ratelimit-*.
// Header values come from the network: anything malformed is dropped, never
// thrown, and absurd values are treated as absent.
import { parseRfc3339, utcInstant } from './time/instant';

/** Anything that can answer "what is header X": fetch Headers, or a plain record (node http). */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | null
  | undefined;

/** A server asking for a pause longer than a day is not asking for a pause: treat as garbage. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * Reset instants outside these years are garbage (an epoch in the wrong unit,
 * say). Nothing tighter: our clock may be far off the server's, and the
 * instant is shown as it is, never turned into a wait.
 */
const EARLIEST_RESET_MS = Date.UTC(2000, 0, 1);
const LATEST_RESET_MS = Date.UTC(10_000, 0, 1) - 1;

/** Longer header values are not any of the ones parsed here. */
const MAX_PARSED_LENGTH = 1024;

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

/**
 * The value of a header that should appear once. A repeated header arrives
 * comma-joined ("5, 5"; an HTTP-date has a comma of its own): the same value
 * repeated is that value, different values are ambiguous and count as absent.
 */
export function singleHeaderValue(source: HeaderSource, name: string): string | undefined {
  const raw = headerValue(source, name);
  if (raw === undefined || raw.length > MAX_PARSED_LENGTH) return undefined;
  if (!raw.includes(',')) return raw;
  const parts = raw.split(',').map((part) => part.trim());
  // The shortest run of parts that, repeated, makes the whole value.
  for (let size = 1; size < parts.length; size++) {
    if (parts.length % size !== 0) continue;
    const unit = parts.slice(0, size).join(', ');
    let repeated = true;
    for (let at = size; repeated && at < parts.length; at += size) repeated = parts.slice(at, at + size).join(', ') === unit;
    if (repeated) return unit;
  }
  return parts.join(', ');
}

const DECIMAL = /^\s*(\d{1,12})(\.\d{1,6})?\s*$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HTTP_DATE = /^\s*[A-Za-z]{3},\s+(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT\s*$/;

/** An IMF-fixdate ("Thu, 01 Jan 2026 12:00:42 GMT"), the form RFC 9110 says senders use; case-sensitive, as it says. */
function parseHttpDate(raw: string): number {
  const m = HTTP_DATE.exec(raw);
  if (!m) return NaN;
  const month = MONTHS.indexOf(m[2]!) + 1;
  return utcInstant(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/**
 * Seconds the server asks us to wait, from `retry-after-ms`, then `retry-after`
 * (delta seconds or an HTTP-date). Undefined when absent, malformed, negative
 * or longer than MAX_RETRY_AFTER_SECONDS. A date in the past means 0.
 */
export function parseRetryAfter(source: HeaderSource, nowMs: number): number | undefined {
  const ms = singleHeaderValue(source, 'retry-after-ms');
  if (ms !== undefined) {
    const match = DECIMAL.exec(ms);
    if (match) {
      const seconds = Number(ms.trim()) / 1000;
      if (seconds <= MAX_RETRY_AFTER_SECONDS) return roundSeconds(seconds);
    }
  }
  const raw = singleHeaderValue(source, 'retry-after');
  if (raw === undefined) return undefined;
  if (DECIMAL.test(raw)) {
    const seconds = Number(raw.trim());
    return seconds <= MAX_RETRY_AFTER_SECONDS ? roundSeconds(seconds) : undefined;
  }
  const at = parseHttpDate(raw);
  if (Number.isNaN(at) || !Number.isFinite(nowMs)) return undefined;
  const seconds = Math.max(0, (at - nowMs) / 1000);
  return seconds <= MAX_RETRY_AFTER_SECONDS ? roundSeconds(seconds) : undefined;
}

function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** `x-should-retry: true|false`; anything else is absent. */
export function parseShouldRetry(source: HeaderSource): boolean | undefined {
  const raw = singleHeaderValue(source, 'x-should-retry')?.trim().toLowerCase();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `request-id` (users quote it to support); dropped when it does not look like one. */
export function parseRequestId(source: HeaderSource): string | undefined {
  const raw = singleHeaderValue(source, 'request-id')?.trim();
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
function parseCount(raw: string | undefined): number | undefined {
  return raw !== undefined && NON_NEGATIVE_INTEGER.test(raw) ? Number(raw.trim()) : undefined;
}

function plausibleReset(at: number): string | undefined {
  return !Number.isNaN(at) && at >= EARLIEST_RESET_MS && at <= LATEST_RESET_MS ? new Date(at).toISOString() : undefined;
}

/**
 * Reset instants repeat from one answer to the next (the traffic tap reads
 * hundreds a second): the last few parsed are remembered. Bounded: values are
 * at most MAX_PARSED_LENGTH long and the memo is emptied when full.
 */
const parsedInstants = new Map<string, string | undefined>();
const MAX_PARSED_INSTANTS = 64;

/** RFC 3339, with the calendar checked (Date.parse turns 30 February into 2 March). */
function parseInstant(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (parsedInstants.has(raw)) return parsedInstants.get(raw);
  const instant = plausibleReset(parseRfc3339(raw));
  if (parsedInstants.size >= MAX_PARSED_INSTANTS) parsedInstants.clear();
  parsedInstants.set(raw, instant);
  return instant;
}

function bucket(limit: number | undefined, remaining: number | undefined, reset: string | undefined): RateLimitBucket | undefined {
  const result: RateLimitBucket = {};
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (reset !== undefined) result.reset = reset;
  return Object.keys(result).length ? result : undefined;
}

/** The header names of each bucket, spelled once (every answer the tap passes asks for all of them). */
const BUCKET_HEADERS = (Object.entries(RATE_LIMIT_BUCKETS) as [keyof RateLimitInfo, string][]).map(([field, name]) => ({
  field,
  limit: `anthropic-ratelimit-${name}-limit`,
  remaining: `anthropic-ratelimit-${name}-remaining`,
  reset: `anthropic-ratelimit-${name}-reset`,
}));

/**
 * anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}.
 * A bucket is present when any of its headers parsed; a field only when its header did.
 * A gateway's X-RateLimit-* headers fill `requests` only when Anthropic's are absent.
 */
export function parseRateLimits(source: HeaderSource, nowMs: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  for (const { field, limit, remaining, reset } of BUCKET_HEADERS) {
    const parsed = bucket(parseCount(singleHeaderValue(source, limit)), parseCount(singleHeaderValue(source, remaining)), parseInstant(singleHeaderValue(source, reset)));
    if (parsed) info[field] = parsed;
  }
  if (!info.requests) {
    const fallback = bucket(
      parseCount(singleHeaderValue(source, 'x-ratelimit-limit')),
      parseCount(singleHeaderValue(source, 'x-ratelimit-remaining')),
      parseGatewayReset(singleHeaderValue(source, 'x-ratelimit-reset'), nowMs),
    );
    if (fallback) info.requests = fallback;
  }
  return info;
}

/** Gateways send reset as an instant, epoch milliseconds or seconds, or seconds from now. */
function parseGatewayReset(raw: string | undefined, nowMs: number): string | undefined {
  const instant = parseInstant(raw);
  if (instant || raw === undefined) return instant;
  const count = parseCount(raw);
  if (count === undefined) return undefined;
  const at =
    count >= 100_000_000_000 ? count // epoch milliseconds (from 1973 on)
    : count >= 1_000_000_000 ? count * 1000 // epoch seconds (from 2001 on)
    : count <= MAX_RETRY_AFTER_SECONDS && Number.isFinite(nowMs) ? nowMs + count * 1000
    : NaN;
  return plausibleReset(at);
}

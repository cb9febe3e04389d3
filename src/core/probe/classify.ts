// Turns what the SDK returned or threw into a ProbeResult. It reads the SDK's
// errors by shape (status, headers, type, errorCode, cause), not by class, so
// this module never loads the SDK and works the same on errors from any realm.
import { headerValue, parseRateLimits, parseRequestId, parseRetryAfter, parseShouldRetry, type HeaderSource } from '../headers';
import { jsonField } from '../json/bounded';
import { describeError } from '../text/describe-error';
import { cleanText } from '../text/clean';
import { redactSecrets } from '../net/redact';
import { describeNetworkError, isAbortLike, networkErrorCode } from '../net/network-error';
import { english, type Translate } from '../l10n';
import { SPEND_LIMIT_ERROR_CODE, type ProbeOutcome, type ProbeResult } from './types';

/** The fields classification decides; the caller adds mode, model, at and latency. */
export type Classification = Omit<ProbeResult, 'mode' | 'model' | 'at' | 'latencyMs'>;

const ERROR_TYPE = /^[a-z][a-z0-9_]{0,63}$/;

function read(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function safeType(value: unknown): string | undefined {
  return typeof value === 'string' && ERROR_TYPE.test(value) ? value : undefined;
}

function headersOf(error: unknown): HeaderSource {
  const headers = read(error, 'headers');
  return typeof read(headers, 'get') === 'function' ? (headers as HeaderSource) : undefined;
}

// The body (`error.error`) is the server's JSON: read by own data fields only.
function errorTypeOf(error: unknown): string | undefined {
  const body = read(error, 'error');
  const bodyType = jsonField(body, 'type');
  return safeType(read(error, 'type')) ?? safeType(jsonField(body, 'error', 'type')) ?? safeType(bodyType === 'error' ? undefined : bodyType);
}

function errorCodeOf(error: unknown): string | undefined {
  const direct = read(error, 'errorCode');
  if (typeof direct === 'string') return safeType(direct);
  return safeType(jsonField(read(error, 'error'), 'error', 'details', 'error_code'));
}

function headerFacts(headers: HeaderSource, nowMs: number): Pick<Classification, 'requestId' | 'retryAfterSeconds' | 'shouldRetry' | 'rateLimit'> {
  const facts: Pick<Classification, 'requestId' | 'retryAfterSeconds' | 'shouldRetry' | 'rateLimit'> = {
    rateLimit: parseRateLimits(headers, nowMs),
  };
  const requestId = parseRequestId(headers);
  if (requestId) facts.requestId = requestId;
  const retryAfter = parseRetryAfter(headers, nowMs);
  if (retryAfter !== undefined) facts.retryAfterSeconds = retryAfter;
  const shouldRetry = parseShouldRetry(headers);
  if (shouldRetry !== undefined) facts.shouldRetry = shouldRetry;
  return facts;
}

/** A successful answer (headers of the response). */
export function classifySuccess(httpStatus: number, headers: HeaderSource, nowMs: number, t: Translate = english): Classification {
  return { outcome: 'ok', httpStatus, ...headerFacts(headers, nowMs), message: t`ok (HTTP ${httpStatus})` };
}

/** A 2xx whose body is not what the API sends: something in between answered. */
export function classifyUnexpected(httpStatus: number, headers: HeaderSource, message: string, nowMs: number): Classification {
  return { outcome: 'server_error', httpStatus, ...headerFacts(headers, nowMs), message };
}

/** RFC 9110 status codes are three digits from 100 to 599; anything else is a broken server or proxy. */
export function isValidHttpStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 100 && status <= 599;
}

const FOLLOWED_REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The outcome of an answer with this status (and error.type from its body). */
export function outcomeForStatus(status: number, errorType: string | undefined): ProbeOutcome {
  if (status === 529 || errorType === 'overloaded_error') return 'overloaded';
  if (status === 429) return 'rate_limited';
  if (!isValidHttpStatus(status) || (status >= 200 && status < 300)) return 'server_error';
  if (status === 401 || status === 403) return 'auth_error';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** The outcome of an `event: error` inside a 200 stream. */
export function outcomeForStreamError(errorType: string | undefined): ProbeOutcome {
  switch (errorType) {
    case 'overloaded_error':
      return 'overloaded';
    case 'rate_limit_error':
      return 'rate_limited';
    case 'authentication_error':
    case 'permission_error':
      return 'auth_error';
    case 'invalid_request_error':
    case 'not_found_error':
    case 'request_too_large':
      return 'bad_request';
    default:
      return 'server_error';
  }
}

/** Where a redirect pointed, as an origin only (the rest of an untrusted URL is noise). */
function redirectTarget(headers: HeaderSource): string | undefined {
  const location = headerValue(headers, 'location');
  if (location === undefined || location.length > 2000) return undefined;
  try {
    const url = new URL(location.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Statuses that are not errors of the API itself: what they mean for a probe. */
function unusualStatusMessage(status: number, headers: HeaderSource, t: Translate): string | undefined {
  if (!isValidHttpStatus(status)) return t`the server answered with an invalid HTTP status ${status} (a broken server or proxy in between)`;
  if (status < 200) return t`HTTP ${status}: an informational status as the final answer (a broken server or proxy in between)`;
  if (status < 300) return t`HTTP ${status}: a success status the API does not send for this request (a proxy in between?)`;
  if (status === 304) return t`HTTP 304 Not Modified, but the probe asked for no cached copy (a caching proxy in between?)`;
  if (FOLLOWED_REDIRECTS.has(status)) {
    const target = redirectTarget(headers);
    return target ? t`HTTP ${status}: redirected to ${target}; set the API base URL to the final address` : t`HTTP ${status}: redirected; set the API base URL to the final address`;
  }
  if (status < 400) return t`HTTP ${status}: an answer the API does not send (not a redirect the client follows; a proxy in between?)`;
  return undefined;
}

function statusMessage(c: Classification, contentType: string | undefined, t: Translate): string {
  const label = `${c.httpStatus ?? ''}${c.errorType ? ` ${c.errorType}` : ''}`.trim();
  switch (c.outcome) {
    case 'overloaded':
      return c.inStream ? t`overloaded_error inside a 200 stream (Anthropic is overloaded)` : t`${label}: Anthropic is overloaded`;
    case 'rate_limited':
      if (c.spendLimit) return t`${label}: spend limit reached (${SPEND_LIMIT_ERROR_CODE}); retrying cannot help, raise the limit in the Console`;
      return c.retryAfterSeconds !== undefined ? t`${label}: rate limited, retry after ${c.retryAfterSeconds} s` : t`${label}: rate limited (no retry-after)`;
    case 'auth_error':
      return c.httpStatus === 403 ? t`${label}: the API key lacks permission` : t`${label}: the API key was rejected`;
    case 'server_error': {
      if (c.errorType) return t`${label}: server error`;
      const type = cleanText(contentType?.split(';')[0], 60);
      const what = contentType?.toLowerCase().includes('html') ? t`an HTML page` : type ? t`a ${type} body` : t`no JSON body`;
      const status = c.httpStatus ?? '?';
      return c.requestId ?
          t`HTTP ${status} with ${what} (a proxy or CDN answered, not the API)`
        : t`HTTP ${status} with ${what} and no request-id (a proxy or CDN answered, not the API)`;
    }
    case 'timeout':
      return t`${label}: the server timed out the request`;
    default:
      return t`${label}: request rejected`;
  }
}

export interface ErrorContext {
  nowMs: number;
  /** Our own deadline fired (the SDK's timeout only covers the headers). */
  deadlineHit: boolean;
  timeoutMs: number;
  /** The language of the result's message; default English. */
  t?: Translate;
}

/** An answer with an HTTP status: by status and error.type, whatever else the error carries. */
function classifyStatus(error: unknown, status: number, headers: HeaderSource, nowMs: number, t: Translate): Classification {
  const errorType = errorTypeOf(error);
  const errorCode = errorCodeOf(error);
  const c: Classification = { outcome: outcomeForStatus(status, errorType), httpStatus: status, ...headerFacts(headers, nowMs), message: '' };
  if (errorType) c.errorType = errorType;
  if (errorCode) c.errorCode = errorCode;
  if (c.outcome === 'rate_limited' && errorCode === SPEND_LIMIT_ERROR_CODE) c.spendLimit = true;
  const unusual = c.outcome === 'overloaded' || c.outcome === 'rate_limited' ? undefined : unusualStatusMessage(status, headers, t);
  c.message = unusual ?? statusMessage(c, headerValue(headers, 'content-type'), t);
  return c;
}

/** An `event: error` inside a 200 stream: the SDK raises an APIError without a status. */
function classifyStreamError(error: unknown, errorType: string | undefined, headers: HeaderSource, nowMs: number, t: Translate): Classification {
  const c: Classification = { outcome: outcomeForStreamError(errorType), httpStatus: 200, inStream: true, ...headerFacts(headers, nowMs), message: '' };
  if (errorType) c.errorType = errorType;
  const errorCode = errorCodeOf(error);
  if (errorCode) c.errorCode = errorCode;
  if (c.outcome === 'rate_limited' && errorCode === SPEND_LIMIT_ERROR_CODE) c.spendLimit = true;
  c.message = c.outcome === 'overloaded' ? statusMessage(c, undefined, t) : t`${errorType ?? 'error'} inside a 200 stream`;
  return c;
}

const TRANSPORT_INVALID_STATUS = /^the server answered with HTTP status (\d{1,9})\b/;

/**
 * A status fetch refused to represent (600, 999): undici hands it over, but
 * our transport fails with the status in the cause. Found on a `status` or
 * `statusCode` field down the chain, or in the transport's own words.
 */
function invalidStatusInChain(error: unknown): number | undefined {
  const seen = new Set<unknown>();
  for (let link = error; typeof link === 'object' && link !== null && !seen.has(link) && seen.size < 8; link = read(link, 'cause')) {
    seen.add(link);
    for (const field of ['status', 'statusCode']) {
      const value = read(link, field);
      if (typeof value === 'number' && Number.isInteger(value) && !isValidHttpStatus(value)) return value;
    }
    const message = read(link, 'message');
    const match = typeof message === 'string' ? TRANSPORT_INVALID_STATUS.exec(message.slice(0, 200)) : null;
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** JSON.stringify (in the SDK's message formatting, say) overflowed on a deeply nested answer. */
function isStackOverflow(error: unknown): boolean {
  const message = read(error, 'message');
  return read(error, 'name') === 'RangeError' && typeof message === 'string' && message.includes('call stack');
}

function classifyWithoutStatus(error: unknown, headers: HeaderSource, context: ErrorContext, t: Translate): Classification {
  const errorType = errorTypeOf(error);
  if (read(error, 'name') === 'APIError' || (errorType && headers)) return classifyStreamError(error, errorType, headers, context.nowMs, t);
  const invalidStatus = invalidStatusInChain(error);
  if (invalidStatus !== undefined) {
    return { outcome: 'server_error', httpStatus: invalidStatus, rateLimit: {}, message: unusualStatusMessage(invalidStatus, undefined, t) ?? '' };
  }
  if (isStackOverflow(error)) {
    return { outcome: 'server_error', rateLimit: {}, message: t`the answer is nested too deeply to read (a broken or hostile server in between?)` };
  }
  const networkCode = networkErrorCode(error);
  if (networkCode?.startsWith('HPE_')) {
    return { outcome: 'network_error', networkCode, rateLimit: {}, message: t`${networkCode}: the answer is not valid HTTP (a broken server or proxy in between?)` };
  }
  if (networkCode) {
    return { outcome: 'network_error', networkCode, rateLimit: {}, message: describeNetworkError(error, networkCode, t) };
  }
  if (read(error, 'name') === 'SyntaxError') {
    return { outcome: 'server_error', rateLimit: {}, message: t`the answer was not valid JSON (a captive portal or proxy page?)` };
  }
  if (isAbortLike(error)) {
    return { outcome: 'network_error', rateLimit: {}, message: t`the request was cancelled` };
  }
  return { outcome: 'network_error', rateLimit: {}, message: t`request failed: ${describeError(error)}` };
}

/**
 * Anything the SDK (or the transport under it) threw. Never throws itself:
 * every field is read defensively, and a value that defeats even that is
 * described rather than allowed to turn a probe into an exception.
 */
export function classifyError(error: unknown, context: ErrorContext): Classification {
  let c: Classification;
  const t = context.t ?? english;
  try {
    const status = read(error, 'status');
    if (context.deadlineHit || read(error, 'name') === 'APIConnectionTimeoutError') {
      c = { outcome: 'timeout', rateLimit: {}, message: t`no complete answer within ${Math.round(context.timeoutMs / 100) / 10} s` };
    } else if (typeof status === 'number' && Number.isInteger(status)) {
      c = classifyStatus(error, status, headersOf(error), context.nowMs, t);
    } else {
      c = classifyWithoutStatus(error, headersOf(error), context, t);
    }
  } catch {
    c = { outcome: 'network_error', rateLimit: {}, message: t`request failed: an error that could not be read` };
  }
  return { ...c, message: redactSecrets(c.message) };
}

// Turns what the SDK returned or threw into a ProbeResult. It reads the SDK's
// errors by shape (status, headers, type, errorCode, cause), not by class, so
// this module never loads the SDK and works the same on errors from any realm.
import { parseRateLimits, parseRequestId, parseRetryAfter, parseShouldRetry, type HeaderSource } from '../headers';
import { describeNetworkError, isAbortLike, networkErrorCode } from '../net/network-error';
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

function errorTypeOf(error: unknown): string | undefined {
  const body = read(error, 'error');
  return safeType(read(error, 'type')) ?? safeType(read(read(body, 'error'), 'type')) ?? safeType(read(body, 'type') === 'error' ? undefined : read(body, 'type'));
}

function errorCodeOf(error: unknown): string | undefined {
  const direct = read(error, 'errorCode');
  if (typeof direct === 'string') return safeType(direct);
  return safeType(read(read(read(read(error, 'error'), 'error'), 'details'), 'error_code'));
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
export function classifySuccess(httpStatus: number, headers: HeaderSource, nowMs: number): Classification {
  return { outcome: 'ok', httpStatus, ...headerFacts(headers, nowMs), message: `ok (HTTP ${httpStatus})` };
}

/** A 2xx whose body is not what the API sends: something in between answered. */
export function classifyUnexpected(httpStatus: number, headers: HeaderSource, message: string, nowMs: number): Classification {
  return { outcome: 'server_error', httpStatus, ...headerFacts(headers, nowMs), message };
}

function outcomeForStatus(status: number, errorType: string | undefined): ProbeOutcome {
  if (status === 529 || errorType === 'overloaded_error') return 'overloaded';
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth_error';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

function outcomeForStreamError(errorType: string | undefined): ProbeOutcome {
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

function statusMessage(c: Classification, contentType: string | undefined): string {
  const label = `${c.httpStatus ?? ''}${c.errorType ? ` ${c.errorType}` : ''}`.trim();
  switch (c.outcome) {
    case 'overloaded':
      return c.inStream ? `overloaded_error inside a 200 stream (Anthropic is overloaded)` : `${label}: Anthropic is overloaded`;
    case 'rate_limited':
      if (c.spendLimit) return `${label}: spend limit reached (${SPEND_LIMIT_ERROR_CODE}); retrying cannot help, raise the limit in the Console`;
      return `${label}: rate limited${c.retryAfterSeconds !== undefined ? `, retry after ${c.retryAfterSeconds} s` : ' (no retry-after)'}`;
    case 'auth_error':
      return c.httpStatus === 403 ? `${label}: the API key lacks permission` : `${label}: the API key was rejected`;
    case 'server_error': {
      if (c.errorType) return `${label}: server error`;
      const what = contentType?.includes('html') ? 'an HTML page' : contentType ? `a ${contentType.split(';')[0]} body` : 'no JSON body';
      return `HTTP ${c.httpStatus ?? '?'} with ${what}${c.requestId ? '' : ' and no request-id'} (a proxy or CDN answered, not the API)`;
    }
    case 'timeout':
      return `${label}: the server timed out the request`;
    default:
      return `${label}: request rejected`;
  }
}

export interface ErrorContext {
  nowMs: number;
  /** Our own deadline fired (the SDK's timeout only covers the headers). */
  deadlineHit: boolean;
  timeoutMs: number;
}

/** Anything the SDK (or the transport under it) threw. */
export function classifyError(error: unknown, context: ErrorContext): Classification {
  const headers = headersOf(error);
  const status = read(error, 'status');
  const name = read(error, 'name');
  if (context.deadlineHit || name === 'APIConnectionTimeoutError') {
    return { outcome: 'timeout', rateLimit: {}, message: `no complete answer within ${Math.round(context.timeoutMs / 100) / 10} s` };
  }
  if (typeof status === 'number' && Number.isInteger(status)) {
    const errorType = errorTypeOf(error);
    const errorCode = errorCodeOf(error);
    const c: Classification = { outcome: outcomeForStatus(status, errorType), httpStatus: status, ...headerFacts(headers, context.nowMs), message: '' };
    if (errorType) c.errorType = errorType;
    if (errorCode) c.errorCode = errorCode;
    if (c.outcome === 'rate_limited' && errorCode === SPEND_LIMIT_ERROR_CODE) c.spendLimit = true;
    const contentType = headers ? (read(headers, 'get') as (n: string) => string | null).call(headers, 'content-type') ?? undefined : undefined;
    c.message = status >= 300 && status < 400 ? `HTTP ${status}: redirected; set the API base URL to the final address` : statusMessage(c, contentType);
    return c;
  }
  const errorType = errorTypeOf(error);
  if (read(error, 'name') === 'APIError' || (errorType && headers)) {
    // An `event: error` inside a 200 stream: the SDK raises an APIError without a status.
    const c: Classification = { outcome: outcomeForStreamError(errorType), httpStatus: 200, inStream: true, ...headerFacts(headers, context.nowMs), message: '' };
    if (errorType) c.errorType = errorType;
    const errorCode = errorCodeOf(error);
    if (errorCode) c.errorCode = errorCode;
    if (c.outcome === 'rate_limited' && errorCode === SPEND_LIMIT_ERROR_CODE) c.spendLimit = true;
    c.message = c.outcome === 'overloaded' ? statusMessage(c, undefined) : `${errorType ?? 'error'} inside a 200 stream`;
    return c;
  }
  const networkCode = networkErrorCode(error);
  if (networkCode) {
    return { outcome: 'network_error', networkCode, rateLimit: {}, message: describeNetworkError(error, networkCode) };
  }
  if (name === 'SyntaxError') {
    return { outcome: 'server_error', rateLimit: {}, message: 'the answer was not valid JSON (a captive portal or proxy page?)' };
  }
  if (isAbortLike(error)) {
    return { outcome: 'network_error', rateLimit: {}, message: 'the request was cancelled' };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { outcome: 'network_error', rateLimit: {}, message: `request failed: ${text.slice(0, 200)}` };
}

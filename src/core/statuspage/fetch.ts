// Reads the status page: a conditional GET (If-None-Match / If-Modified-Since,
// so an unchanged page costs a 304), bounded in time and in size, and turned
// into a snapshot or a classified error. It never throws.
import type { Clock } from '../clock';
import { headerValue } from '../headers';
import type { FetchLike } from '../net/node-fetch';
import { BodyTooLargeError, readBodyBounded } from '../net/bounded-body';
import { describeNetworkError, isAbortLike, networkErrorCode } from '../net/network-error';
import { describeError } from '../text/describe-error';
import { english, type Translate } from '../l10n';
import { parseSummaryText, SUMMARY_JSON_BOUNDS } from './parse';
import type { StatusPageError, StatusSnapshot, Validators } from './types';

export const STATUS_PAGE_TIMEOUT_MS = 10_000;
/** The real summary is tens of kB; anything near this is not a status page. */
export const STATUS_PAGE_MAX_BYTES = 2 * 1024 * 1024;

export interface StatusPageRequest {
  url: string;
  fetch: FetchLike;
  clock: Clock;
  /** Sent as If-None-Match / If-Modified-Since when present. */
  validators?: Validators;
  timeoutMs?: number;
  maxBytes?: number;
  /** Cancels the request (the monitor is being disposed). */
  signal?: AbortSignal;
  /** The language of the error message (the tooltip, the report and the CLI show it); default English. */
  t?: Translate;
}

export type StatusPageResult =
  | { kind: 'fresh'; snapshot: StatusSnapshot; validators: Validators }
  | { kind: 'not_modified'; validators: Validators }
  | { kind: 'failed'; error: StatusPageError };

function validatorsOf(response: Response): Validators {
  const validators: Validators = {};
  const etag = headerValue(response.headers, 'etag');
  if (etag && etag.length <= 256) validators.etag = etag;
  const lastModified = headerValue(response.headers, 'last-modified');
  if (lastModified && lastModified.length <= 64 && !Number.isNaN(Date.parse(lastModified))) validators.lastModified = lastModified;
  return validators;
}

function failed(error: StatusPageError): StatusPageResult {
  return { kind: 'failed', error };
}

export async function fetchStatusPage(request: StatusPageRequest): Promise<StatusPageResult> {
  const t = request.t ?? english;
  const timeoutMs = request.timeoutMs ?? STATUS_PAGE_TIMEOUT_MS;
  const maxBytes = request.maxBytes ?? STATUS_PAGE_MAX_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  // Real time on purpose: this bounds real I/O, whatever clock schedules the polls.
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  request.signal?.addEventListener('abort', cancel, { once: true });
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.validators?.etag) headers['if-none-match'] = request.validators.etag;
  if (request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified;
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  try {
    const response = await request.fetch(request.url, { headers, signal: controller.signal });
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'not_modified', validators: { ...request.validators, ...validatorsOf(response) } };
    }
    const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      const message = contentType.includes('html') ? t`HTTP ${response.status} (an HTML error page)` : `HTTP ${response.status}`;
      return failed({ kind: 'http_status', httpStatus: response.status, message });
    }
    const bytes = await readBodyBounded(response, maxBytes);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const trimmed = text.trimStart();
    if (contentType.includes('html') || trimmed.startsWith('<')) {
      return failed({ kind: 'not_json', httpStatus: 200, message: t`an HTML page instead of JSON (a captive portal or proxy?)` });
    }
    // Bounded in depth and size before JSON.parse: a hostile page cannot blow the stack.
    const parsed = parseSummaryText(text, request.clock.now(), { ...SUMMARY_JSON_BOUNDS, maxBytes }, t);
    if (!parsed.ok) return failed({ kind: parsed.kind, httpStatus: 200, message: parsed.message });
    return { kind: 'fresh', snapshot: parsed.snapshot, validators: validatorsOf(response) };
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return failed({ kind: 'too_large', httpStatus: 200, message: t`the answer is larger than ${Math.round(maxBytes / 1024)} kB` });
    }
    if (timedOut) return failed({ kind: 'timeout', message: t`no complete answer within ${seconds}` });
    const code = networkErrorCode(error);
    if (code) return failed({ kind: 'network', code, message: describeNetworkError(error, code, t) });
    if (isAbortLike(error)) return failed({ kind: 'network', message: t`the request was cancelled` });
    return failed({ kind: 'network', message: t`request failed: ${describeError(error)}` });
  } finally {
    clearTimeout(deadline);
    request.signal?.removeEventListener('abort', cancel);
  }
}

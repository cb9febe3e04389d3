// Reading an answer from the API (or from whatever stands in front of it):
// the error body when it is the API's JSON, and the request-id users quote.
import { parseRequestId } from '../../headers';
import { trimTrailingSlashes } from '../../settings';
import type { RawAnswer } from './raw-request';

export interface ApiError {
  type?: string;
  message?: string;
  errorCode?: string;
}

/** The API's `{"type":"error","error":{...}}`, or undefined when the body is anything else. */
export function apiErrorOf(body: string): ApiError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const out: ApiError = {};
  if (typeof record.type === 'string') out.type = record.type.slice(0, 64);
  if (typeof record.message === 'string') out.message = record.message.replace(/\s+/g, ' ').slice(0, 300);
  const details = record.details as Record<string, unknown> | null | undefined;
  if (details && typeof details.error_code === 'string') out.errorCode = details.error_code.slice(0, 64);
  return out;
}

export function requestIdOf(answer: RawAnswer): string | undefined {
  return parseRequestId(answer.headers);
}

/** "request-id req_..." for the report, or a note that there was none. */
export function requestIdText(answer: RawAnswer): string {
  const id = requestIdOf(answer);
  return id ? `request-id ${id}` : 'no request-id (not the API itself answering?)';
}

export function isJson(answer: RawAnswer): boolean {
  return (answer.headers['content-type'] ?? '').includes('json');
}

export function apiUrl(base: URL, path: string): URL {
  return new URL(`${trimTrailingSlashes(base.href)}${path}`);
}

// One row of a Claude Code transcript -> the API failure it records, if any.
// Only `assistant` rows flagged `isApiErrorMessage` count (a user pasting
// "API Error: 529" into a prompt is not one). The kind comes from the status
// and error type written in the row's text first, its `error` field second.
// Nothing of the text leaves this file except a status number, an error type
// from a fixed list and a request id of a fixed shape: the rows sit next to
// the user's prompts and code.
import { jsonField } from '../json/bounded';
import type { RequestKind } from '../signals/request-kinds';
import { parsePlanReset } from './plan-reset';

export interface TranscriptError {
  /** ms epoch, from the row's timestamp */
  at: number;
  kind: Exclude<RequestKind, 'ok'>;
  status?: number;
  errorType?: string;
  requestId?: string;
  /** plan_limit: when the plan resets, when the text says so. */
  resetsAt?: number;
}

/** Only the start of the text is looked at: the error sentence comes first. */
const MAX_TEXT_SCANNED = 4096;

const KIND_OF_ERROR_TYPE: Readonly<Record<string, TranscriptError['kind']>> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limited',
  api_error: 'server_error',
  timeout_error: 'network',
  authentication_error: 'auth',
  permission_error: 'auth',
  billing_error: 'other',
  invalid_request_error: 'other',
  not_found_error: 'other',
  request_too_large: 'other',
  conflict_error: 'other',
};

/** Claude Code's own `error` field on the row. */
const KIND_OF_ERROR_FIELD: Readonly<Record<string, TranscriptError['kind']>> = {
  rate_limit: 'rate_limited',
  authentication_failed: 'auth',
  billing_error: 'other',
  overloaded: 'overloaded',
  server_error: 'server_error',
  invalid_request: 'other',
};

/** Words Claude Code uses for a request that never got an HTTP answer. */
const NETWORK_WORDS = ['connection', 'econnreset', 'econnrefused', 'etimedout', 'enotfound', 'eai_again', 'socket hang up', 'timed out', 'timeout', 'fetch failed', 'network'];

export function kindOfStatus(status: number): TranscriptError['kind'] {
  if (status === 529) return 'overloaded';
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  // 520-527 are a CDN saying it could not reach or hear the origin.
  if (status >= 520 && status <= 527) return 'network';
  if (status >= 500 && status <= 599) return 'server_error';
  return 'other';
}

function rowText(row: unknown): string {
  const content = jsonField(row, 'message', 'content');
  if (typeof content === 'string') return content.slice(0, MAX_TEXT_SCANNED);
  if (!Array.isArray(content)) return '';
  for (let i = 0; i < Math.min(content.length, 8); i++) {
    const text = jsonField(content, i, 'text');
    if (typeof text === 'string') return text.slice(0, MAX_TEXT_SCANNED);
  }
  return '';
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The three-digit status right after "API Error: " or "API Error (", or a bare "522 " at the start. */
export function statusInText(text: string): number | undefined {
  const marker = text.indexOf('API Error');
  let at = marker === -1 ? 0 : marker + 'API Error'.length;
  while (at < text.length && (text[at] === ':' || text[at] === ' ' || text[at] === '(')) at++;
  if (!isDigit(text.charCodeAt(at)) || !isDigit(text.charCodeAt(at + 1)) || !isDigit(text.charCodeAt(at + 2)) || isDigit(text.charCodeAt(at + 3))) return undefined;
  const status = Number(text.slice(at, at + 3));
  return status >= 100 && status <= 599 ? status : undefined;
}

/** The first known API error type named in the text (e.g. in the quoted JSON body). */
export function errorTypeInText(text: string): string | undefined {
  let best: { type: string; index: number } | undefined;
  for (const type of Object.keys(KIND_OF_ERROR_TYPE)) {
    const index = text.indexOf(type);
    // `api_error` is also the tail of other names: it must stand alone.
    if (index === -1 || (index > 0 && /[a-z_]/.test(text[index - 1] ?? ''))) continue;
    if (best === undefined || index < best.index) best = { type, index };
  }
  return best?.type;
}

/**
 * The id in the quoted body's `"request_id":"req_…"`, when it has the API's
 * shape (`req_` and 20 to 60 letters and digits, then the closing quote).
 * Only that form: a `req_` anywhere else in the text may be the user's words.
 */
export function requestIdInText(text: string): string | undefined {
  const marker = '"request_id":"';
  const index = text.indexOf(`${marker}req_`);
  if (index === -1) return undefined;
  const start = index + marker.length;
  let end = start + 4;
  while (end < text.length && end - start < 64 && /[A-Za-z0-9]/.test(text[end] ?? '')) end++;
  const length = end - start - 4;
  return length >= 20 && length <= 60 && text[end] === '"' ? text.slice(start, end) : undefined;
}

/** "You've hit your session limit · resets …", "Claude AI usage limit reached|<epoch>": the plan is spent, the API is fine. */
export function isPlanLimitText(text: string): boolean {
  const lower = text.toLowerCase();
  return (lower.includes('hit your') && lower.includes('limit')) || lower.includes('usage limit reached');
}

function kindFromText(text: string, status: number | undefined, errorType: string | undefined): TranscriptError['kind'] | undefined {
  if (errorType !== undefined) return KIND_OF_ERROR_TYPE[errorType];
  if (status !== undefined) return kindOfStatus(status);
  const lower = text.toLowerCase();
  if (lower.includes('overloaded')) return 'overloaded';
  if (NETWORK_WORDS.some((word) => lower.includes(word))) return 'network';
  return undefined;
}

function kindFromFields(row: unknown): TranscriptError['kind'] | undefined {
  const field = jsonField(row, 'error');
  if (typeof field === 'string' && Object.hasOwn(KIND_OF_ERROR_FIELD, field)) return KIND_OF_ERROR_FIELD[field];
  const apiStatus = jsonField(row, 'apiError', 'status');
  if (typeof apiStatus === 'number' && Number.isInteger(apiStatus)) return kindOfStatus(apiStatus);
  const apiType = jsonField(row, 'apiError', 'error', 'type') ?? jsonField(row, 'apiError', 'type');
  if (typeof apiType === 'string' && Object.hasOwn(KIND_OF_ERROR_TYPE, apiType)) return KIND_OF_ERROR_TYPE[apiType];
  return undefined;
}

/** The API failure a parsed transcript row records, or undefined for every other row. */
export function classifyTranscriptRow(row: unknown): TranscriptError | undefined {
  if (jsonField(row, 'isApiErrorMessage') !== true) return undefined;
  const type = jsonField(row, 'type');
  if (type !== undefined && type !== 'assistant') return undefined;
  const timestamp = jsonField(row, 'timestamp');
  if (typeof timestamp !== 'string' || timestamp.length > 40) return undefined;
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at)) return undefined;
  const text = rowText(row);
  if (isPlanLimitText(text)) {
    const planLimit: TranscriptError = { at, kind: 'plan_limit' };
    const resetsAt = parsePlanReset(text, at);
    if (resetsAt !== undefined) planLimit.resetsAt = resetsAt;
    return planLimit;
  }
  const status = statusInText(text);
  const errorType = errorTypeInText(text);
  const kind = kindFromText(text, status, errorType) ?? kindFromFields(row) ?? 'other';
  const error: TranscriptError = { at, kind };
  if (status !== undefined) error.status = status;
  if (errorType !== undefined) error.errorType = errorType;
  const requestId = requestIdInText(text);
  if (requestId !== undefined) error.requestId = requestId;
  return error;
}

// What the tap keeps of one request: the facts that say how the API answered,
// in the request-kind vocabulary every source shares. Never a header value
// other than the ones named here, never a body, never the key: the record
// goes to the shared store, the log and the status bar.
import type { RateLimitInfo } from '../headers';
import { outcomeForStatus, outcomeForStreamError } from '../probe/classify';
import { requestKindOfProbeOutcome, type RequestKind } from '../signals/request-kinds';
import { redactSecrets } from '../net/redact';
import { cleanText } from '../text/clean';

export interface TapRecord {
  /** When the request arrived (ms epoch). */
  at: number;
  source: 'tap';
  kind: RequestKind;
  method: string;
  /** The path without its query (a query can carry anything), cut short. */
  path: string;
  /** The upstream's status; absent when it never answered. */
  status?: number;
  /** error.type from the JSON error body, or from an `event: error` inside a stream. */
  errorType?: string;
  /** The error arrived inside a 2xx event stream. */
  inStream?: boolean;
  /** From arrival until the answer was complete (or failed), in ms. */
  latencyMs: number;
  /** From arrival until the first byte of the answer's body, in ms. */
  firstByteMs?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  /** The top-level "model" of the request's JSON body. */
  model?: string;
  /** anthropic-ratelimit-* headers. */
  rateLimit: RateLimitInfo;
  /** For kind network: the failing layer's code (ECONNREFUSED, ETIMEDOUT...). */
  networkCode?: string;
  /** For kind network: what the client was told (502, 504), or that its stream was cut. */
  clientStatus?: number;
  /** For kind network: one sentence, without the key. */
  detail?: string;
}

const MAX_PATH_CHARS = 200;

/** The path as recorded: no query, no control characters, nothing shaped like a key, bounded. */
export function recordedPath(target: string): string {
  const query = target.indexOf('?');
  return redactSecrets(cleanText(query === -1 ? target : target.slice(0, query), MAX_PATH_CHARS) ?? '/');
}

/**
 * The kind of an answer, by status and error.type together, exactly as the
 * probes count theirs: a 529 or an overloaded_error anywhere (a 200 stream
 * too) is an overload, whatever the other says.
 */
export function kindOfAnswer(status: number, errorType: string | undefined): RequestKind {
  const success = status >= 200 && status < 300;
  if (success && errorType === undefined) return 'ok';
  return requestKindOfProbeOutcome(success ? outcomeForStreamError(errorType) : outcomeForStatus(status, errorType));
}

/** One line for the log: what a person scanning it needs, nothing that could be a secret. */
export function formatTapRecord(record: TapRecord): string {
  const parts = [new Date(record.at).toISOString(), record.method, record.path];
  if (record.model) parts.push(record.model);
  parts.push(record.status !== undefined ? String(record.status) : '-', record.kind);
  if (record.errorType) parts.push(record.inStream ? `${record.errorType} (in stream)` : record.errorType);
  if (record.networkCode) parts.push(record.networkCode);
  parts.push(`${Math.round(record.latencyMs)}ms`);
  if (record.requestId) parts.push(record.requestId);
  if (record.retryAfterSeconds !== undefined) parts.push(`retry-after ${record.retryAfterSeconds}s`);
  if (record.clientStatus !== undefined) parts.push(`-> client ${record.clientStatus === 0 ? 'stream cut' : record.clientStatus}`);
  return parts.join(' ');
}

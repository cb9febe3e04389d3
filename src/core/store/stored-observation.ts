// One observation as the shared store keeps it: one JSON object per line.
// Every field is checked on the way in and on the way out: a line is written
// by another process (a window, the CLI, the tap) and may be truncated, from
// an older version, or hostile. Only what passes these checks is kept, so no
// prompt, answer, header or key can ride along in a free-text field.
import { isModelName } from '../settings/model-name';
import { REQUEST_KINDS, type RequestKind } from '../signals/request-kinds';

export const STORED_SOURCES = ['probe', 'tap', 'claude-code', 'status-page'] as const;
export type StoredSource = (typeof STORED_SOURCES)[number];

export interface StoredObservation {
  /** ms epoch */
  at: number;
  source: StoredSource;
  kind: RequestKind;
  /** HTTP status */
  status?: number;
  /** The API's error.type, e.g. overloaded_error. */
  errorType?: string;
  latencyMs?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  model?: string;
  /** Request path for tap rows, e.g. /v1/messages (never the query). */
  path?: string;
  /** plan_limit: when the plan's limit resets, ms epoch. */
  resetsAt?: number;
}

/** Longest line a reader accepts; a real one is under 400 bytes. */
export const MAX_LINE_BYTES = 2048;

const ERROR_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
const REQUEST_PATH = /^\/[A-Za-z0-9_./-]{0,199}$/;
/** A key is never a request id, a path or an error type, whatever a server echoed. */
const KEY_PREFIX = 'sk-ant';
const YEAR_3000 = 32_503_680_000_000;

function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < YEAR_3000;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function safeText(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) && !value.toLowerCase().includes(KEY_PREFIX) ? value : undefined;
}

/**
 * The observation with every field checked, or undefined when the required
 * ones (time, source, kind) are not valid. Optional fields that fail their
 * check are dropped, not guessed.
 */
export function sanitizeObservation(value: unknown): StoredObservation | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const { at, source, kind } = raw;
  if (!isInstant(at)) return undefined;
  if (typeof source !== 'string' || !(STORED_SOURCES as readonly string[]).includes(source)) return undefined;
  if (typeof kind !== 'string' || !(REQUEST_KINDS as readonly string[]).includes(kind)) return undefined;
  const out: StoredObservation = { at: Math.round(at), source: source as StoredSource, kind: kind as RequestKind };
  if (isIntegerIn(raw.status, 100, 999)) out.status = raw.status;
  const errorType = safeText(raw.errorType, ERROR_TYPE);
  if (errorType !== undefined) out.errorType = errorType;
  if (typeof raw.latencyMs === 'number' && Number.isFinite(raw.latencyMs) && raw.latencyMs >= 0 && raw.latencyMs <= 3_600_000) {
    out.latencyMs = Math.round(raw.latencyMs);
  }
  const requestId = safeText(raw.requestId, REQUEST_ID);
  if (requestId !== undefined) out.requestId = requestId;
  if (isIntegerIn(raw.retryAfterSeconds, 0, 86_400)) out.retryAfterSeconds = raw.retryAfterSeconds;
  if (isModelName(raw.model) && !(raw.model as string).toLowerCase().includes(KEY_PREFIX)) out.model = raw.model as string;
  const path = safeText(raw.path, REQUEST_PATH);
  if (path !== undefined) out.path = path;
  if (isInstant(raw.resetsAt)) out.resetsAt = Math.round(raw.resetsAt);
  return out;
}

/** One line of the store, newline included; undefined when the observation does not validate. */
export function encodeObservation(observation: StoredObservation): string | undefined {
  const clean = sanitizeObservation(observation);
  return clean === undefined ? undefined : `${JSON.stringify(clean)}\n`;
}

/** The observation on one line (without its newline), or undefined when the line is corrupt. */
export function decodeObservation(line: string): StoredObservation | undefined {
  if (line.length > MAX_LINE_BYTES || line.length === 0 || line.charCodeAt(0) !== 0x7b) return undefined;
  try {
    // A flat object of at most MAX_LINE_BYTES: JSON.parse cannot be stretched by it.
    return sanitizeObservation(JSON.parse(line));
  } catch {
    return undefined;
  }
}

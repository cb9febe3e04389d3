// The bounded record of probe outcomes that the window counters, the
// hysteresis and the latency sparkline read. It is saved to globalState as a
// plain JSON object and validated on the way back in: a corrupt or foreign
// value gives an empty log, never an exception.
import { isModelName } from '../settings/model-name';
import { PROBE_OUTCOMES, type ProbeOutcome, type ProbeResult } from '../probe/types';
import { REQUEST_SOURCES, type RequestSource } from './request-kinds';

export interface ProbeEvent {
  /** ms epoch */
  at: number;
  outcome: ProbeOutcome;
  latencyMs: number;
  httpStatus?: number;
  retryAfterSeconds?: number;
  /** 429 from the spend limit. */
  spendLimit?: boolean;
  model?: string;
  /** The API's request-id header, kept for failures only (the history's error table). */
  requestId?: string;
}

/** An event as the history keeps it: which source saw it (absent in old saves: the probe). */
export interface LoggedEvent extends ProbeEvent {
  source?: RequestSource;
}

export const HISTORY_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * The cap per hour of retention: one event every 2.5 s, i.e. a 5 s probe
 * interval with a second source (or model) as busy. 24 h gives 34,560 events,
 * about 1 MB serialised at its fullest (measured in probe-log-size.test.ts).
 */
export const MAX_EVENTS_PER_HOUR = 1440;
/** The cap for the default 24 h retention. */
export const MAX_EVENTS = maxEventsFor(HISTORY_RETENTION_MS);
export const SIGNALS_STATE_VERSION = 2;
const LEGACY_STATE_VERSION = 1;

export function maxEventsFor(retentionMs: number): number {
  return Math.max(100, Math.ceil((retentionMs / 3_600_000) * MAX_EVENTS_PER_HOUR));
}

/**
 * Compact on-disk form, about 30 bytes an event: [at - base (ms), outcome index
 * in PROBE_OUTCOMES, latencyMs, httpStatus (0: none), retryAfterSeconds (-1:
 * none), flags, model index in `models` (-1: none), source index in
 * REQUEST_SOURCES, request id ('' for none)]. Version 1 had the first seven.
 */
type EventTuple = [number, number, number, number, number, number, number, number, string];

export interface SignalsState {
  version: typeof SIGNALS_STATE_VERSION;
  base: number;
  models: string[];
  events: EventTuple[];
}

/** Request ids as the API issues them (req_011C…); anything else is not kept. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

const MAX_MODELS = 20;
const FLAG_SPEND_LIMIT = 1;

export function eventFromResult(result: ProbeResult): ProbeEvent {
  const event: ProbeEvent = { at: result.at, outcome: result.outcome, latencyMs: result.latencyMs };
  if (result.httpStatus !== undefined) event.httpStatus = result.httpStatus;
  if (result.retryAfterSeconds !== undefined) event.retryAfterSeconds = result.retryAfterSeconds;
  if (result.spendLimit) event.spendLimit = true;
  if (result.model !== undefined && isModelName(result.model)) event.model = result.model;
  if (result.outcome !== 'ok' && isRequestId(result.requestId)) event.requestId = result.requestId;
  return event;
}

export class ProbeLog {
  private list: LoggedEvent[] = [];

  constructor(
    private retentionMs = HISTORY_RETENTION_MS,
    private maxEvents = maxEventsFor(retentionMs),
  ) {}

  /** A new retention (the setting changed): the cap follows; a shorter one drops the oldest now. */
  setRetention(retentionMs: number, now: number): void {
    this.retentionMs = retentionMs;
    this.maxEvents = maxEventsFor(retentionMs);
    this.prune(now);
  }

  /** Adds an event, keeping the log sorted by time and within its bounds. */
  add(event: LoggedEvent, now: number): void {
    let index = this.list.length;
    while (index > 0 && (this.list[index - 1]?.at ?? 0) > event.at) index--;
    this.list.splice(index, 0, event);
    this.prune(now);
  }

  /** Drops what is older than the retention, and the oldest beyond the cap. */
  prune(now: number): void {
    const cutoff = now - this.retentionMs;
    let drop = 0;
    while (drop < this.list.length && (this.list[drop]?.at ?? 0) < cutoff) drop++;
    drop = Math.max(drop, this.list.length - this.maxEvents);
    if (drop > 0) this.list.splice(0, drop);
  }

  get size(): number {
    return this.list.length;
  }

  /** Oldest first. */
  all(): readonly LoggedEvent[] {
    return this.list;
  }

  /** Events at or after `from`, oldest first. */
  since(from: number): LoggedEvent[] {
    return this.list.filter((event) => event.at >= from);
  }

  /** The last `count` events, oldest first. */
  latest(count: number): LoggedEvent[] {
    return count <= 0 ? [] : this.list.slice(-count);
  }

  clear(): void {
    this.list = [];
  }

  toJSON(): SignalsState {
    const base = this.list[0]?.at ?? 0;
    const models: string[] = [];
    const events = this.list.map((e): EventTuple => {
      let model = -1;
      if (e.model !== undefined) {
        model = models.indexOf(e.model);
        if (model === -1 && models.length < MAX_MODELS) model = models.push(e.model) - 1;
      }
      return [
        e.at - base,
        PROBE_OUTCOMES.indexOf(e.outcome),
        e.latencyMs,
        e.httpStatus ?? 0,
        e.retryAfterSeconds ?? -1,
        e.spendLimit ? FLAG_SPEND_LIMIT : 0,
        model,
        REQUEST_SOURCES.indexOf(e.source ?? 'probe'),
        e.requestId ?? '',
      ];
    });
    return { version: SIGNALS_STATE_VERSION, base, models, events };
  }

  /**
   * Restores a log saved by toJSON. Anything that does not validate (another
   * version, a wrong shape, one bad entry among good ones) is dropped; events
   * from the future are dropped too, as a clock that jumped back would make them.
   */
  static fromJSON(value: unknown, now: number, retentionMs = HISTORY_RETENTION_MS, maxEvents = maxEventsFor(retentionMs)): ProbeLog {
    const log = new ProbeLog(retentionMs, maxEvents);
    if (typeof value !== 'object' || value === null) return log;
    const state = value as Partial<Record<keyof SignalsState, unknown>>;
    const version = state.version;
    if ((version !== SIGNALS_STATE_VERSION && version !== LEGACY_STATE_VERSION) || !Array.isArray(state.events) || !isFiniteNumber(state.base) || !Array.isArray(state.models)) {
      return log;
    }
    const models = state.models.slice(0, MAX_MODELS).map((m) => (typeof m === 'string' && isModelName(m) ? m : undefined));
    const events: LoggedEvent[] = [];
    const width = version === LEGACY_STATE_VERSION ? 7 : 9;
    for (const item of state.events.slice(-maxEvents)) {
      const event = decode(item, width, state.base, models, now);
      if (event) events.push(event);
    }
    events.sort((a, b) => a.at - b.at);
    log.list = events;
    log.prune(now);
    return log;
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function decode(item: unknown, width: 7 | 9, base: number, models: readonly (string | undefined)[], now: number): LoggedEvent | undefined {
  if (!Array.isArray(item) || item.length !== width) return undefined;
  const [offset, outcomeIndex, latencyMs, httpStatus, retryAfter, flags, modelIndex, sourceIndex = 0, requestId = ''] = item as unknown[];
  if (!isFiniteNumber(offset)) return undefined;
  const at = base + offset;
  if (!Number.isFinite(at) || at > now || at < 0) return undefined;
  if (!isFiniteNumber(outcomeIndex) || !Number.isInteger(outcomeIndex)) return undefined;
  const outcome = PROBE_OUTCOMES[outcomeIndex];
  if (outcome === undefined) return undefined;
  if (!isFiniteNumber(latencyMs) || latencyMs < 0 || latencyMs > 3_600_000) return undefined;
  if (!isFiniteNumber(httpStatus) || !Number.isInteger(httpStatus) || httpStatus < 0 || httpStatus > 999) return undefined;
  if (!isFiniteNumber(retryAfter) || retryAfter < -1 || retryAfter > 86_400) return undefined;
  if (!isFiniteNumber(flags) || !Number.isInteger(flags) || flags < 0 || flags > 1) return undefined;
  if (!isFiniteNumber(modelIndex) || !Number.isInteger(modelIndex) || modelIndex < -1) return undefined;
  const model = modelIndex === -1 ? undefined : models[modelIndex];
  if (modelIndex !== -1 && model === undefined) return undefined;
  const source = isFiniteNumber(sourceIndex) && Number.isInteger(sourceIndex) ? REQUEST_SOURCES[sourceIndex] : undefined;
  if (source === undefined) return undefined;
  if (requestId !== '' && !isRequestId(requestId)) return undefined;
  const event: LoggedEvent = { at, outcome, latencyMs: Math.round(latencyMs), source };
  if (httpStatus > 0) event.httpStatus = httpStatus;
  if (retryAfter >= 0) event.retryAfterSeconds = retryAfter;
  if (flags & FLAG_SPEND_LIMIT) event.spendLimit = true;
  if (model !== undefined) event.model = model;
  if (requestId !== '') event.requestId = requestId;
  return event;
}

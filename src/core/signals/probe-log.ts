// The bounded record of probe outcomes that the window counters, the
// hysteresis and the latency sparkline read. It is saved to globalState as a
// plain JSON object and validated on the way back in: a corrupt or foreign
// value gives an empty log, never an exception.
import { isModelName } from '../settings/model-name';
import { PROBE_OUTCOMES, type ProbeOutcome, type ProbeResult } from '../probe/types';

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
}

export const HISTORY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** One day at the default interval, three models in message mode, with room: ~100 kB serialised. */
export const MAX_EVENTS = 3000;
export const SIGNALS_STATE_VERSION = 1;

/**
 * Compact on-disk form, about 30 bytes an event: [at - base (ms), outcome index
 * in PROBE_OUTCOMES, latencyMs, httpStatus (0: none), retryAfterSeconds (-1:
 * none), flags, model index in `models` (-1: none)].
 */
type EventTuple = [number, number, number, number, number, number, number];

export interface SignalsState {
  version: typeof SIGNALS_STATE_VERSION;
  base: number;
  models: string[];
  events: EventTuple[];
}

const MAX_MODELS = 20;
const FLAG_SPEND_LIMIT = 1;

export function eventFromResult(result: ProbeResult): ProbeEvent {
  const event: ProbeEvent = { at: result.at, outcome: result.outcome, latencyMs: result.latencyMs };
  if (result.httpStatus !== undefined) event.httpStatus = result.httpStatus;
  if (result.retryAfterSeconds !== undefined) event.retryAfterSeconds = result.retryAfterSeconds;
  if (result.spendLimit) event.spendLimit = true;
  if (result.model !== undefined && isModelName(result.model)) event.model = result.model;
  return event;
}

export class ProbeLog {
  private list: ProbeEvent[] = [];

  constructor(
    private readonly retentionMs = HISTORY_RETENTION_MS,
    private readonly maxEvents = MAX_EVENTS,
  ) {}

  /** Adds an event, keeping the log sorted by time and within its bounds. */
  add(event: ProbeEvent, now: number): void {
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
  all(): readonly ProbeEvent[] {
    return this.list;
  }

  /** Events at or after `from`, oldest first. */
  since(from: number): ProbeEvent[] {
    return this.list.filter((event) => event.at >= from);
  }

  /** The last `count` events, oldest first. */
  latest(count: number): ProbeEvent[] {
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
      ];
    });
    return { version: SIGNALS_STATE_VERSION, base, models, events };
  }

  /**
   * Restores a log saved by toJSON. Anything that does not validate (another
   * version, a wrong shape, one bad entry among good ones) is dropped; events
   * from the future are dropped too, as a clock that jumped back would make them.
   */
  static fromJSON(value: unknown, now: number, retentionMs = HISTORY_RETENTION_MS, maxEvents = MAX_EVENTS): ProbeLog {
    const log = new ProbeLog(retentionMs, maxEvents);
    if (typeof value !== 'object' || value === null) return log;
    const state = value as Partial<Record<keyof SignalsState, unknown>>;
    if (state.version !== SIGNALS_STATE_VERSION || !Array.isArray(state.events) || !isFiniteNumber(state.base) || !Array.isArray(state.models)) {
      return log;
    }
    const models = state.models.slice(0, MAX_MODELS).map((m) => (typeof m === 'string' && isModelName(m) ? m : undefined));
    const events: ProbeEvent[] = [];
    for (const item of state.events.slice(-maxEvents)) {
      const event = decode(item, state.base, models, now);
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

function decode(item: unknown, base: number, models: readonly (string | undefined)[], now: number): ProbeEvent | undefined {
  if (!Array.isArray(item) || item.length !== 7) return undefined;
  const [offset, outcomeIndex, latencyMs, httpStatus, retryAfter, flags, modelIndex] = item as unknown[];
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
  const event: ProbeEvent = { at, outcome, latencyMs: Math.round(latencyMs) };
  if (httpStatus > 0) event.httpStatus = httpStatus;
  if (retryAfter >= 0) event.retryAfterSeconds = retryAfter;
  if (flags & FLAG_SPEND_LIMIT) event.spendLimit = true;
  if (model !== undefined) event.model = model;
  return event;
}

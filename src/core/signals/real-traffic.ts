// The user's own requests (Claude Code's transcripts, the local tap) as a
// signal next to the probes: counted by source and kind, and a verdict with
// hysteresis. A few real 529s within a short window make it degraded even
// while free probes succeed and the page is green; one stray error does not.
// It clears once the window holds no more failures or the tap saw enough good
// answers after the last one. Plan limits are kept apart: a spent
// subscription is not API trouble.
import type { StoredObservation } from '../store/stored-observation';
import { REQUEST_KINDS, type RequestKind } from './request-kinds';

export const TRAFFIC_SOURCES = ['claude-code', 'tap'] as const;
export type TrafficSource = (typeof TRAFFIC_SOURCES)[number];

/** Failures of real requests within this span count towards the verdict. */
export const TRAFFIC_WINDOW_MS = 2 * 60_000;
const MAX_OBSERVATIONS = 5000;
const RETENTION_MS = 24 * 60 * 60_000;

/** Kinds that say the API (or the way to it) is in trouble; auth, other and plan_limit do not. */
const TROUBLE_KINDS: ReadonlySet<RequestKind> = new Set(['overloaded', 'server_error', 'network', 'rate_limited']);

export type KindCounts = Record<RequestKind, number>;

export function emptyKindCounts(): KindCounts {
  return Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0])) as KindCounts;
}

export interface TrafficPolicy {
  /** Failures of real requests within TRAFFIC_WINDOW_MS that turn it degraded (degradeAfter + 1: stricter than probes, as nobody chose when they ran). */
  degradeAfter: number;
  /** Good tap answers in a row after the last failure that clear it early. */
  recoverAfter: number;
}

export interface TrafficVerdict {
  degraded: boolean;
  /** The failures behind a degraded verdict, per source and kind, within TRAFFIC_WINDOW_MS. */
  failures: { source: TrafficSource; kind: RequestKind; count: number }[];
}

export type TrafficObservation = StoredObservation & { source: TrafficSource };

export function isTrafficObservation(observation: StoredObservation): observation is TrafficObservation {
  return (TRAFFIC_SOURCES as readonly string[]).includes(observation.source);
}

export class RealTrafficLog {
  private list: TrafficObservation[] = [];
  private degraded = false;

  /**
   * Adds observations (any order), keeping the log sorted and bounded; returns
   * those that were new. A Claude Code row equal in every field to a known one
   * is the same transcript row read again (by a new prober, or by watch and a
   * window both) and is not new; tap rows are each read once, and two equal
   * ones are two requests.
   */
  add(observations: readonly TrafficObservation[], now: number): TrafficObservation[] {
    const added: TrafficObservation[] = [];
    for (const observation of observations) {
      let index = this.list.length;
      while (index > 0 && (this.list[index - 1]?.at ?? 0) > observation.at) index--;
      if (observation.source === 'claude-code' && this.holdsAt(index, observation)) continue;
      this.list.splice(index, 0, observation);
      added.push(observation);
    }
    const cutoff = now - RETENTION_MS;
    let drop = 0;
    while (drop < this.list.length && (this.list[drop]?.at ?? 0) < cutoff) drop++;
    drop = Math.max(drop, this.list.length - MAX_OBSERVATIONS);
    if (drop > 0) this.list.splice(0, drop);
    return added;
  }

  /** Whether an equal observation sits just before `index` (same time, so among the neighbours). */
  private holdsAt(index: number, observation: TrafficObservation): boolean {
    const key = identity(observation);
    for (let i = index - 1; i >= 0 && (this.list[i]?.at ?? -1) === observation.at; i--) if (identity(this.list[i] as TrafficObservation) === key) return true;
    return false;
  }

  clear(): void {
    this.list = [];
    this.degraded = false;
  }

  /** Observations at or after `from`, oldest first. */
  since(from: number): TrafficObservation[] {
    return this.list.filter((observation) => observation.at >= from);
  }

  /** Counts per source and kind in [now - windowMs, now]. */
  counts(now: number, windowMs: number): Record<TrafficSource, KindCounts> {
    const counts = { 'claude-code': emptyKindCounts(), tap: emptyKindCounts() };
    for (const observation of this.since(now - windowMs)) if (observation.at <= now) counts[observation.source][observation.kind]++;
    return counts;
  }

  /** The newest failure that is not a plan limit, if any within `windowMs`. */
  latestError(now: number, windowMs: number): TrafficObservation | undefined {
    const recent = this.since(now - windowMs);
    for (let i = recent.length - 1; i >= 0; i--) {
      const observation = recent[i] as TrafficObservation;
      if (observation.kind !== 'ok' && observation.kind !== 'plan_limit') return observation;
    }
    return undefined;
  }

  /** The newest plan limit whose reset has not passed (or that gave no reset time and is within `windowMs`). */
  activePlanLimit(now: number, windowMs: number): TrafficObservation | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const observation = this.list[i] as TrafficObservation;
      if (observation.kind !== 'plan_limit') continue;
      if (observation.resetsAt !== undefined ? observation.resetsAt > now : observation.at >= now - windowMs) return observation;
      return undefined;
    }
    return undefined;
  }

  /** The verdict now, with hysteresis: degraded stays until the window is clear or the tap answers well again. */
  verdict(now: number, policy: TrafficPolicy): TrafficVerdict {
    const recent = this.since(now - TRAFFIC_WINDOW_MS).filter((observation) => observation.at <= now);
    const troubles = recent.filter((observation) => TROUBLE_KINDS.has(observation.kind));
    if (!this.degraded && troubles.length >= policy.degradeAfter) this.degraded = true;
    else if (this.degraded && (troubles.length === 0 || goodStreakAfterLastTrouble(recent) >= policy.recoverAfter)) this.degraded = false;
    return { degraded: this.degraded, failures: this.degraded ? tally(troubles) : [] };
  }
}

function identity(o: TrafficObservation): string {
  return [o.at, o.source, o.kind, o.status, o.errorType, o.requestId, o.resetsAt, o.path, o.latencyMs].join('|');
}

function goodStreakAfterLastTrouble(recent: readonly TrafficObservation[]): number {
  let streak = 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    const kind = (recent[i] as TrafficObservation).kind;
    if (TROUBLE_KINDS.has(kind)) break;
    if (kind === 'ok') streak++;
  }
  return streak;
}

function tally(observations: readonly TrafficObservation[]): TrafficVerdict['failures'] {
  const byKey = new Map<string, TrafficVerdict['failures'][number]>();
  for (const { source, kind } of observations) {
    const key = `${source}\u0000${kind}`;
    const entry = byKey.get(key) ?? { source, kind, count: 0 };
    entry.count++;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

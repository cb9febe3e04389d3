// What the history view draws besides requests: when the health changed state,
// and when the status page reported incidents or maintenance (as bands over
// time). Kept by the monitor next to the request log, bounded by the same
// retention, saved with it and validated on the way back in: a corrupt value
// gives an empty timeline, never an exception.
import { HEALTH_STATES, type HealthState } from '../health';
import type { StatusSnapshot } from '../statuspage/types';
import { cleanText } from '../text/clean';
import { parseRfc3339 } from '../time/instant';

export interface HealthChange {
  at: number;
  state: HealthState;
}

export type BandKind = 'incident' | 'maintenance';

/** An incident or maintenance as the status page showed it: from its start until it was last seen. */
export interface StatusBand {
  id: string;
  kind: BandKind;
  name: string;
  impact: string;
  from: number;
  /** Last seen on the page; an open band is still there. */
  to: number;
  open: boolean;
}

export interface TimelineState {
  version: 1;
  health: [number, number][];
  bands: StatusBand[];
}

const MAX_CHANGES = 2000;
const MAX_BANDS = 200;
const NAME_MAX = 200;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const IMPACT_PATTERN = /^[a-z_]{1,20}$/;

export class TimelineLog {
  private changes: HealthChange[] = [];
  private bandList: StatusBand[] = [];

  constructor(private retentionMs: number) {}

  setRetention(retentionMs: number, now: number): void {
    this.retentionMs = retentionMs;
    this.prune(now);
  }

  /** Notes the health's state at `at`; repeats of the current state are not changes. */
  noteHealth(state: HealthState, at: number): void {
    if (this.changes.at(-1)?.state === state) return;
    this.changes.push({ at, state });
    if (this.changes.length > MAX_CHANGES) this.changes.splice(0, this.changes.length - MAX_CHANGES);
  }

  /** Folds a status page read into the bands: what it lists is open until a later read no longer lists it. */
  notePage(summary: StatusSnapshot, now: number): void {
    const seen = new Set<string>();
    for (const incident of summary.incidents) {
      const from = incident.createdAt ? parseRfc3339(incident.createdAt) : NaN;
      this.upsert({ id: incident.id, kind: 'incident', name: incident.name, impact: incident.impact, from: Number.isFinite(from) ? Math.min(from, now) : now }, now, seen);
    }
    for (const maintenance of summary.maintenances.filter((m) => m.active)) {
      const from = maintenance.scheduledFor ? parseRfc3339(maintenance.scheduledFor) : NaN;
      this.upsert({ id: maintenance.id, kind: 'maintenance', name: maintenance.name, impact: maintenance.impact, from: Number.isFinite(from) ? Math.min(from, now) : now }, now, seen);
    }
    for (const band of this.bandList) if (band.open && !seen.has(`${band.kind}:${band.id}`)) band.open = false;
    this.prune(now);
  }

  healthChanges(): readonly HealthChange[] {
    return this.changes;
  }

  bands(): readonly StatusBand[] {
    return this.bandList;
  }

  prune(now: number): void {
    const cutoff = now - this.retentionMs;
    // The last change before the cutoff still says what the state was at the cutoff.
    let firstKept = this.changes.findIndex((change) => change.at >= cutoff);
    if (firstKept === -1) firstKept = this.changes.length;
    if (firstKept > 1) this.changes.splice(0, firstKept - 1);
    this.bandList = this.bandList.filter((band) => band.open || band.to >= cutoff).slice(-MAX_BANDS);
  }

  toJSON(): TimelineState {
    return {
      version: 1,
      health: this.changes.map((change) => [change.at, HEALTH_STATES.indexOf(change.state)]),
      bands: this.bandList.map((band) => ({ ...band })),
    };
  }

  static fromJSON(value: unknown, now: number, retentionMs: number): TimelineLog {
    const log = new TimelineLog(retentionMs);
    if (typeof value !== 'object' || value === null) return log;
    const state = value as Partial<Record<keyof TimelineState, unknown>>;
    if (state.version !== 1 || !Array.isArray(state.health) || !Array.isArray(state.bands)) return log;
    for (const item of state.health.slice(-MAX_CHANGES)) {
      if (!Array.isArray(item) || item.length !== 2) continue;
      const [at, index] = item as unknown[];
      const healthState = typeof index === 'number' ? HEALTH_STATES[index] : undefined;
      if (!isInstant(at, now) || healthState === undefined) continue;
      if ((log.changes.at(-1)?.at ?? -Infinity) > at) continue;
      log.noteHealth(healthState, at);
    }
    for (const item of state.bands.slice(-MAX_BANDS)) {
      const band = decodeBand(item, now);
      if (band) log.bandList.push(band);
    }
    log.prune(now);
    return log;
  }

  private upsert(seenBand: Omit<StatusBand, 'to' | 'open'>, now: number, seen: Set<string>): void {
    const id = ID_PATTERN.test(seenBand.id) ? seenBand.id : undefined;
    if (id === undefined) return;
    seen.add(`${seenBand.kind}:${id}`);
    const existing = this.bandList.find((band) => band.kind === seenBand.kind && band.id === id);
    const name = cleanText(seenBand.name, NAME_MAX) ?? seenBand.kind;
    const impact = IMPACT_PATTERN.test(seenBand.impact) ? seenBand.impact : 'unknown';
    if (existing) {
      Object.assign(existing, { name, impact, to: now, open: true, from: Math.min(existing.from, seenBand.from) });
      return;
    }
    this.bandList.push({ id, kind: seenBand.kind, name, impact, from: seenBand.from, to: now, open: true });
  }
}

function isInstant(value: unknown, now: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= now;
}

function decodeBand(item: unknown, now: number): StatusBand | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const band = item as Partial<Record<keyof StatusBand, unknown>>;
  if (typeof band.id !== 'string' || !ID_PATTERN.test(band.id)) return undefined;
  if (band.kind !== 'incident' && band.kind !== 'maintenance') return undefined;
  if (!isInstant(band.from, now) || !isInstant(band.to, now) || band.from > band.to) return undefined;
  const name = cleanText(band.name, NAME_MAX);
  const impact = typeof band.impact === 'string' && IMPACT_PATTERN.test(band.impact) ? band.impact : 'unknown';
  if (name === undefined || typeof band.open !== 'boolean') return undefined;
  return { id: band.id, kind: band.kind, name, impact, from: band.from, to: band.to, open: band.open };
}

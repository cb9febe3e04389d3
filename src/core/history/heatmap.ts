// The 529 heat map: one row per stored day, one cell per hour of the reader's
// local day, holding the 529s and all requests of that hour ("is it worse at
// this hour every day?"). The time zone comes in as an offset so this stays pure.
import type { LoggedEvent } from '../signals/probe-log';
import { matchesSource, type SourceChoice } from './data';

export interface HeatCell {
  overloaded: number;
  total: number;
}

export interface HeatMap {
  /** Local dates, oldest first, as YYYY-MM-DD. */
  days: string[];
  /** cells[day][hour], hour 0..23 local. */
  cells: HeatCell[][];
  /** The largest 529 count of any cell (the colour scale's top). */
  max: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * `utcOffsetMinutes` is local time minus UTC (UTC+2 is 120; note Date's
 * getTimezoneOffset() is the negation). Days run from the first event's to `now`'s.
 */
export function heatMap(events: readonly LoggedEvent[], now: number, utcOffsetMinutes: number, source: SourceChoice): HeatMap {
  const shift = utcOffsetMinutes * 60_000;
  const first = events[0];
  if (first === undefined) return { days: [], cells: [], max: 0 };
  const firstDay = Math.floor((first.at + shift) / DAY_MS);
  const lastDay = Math.max(firstDay, Math.floor((now + shift) / DAY_MS));
  const dayCount = lastDay - firstDay + 1;
  const cells = Array.from({ length: dayCount }, () => Array.from({ length: 24 }, (): HeatCell => ({ overloaded: 0, total: 0 })));
  let max = 0;
  for (const event of events) {
    if (!matchesSource(event, source)) continue;
    const local = event.at + shift;
    const day = Math.floor(local / DAY_MS) - firstDay;
    const cell = cells[day]?.[Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / HOUR_MS)];
    if (!cell) continue;
    cell.total++;
    if (event.outcome === 'overloaded') max = Math.max(max, ++cell.overloaded);
  }
  const days = cells.map((_, index) => new Date((firstDay + index) * DAY_MS).toISOString().slice(0, 10));
  return { days, cells, max };
}

// Small formatters shared by the status bar, the tooltip and notifications.
import type { HealthState } from '../health';
import { english, type Translate } from '../l10n';
import type { ProbeOutcome } from '../probe/types';

export interface TimeFormat {
  /** IANA zone; default the machine's (tests pass 'UTC'). */
  timeZone?: string;
  locale?: string;
}

export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}

/** 14:03:07 in local time (or the given zone). */
export function formatClock(ms: number, format: TimeFormat = {}): string {
  if (!Number.isFinite(ms)) return '?';
  try {
    return new Intl.DateTimeFormat(format.locale ?? 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
      timeZone: format.timeZone,
    }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString().slice(11, 19);
  }
}

/** "just now", "42 s ago", "3 min ago", "2 h ago". */
export function formatAgo(thenMs: number, nowMs: number, t: Translate = english): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 2) return t`just now`;
  if (seconds < 120) return t`${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return t`${minutes} min ago`;
  return t`${Math.round(minutes / 60)} h ago`;
}

/** "in 45 s", "in 3 min". */
export function formatIn(thenMs: number, nowMs: number, t: Translate = english): string {
  const seconds = Math.max(0, Math.round((thenMs - nowMs) / 1000));
  if (seconds < 120) return t`in ${seconds} s`;
  return t`in ${Math.round(seconds / 60)} min`;
}

export function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds} s` : `${seconds.toFixed(1)} s`;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A latency sparkline: one block per value scaled between the smallest and
 * largest; `undefined` (a failed probe) shows as `×`.
 */
export function sparkline(values: readonly (number | undefined)[]): string {
  const numbers = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (numbers.length === 0) return values.map(() => '×').join('');
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const span = max - min;
  return values
    .map((value) => {
      if (value === undefined || !Number.isFinite(value)) return '×';
      const index = span === 0 ? 0 : Math.round(((value - min) / span) * (BLOCKS.length - 1));
      return BLOCKS[index] ?? '▁';
    })
    .join('');
}

/** The name of each health state, as the status bar, tooltip and notifications show it. */
export function stateTitles(t: Translate): Record<HealthState, string> {
  return {
    operational: t`Operational`,
    degraded: t`Degraded`,
    outage: t`Outage`,
    maintenance: t`Maintenance`,
    unknown: t`Unknown`,
    unconfigured: t`Not configured`,
  };
}

export const STATE_TITLES: Readonly<Record<HealthState, string>> = stateTitles(english);

/**
 * A probe's outcome in words: in English the id itself, as the JSON and the
 * log say it (and scripts match it); in other languages a word.
 */
export function outcomeWord(outcome: ProbeOutcome, t: Translate): string {
  if (t.locale === 'en') return outcome;
  const words: Record<ProbeOutcome, string> = {
    ok: t`ok`,
    overloaded: t`overloaded`,
    rate_limited: t`rate limited`,
    server_error: t`server error`,
    auth_error: t`auth error`,
    bad_request: t`bad request`,
    timeout: t`timeout`,
    network_error: t`network error`,
  };
  return words[outcome];
}

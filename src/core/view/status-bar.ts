// The status bar item's text, icon and background, from a MonitorSnapshot. Short
// on purpose: the state's icon, latency while things are fine, and the 529 and
// 429 counts of the window whenever there were any.
import type { HealthState } from '../health';
import type { MonitorSnapshot } from '../monitor/snapshot';
import { english, type Translate } from '../l10n';
import { formatLatency, stateTitles } from './format';
import { trafficCount } from './traffic-section';

export type StatusBarBackground = 'none' | 'warning' | 'error';

export interface StatusBarModel {
  /** With `$(codicon)` syntax, ready for StatusBarItem.text. */
  text: string;
  background: StatusBarBackground;
  /** The newest data is older than two intervals. */
  stale: boolean;
  /** For StatusBarItem.accessibilityInformation. */
  accessibilityLabel: string;
}

export const STATE_ICONS: Record<HealthState, string> = {
  operational: 'pass',
  degraded: 'warning',
  outage: 'error',
  maintenance: 'tools',
  unknown: 'question',
  unconfigured: 'key',
};

const BACKGROUNDS: Record<HealthState, StatusBarBackground> = {
  operational: 'none',
  degraded: 'warning',
  outage: 'error',
  maintenance: 'warning',
  unknown: 'none',
  unconfigured: 'none',
};

/** Data counts as stale when the newest is older than two of the intervals that should have refreshed it. */
export function isStale(snapshot: MonitorSnapshot): boolean {
  if (snapshot.dataAt === undefined) return false;
  const probing = snapshot.probe.key?.kind !== 'missing' && snapshot.probe.key?.kind !== 'held_back';
  const intervalSeconds = probing && snapshot.probe.lastRoundAt !== undefined ? snapshot.probe.intervalSeconds : snapshot.page.intervalSeconds;
  return snapshot.now - snapshot.dataAt > 2 * intervalSeconds * 1000;
}

/** `529×3 429×1`, probes and the user's own requests together, or empty when neither was seen in the window. */
export function codeCounts(snapshot: MonitorSnapshot): string {
  const overloaded = snapshot.window.overloaded + trafficCount(snapshot, 'overloaded');
  const rateLimited = snapshot.window.rateLimited + trafficCount(snapshot, 'rate_limited');
  const parts: string[] = [];
  if (overloaded > 0) parts.push(`529×${overloaded}`);
  if (rateLimited > 0) parts.push(`429×${rateLimited}`);
  return parts.join(' ');
}

function latestOkLatency(snapshot: MonitorSnapshot): number | undefined {
  for (let i = snapshot.recent.length - 1; i >= 0; i--) {
    const event = snapshot.recent[i];
    if (event?.outcome === 'ok') return event.latencyMs;
  }
  return undefined;
}

export function renderStatusBar(snapshot: MonitorSnapshot, t: Translate = english): StatusBarModel {
  const state = snapshot.health.state;
  const stale = isStale(snapshot);
  const counts = codeCounts(snapshot);
  const parts = [`$(${STATE_ICONS[state]})`, 'Claude'];
  const okLatency = latestOkLatency(snapshot);
  switch (state) {
    case 'operational':
      if (okLatency !== undefined && snapshot.probe.lastRound.some((r) => r.outcome === 'ok')) parts.push(formatLatency(okLatency));
      break;
    case 'unconfigured':
      parts.push(t`no key`);
      break;
    case 'unknown':
      break;
    default:
      parts.push(stateTitles(t)[state].toLowerCase());
  }
  if (counts) parts.push(counts);
  if (stale) parts.push(t`(stale)`);
  const label = [t`Claude API: ${stateTitles(t)[state]}`, counts ? t`recent errors ${counts.replace(/×/g, t` times `)}` : '', stale ? t`data is stale` : '']
    .filter(Boolean)
    .join(t`, `);
  return { text: parts.join(' '), background: BACKGROUNDS[state], stale, accessibilityLabel: label };
}

// The tooltip's lines about the user's own requests: where the 529s and 429s
// of the status bar came from ("your traffic: Claude Code 3, tap 2 · probes 2"),
// the latest real error with its time and request id, and a subscription limit
// on its own line, with its reset time, never mixed with API trouble.
import type { MonitorSnapshot } from '../monitor/snapshot';
import { TRAFFIC_SOURCES, type KindCounts } from '../signals/real-traffic';
import type { RequestKind } from '../signals/request-kinds';
import { english, type Translate } from '../l10n';
import { kindLabel, sourceName } from '../signals/traffic-words';
import type { WindowCounts } from '../signals/window-counts';
import { formatClock, type TimeFormat } from './format';
import { code } from './markdown';

/** How many requests of a kind the user's own traffic saw in the window, all sources together. */
export function trafficCount(snapshot: MonitorSnapshot, kind: RequestKind): number {
  return TRAFFIC_SOURCES.reduce((sum, source) => sum + snapshot.traffic.counts[source][kind], 0);
}

const PROBE_COUNT: Partial<Record<RequestKind, (window: WindowCounts) => number>> = {
  overloaded: (window) => window.overloaded,
  rate_limited: (window) => window.rateLimited,
};

/** "your traffic: Claude Code 3, tap 2 · probes 2" for one kind. */
export function breakdownOf(snapshot: MonitorSnapshot, kind: RequestKind, t: Translate = english): string {
  const own = TRAFFIC_SOURCES.filter((source) => snapshot.traffic.counts[source][kind] > 0).map(
    (source) => `${sourceName(source, t)} ${snapshot.traffic.counts[source][kind]}`,
  );
  const probes = PROBE_COUNT[kind]?.(snapshot.window) ?? 0;
  const parts = [];
  if (own.length > 0) parts.push(t`your traffic: ${own.join(', ')}`);
  if (probes > 0) parts.push(t`probes ${probes}`);
  return parts.join(' · ');
}

function sourceSummary(counts: KindCounts, t: Translate): string {
  return (Object.entries(counts) as [RequestKind, number][])
    .filter(([kind, count]) => count > 0 && kind !== 'plan_limit')
    .map(([kind, count]) => `${kindLabel(kind, t)} ×${count}`)
    .join(', ');
}

export function trafficSection(snapshot: MonitorSnapshot, time: TimeFormat, t: Translate = english): string[] {
  const { traffic } = snapshot;
  const lines: string[] = [];
  for (const [kind, title] of [['overloaded', '529s'], ['rate_limited', '429s']] as const) {
    if (trafficCount(snapshot, kind) > 0) lines.push(`- ${title}: ${breakdownOf(snapshot, kind, t)}`);
  }
  for (const source of TRAFFIC_SOURCES) {
    const summary = sourceSummary(traffic.counts[source], t);
    if (summary) lines.push(`- ${sourceName(source, t)}: ${summary}`);
  }
  const latest = traffic.latestError;
  if (latest) {
    const status = latest.status !== undefined ? ` HTTP ${latest.status}` : '';
    const id = latest.requestId ? ` · ${code(latest.requestId)}` : '';
    lines.push(`- ${t`latest: ${formatClock(latest.at, time)}`} ${sourceName(latest.source, t)} ${kindLabel(latest.kind, t)}${status}${id}`);
  }
  const plan = planLimitLine(snapshot, time, t);
  if (plan) lines.push(plan);
  return lines.length === 0 ? [] : ['', `**${t`Your traffic`}** ${t`(last ${snapshot.window.windowMinutes} min)`}`, '', ...lines];
}

/** A spent subscription: its own line, with when it resets; not an API problem. */
export function planLimitLine(snapshot: MonitorSnapshot, time: TimeFormat, t: Translate = english): string | undefined {
  const plan = snapshot.traffic.planLimit;
  if (!plan) return undefined;
  const reset = plan.resetsAt !== undefined ? t`, resets ${formatClock(plan.resetsAt, time)}` : '';
  return `- $(watch) ${t`${sourceName(plan.source, t)} plan limit reached${reset} (your subscription, not an API problem)`}`;
}

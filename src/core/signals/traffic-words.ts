// The words for real traffic, kept in one small file: the health reason
// ("Claude Code got 3 × 529 overloaded in the last 2 min") and the labels the
// tooltip and the CLI use.
import { english, type Translate } from '../l10n';
import type { RequestKind } from './request-kinds';
import { TRAFFIC_WINDOW_MS, type TrafficSource, type TrafficVerdict } from './real-traffic';

/** "Claude Code", "tap", "probes", in the translator's language. */
export function sourceName(source: TrafficSource | 'probe', t: Translate = english): string {
  return { 'claude-code': 'Claude Code', tap: t`tap`, probe: t`probes` }[source];
}

export function kindLabel(kind: RequestKind, t: Translate = english): string {
  const labels: Record<RequestKind, string> = {
    ok: t`ok`,
    overloaded: t`529 overloaded`,
    rate_limited: t`429 rate limited`,
    server_error: t`5xx server error`,
    network: t`network error`,
    auth: t`auth error`,
    plan_limit: t`plan limit`,
    other: t`other error`,
  };
  return labels[kind];
}

function subject(source: TrafficSource, t: Translate): string {
  return source === 'tap' ? t`your app (through the tap)` : sourceName(source, t);
}

/** "Claude Code got 3 × 529 overloaded in the last 2 min" (sources and kinds joined when several). */
export function describeTrafficFailures(failures: TrafficVerdict['failures'], t: Translate = english): string {
  const bySource = new Map<TrafficSource, string[]>();
  for (const { source, kind, count } of failures) bySource.set(source, [...(bySource.get(source) ?? []), `${count} × ${kindLabel(kind, t)}`]);
  const parts = [...bySource].map(([source, kinds]) => t`${subject(source, t)} got ${kinds.join(', ')}`);
  return t`${parts.join('; ')} in the last ${Math.round(TRAFFIC_WINDOW_MS / 60_000)} min`;
}

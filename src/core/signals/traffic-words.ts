// The words for real traffic, kept in one small file: the health reason
// ("Claude Code got 3 × 529 overloaded in the last 2 min") and the labels the
// tooltip and the CLI use.
import type { RequestKind } from './request-kinds';
import { TRAFFIC_WINDOW_MS, type TrafficSource, type TrafficVerdict } from './real-traffic';

export const TRAFFIC_SOURCE_NAMES: Record<TrafficSource | 'probe', string> = {
  'claude-code': 'Claude Code',
  tap: 'tap',
  probe: 'probes',
};

const KIND_LABELS: Record<RequestKind, string> = {
  ok: 'ok',
  overloaded: '529 overloaded',
  rate_limited: '429 rate limited',
  server_error: '5xx server error',
  network: 'network error',
  auth: 'auth error',
  plan_limit: 'plan limit',
  other: 'other error',
};

export function kindLabel(kind: RequestKind): string {
  return KIND_LABELS[kind];
}

function subject(source: TrafficSource): string {
  return source === 'tap' ? 'your app (through the tap)' : TRAFFIC_SOURCE_NAMES[source];
}

/** "Claude Code got 3 × 529 overloaded in the last 2 min" (sources and kinds joined when several). */
export function describeTrafficFailures(failures: TrafficVerdict['failures']): string {
  const bySource = new Map<TrafficSource, string[]>();
  for (const { source, kind, count } of failures) bySource.set(source, [...(bySource.get(source) ?? []), `${count} × ${kindLabel(kind)}`]);
  const parts = [...bySource].map(([source, kinds]) => `${subject(source)} got ${kinds.join(', ')}`);
  return `${parts.join('; ')} in the last ${Math.round(TRAFFIC_WINDOW_MS / 60_000)} min`;
}

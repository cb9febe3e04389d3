// Health: one state from a closed set, with the reasons in words. It combines
// the status page's verdict on the watched components with the probe verdict
// (which already carries the hysteresis), taking the worse of the two, since
// the page is known to lag real 529 storms and probes cannot see announcements.
import { english, type Translate } from './l10n';
import type { ProbeResult } from './probe/types';
import type { TrafficVerdict } from './signals/real-traffic';
import { describeTrafficFailures } from './signals/traffic-words';
import { countedOutcomes, degradeSampleSize, weighOutcome, type HysteresisPolicy, type ProbeVerdict } from './signals/hysteresis';
import type { ProbeEvent } from './signals/probe-log';
import { worsePageState, type PageState, type PageVerdict } from './statuspage/verdict';

export const HEALTH_STATES = ['operational', 'degraded', 'outage', 'maintenance', 'unknown', 'unconfigured'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export interface Health {
  state: HealthState;
  /** reasons[0] is the headline; the rest add detail. Never empty. */
  reasons: string[];
}

export type KeyStatus =
  | { kind: 'present' }
  | { kind: 'missing' }
  /** A key exists but is not sent (plain-http base URL awaiting consent). */
  | { kind: 'held_back'; reason: string };

export interface HealthInput {
  key: KeyStatus;
  page: PageVerdict;
  verdict: ProbeVerdict;
  /** Probe events under the current configuration, oldest first. */
  recent: readonly ProbeEvent[];
  /** The latest round (one result per model in message mode). */
  lastRound: readonly ProbeResult[];
  policy: HysteresisPolicy;
  /** The language of the reasons; default English. */
  t?: Translate;
  /** The verdict on the user's own requests (Claude Code, the tap). */
  traffic?: TrafficVerdict;
}

function outcomeLabels(t: Translate): Record<string, string> {
  return {
    overloaded: t`529 overloaded`,
    rate_limited: t`429 rate limited`,
    server_error: t`5xx server errors`,
    timeout: t`timeouts`,
    network_error: t`network errors`,
  };
}

function labelOf(event: ProbeEvent, t: Translate): string {
  if (event.outcome === 'rate_limited' && event.spendLimit) return t`429 spend limit`;
  if (event.outcome === 'server_error' && event.httpStatus !== undefined && event.httpStatus >= 500) return t`${event.httpStatus} server error`;
  return outcomeLabels(t)[event.outcome] ?? event.outcome;
}

/** "2 of the last 3 probes got 529 overloaded" / "... failed (529 overloaded ×2, timeouts ×1)". */
export function describeRecentFailures(recent: readonly ProbeEvent[], sampleSize: number, t: Translate = english): string | undefined {
  const counted = recent.filter((event) => weighOutcome(event.outcome) !== 'neutral').slice(-sampleSize);
  const bad = counted.filter((event) => weighOutcome(event.outcome) === 'bad');
  if (bad.length === 0) return undefined;
  const byLabel = new Map<string, number>();
  for (const event of bad) byLabel.set(labelOf(event, t), (byLabel.get(labelOf(event, t)) ?? 0) + 1);
  const of = counted.length === 1 ? t`the last probe` : t`${bad.length} of the last ${counted.length} probes`;
  if (byLabel.size === 1) return t`${of} got ${[...byLabel.keys()][0]}`;
  return t`${of} failed (${[...byLabel].map(([label, n]) => `${label} ×${n}`).join(t`, `)})`;
}

function describeSuccesses(recent: readonly ProbeEvent[], t: Translate): string {
  const counted = recent.filter((event) => weighOutcome(event.outcome) !== 'neutral');
  let streak = 0;
  for (let i = counted.length - 1; i >= 0 && counted[i]?.outcome === 'ok'; i--) streak++;
  if (streak === 0) return t`the last probe failed`;
  const latencies = counted.slice(-streak).map((event) => event.latencyMs).sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)] ?? 0;
  return streak === 1 ? t`the last probe succeeded (${median} ms)` : t`the last ${Math.min(streak, 99)} probes succeeded (median ${median} ms)`;
}

function probeState(verdict: ProbeVerdict): PageState | undefined {
  switch (verdict) {
    case 'none':
      return undefined;
    case 'good':
      return 'operational';
    case 'degraded':
      return 'degraded';
    case 'failing':
      return 'outage';
  }
}

/** Problems with the probe's own configuration, seen in the latest round. */
function configurationProblems(lastRound: readonly ProbeResult[], t: Translate): { authRejected?: string; other: string[] } {
  const other: string[] = [];
  let authRejected: string | undefined;
  for (const result of lastRound) {
    if (result.outcome === 'auth_error') authRejected ??= t`the API key was rejected (${result.message})`;
    if (result.outcome === 'bad_request') {
      other.push(
        result.model ? t`the probe for ${result.model} was refused (${result.message}); check claudeHealth.probe.models and the base URL`
        : t`the probe was refused (${result.message}); check claudeHealth.probe.models and the base URL`,
      );
    }
  }
  return authRejected === undefined ? { other } : { authRejected, other };
}

export function assessHealth(input: HealthInput): Health {
  return withRealTraffic(assessFromPageAndProbes(input), input.traffic, input.t ?? english);
}

/**
 * Failing real requests make the health at least degraded, whatever the probes
 * and the page say; the reason names where they failed. They never make it
 * better: an outage stays an outage.
 */
function withRealTraffic(health: Health, traffic: TrafficVerdict | undefined, t: Translate): Health {
  if (!traffic?.degraded) return health;
  const reason = describeTrafficFailures(traffic.failures, t);
  const raises = health.state === 'operational' || health.state === 'unknown' || health.state === 'unconfigured';
  return raises ? { state: 'degraded', reasons: [reason, ...health.reasons] } : { state: health.state, reasons: [...health.reasons, reason] };
}

function assessFromPageAndProbes(input: HealthInput): Health {
  const { page } = input;
  const t = input.t ?? english;
  const problems = configurationProblems(input.lastRound, t);
  const keyProblem =
    input.key.kind === 'missing' ? t`no API key set: probes are off (run "Claude Health: Set API Key" or set ANTHROPIC_API_KEY)`
    : input.key.kind === 'held_back' ? input.key.reason
    : problems.authRejected;

  if (keyProblem !== undefined) {
    // Without a usable key the page is all we know; it still decides when it reports trouble.
    const pageTrouble = page.state === 'outage' || page.state === 'maintenance' || page.state === 'degraded';
    return { state: pageTrouble ? page.state : 'unconfigured', reasons: [page.reason, keyProblem] };
  }

  const fromProbes = probeState(input.verdict);
  const sample = degradeSampleSize(input.policy);
  const failures = describeRecentFailures(input.recent, Math.max(sample, 3), t);
  const counted = countedOutcomes(input.recent.map((event) => event.outcome));
  let state: HealthState;
  let headline: string;
  if (fromProbes === undefined) {
    state = page.state;
    headline = counted.length === 0 ? t`${page.reason}; no probe result yet` : page.reason;
  } else {
    const pageKnown = page.state !== 'unknown';
    if (page.state === 'maintenance' && fromProbes !== 'outage') state = 'maintenance';
    else state = pageKnown ? worsePageState(page.state, fromProbes) : fromProbes;
    const probeWords = fromProbes === 'operational' ? describeSuccesses(input.recent, t) : (failures ?? t`recent probes failed`);
    const disagree = pageKnown && (page.state === 'operational') !== (fromProbes === 'operational');
    headline = disagree ? t`${page.reason}, but ${probeWords}` : t`${page.reason}; ${probeWords}`;
    if (fromProbes === 'operational' && failures && page.state === 'operational') {
      // Below the threshold: worth saying, not worth a state change.
      headline = t`${headline} (${failures}, under the threshold of ${input.policy.degradeAfter})`;
    }
  }
  return { state, reasons: [headline, ...problems.other] };
}

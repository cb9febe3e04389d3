// The probe verdict with hysteresis, so one stray 529 does not flap the status
// bar: it turns bad when at least N of the last 2N-1 results are bad, and good
// again only after M good results in a row. All bad, and not merely rate
// limited, for max(2N-1, 3) results in a row means failing (an outage from here).
import type { ProbeOutcome } from '../probe/types';

export type ProbeVerdict = 'none' | 'good' | 'degraded' | 'failing';

export interface HysteresisPolicy {
  /** N: bad results among the last 2N-1 that turn the verdict bad. */
  degradeAfter: number;
  /** M: good results in a row that clear it. */
  recoverAfter: number;
}

export type OutcomeWeight = 'good' | 'bad' | 'neutral';

/**
 * auth_error and bad_request say the probe itself is misconfigured (a key, a
 * model name), not that the API is unwell: they do not move the verdict.
 */
export function weighOutcome(outcome: ProbeOutcome): OutcomeWeight {
  switch (outcome) {
    case 'ok':
      return 'good';
    case 'auth_error':
    case 'bad_request':
      return 'neutral';
    default:
      return 'bad';
  }
}

/** The results that count, oldest first: neutral ones are skipped. */
export function countedOutcomes(outcomes: readonly ProbeOutcome[]): ProbeOutcome[] {
  return outcomes.filter((outcome) => weighOutcome(outcome) !== 'neutral');
}

export function degradeSampleSize(policy: HysteresisPolicy): number {
  return 2 * policy.degradeAfter - 1;
}

function failingSampleSize(policy: HysteresisPolicy): number {
  return Math.max(degradeSampleSize(policy), 3);
}

/** The verdict after the latest result, given the verdict before it and the recent results (oldest first). */
export function nextVerdict(previous: ProbeVerdict, recent: readonly ProbeOutcome[], policy: HysteresisPolicy): ProbeVerdict {
  const counted = countedOutcomes(recent);
  if (counted.length === 0) return previous;
  const sample = counted.slice(-degradeSampleSize(policy));
  const bad = sample.filter((outcome) => weighOutcome(outcome) === 'bad').length;
  const failingSample = counted.slice(-failingSampleSize(policy));
  const failing =
    failingSample.length === failingSampleSize(policy) &&
    failingSample.every((outcome) => weighOutcome(outcome) === 'bad' && outcome !== 'rate_limited');
  const recoverSample = counted.slice(-policy.recoverAfter);
  const recovered = recoverSample.length === policy.recoverAfter && recoverSample.every((outcome) => outcome === 'ok');
  switch (previous) {
    case 'none':
    case 'good':
      if (failing) return 'failing';
      if (bad >= policy.degradeAfter) return 'degraded';
      return 'good';
    case 'degraded':
      if (recovered) return 'good';
      return failing ? 'failing' : 'degraded';
    case 'failing':
      return recovered ? 'good' : 'failing';
  }
}

/** Replays a whole sequence of results (oldest first) from no verdict. */
export function verdictAfter(outcomes: readonly ProbeOutcome[], policy: HysteresisPolicy): ProbeVerdict {
  let verdict: ProbeVerdict = 'none';
  const counted = countedOutcomes(outcomes);
  const window = Math.max(failingSampleSize(policy), policy.recoverAfter);
  for (let i = 0; i < counted.length; i++) {
    verdict = nextVerdict(verdict, counted.slice(Math.max(0, i + 1 - window), i + 1), policy);
  }
  return verdict;
}

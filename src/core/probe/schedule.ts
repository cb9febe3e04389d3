// When the next probe may run. Pure, so the policy can be read and tested on
// its own: the server's retry-after always wins (no probe before it expires),
// a rejected key or a spend limit slows the cadence down (probing more often
// cannot help), and a fault in progress speeds it up so it clears in one interval.
import { weighOutcome, type ProbeVerdict } from '../signals/hysteresis';
import type { ProbeResult } from './types';

/** A spend limit or a rejected key will not fix itself within a minute. */
export const CONFIG_PROBLEM_FACTOR = 5;
export const MAX_CONFIG_PROBLEM_DELAY_MS = 30 * 60_000;
/** The quick cadence never goes below this, whatever the interval and recoverAfter. */
export const MIN_UNSETTLED_DELAY_MS = 1000;

export interface ProbeDelayInput {
  intervalMs: number;
  now: number;
  lastRound: readonly ProbeResult[];
  /** The probe verdict after this round. */
  verdict: ProbeVerdict;
  /** Good results in a row that clear a bad verdict (hysteresis M). */
  recoverAfter: number;
  /** Until when retry-after forbids probing (ms epoch), if it does. */
  retryAfterUntil?: number;
}

export function retryAfterUntil(round: readonly ProbeResult[], previousUntil: number | undefined, now: number): number | undefined {
  let until = previousUntil !== undefined && previousUntil > now ? previousUntil : undefined;
  for (const result of round) {
    if (result.retryAfterSeconds === undefined) continue;
    const candidate = result.at + result.retryAfterSeconds * 1000;
    if (candidate > now && (until === undefined || candidate > until)) until = candidate;
  }
  return until;
}

/**
 * While the verdict is bad, or the last round saw a failure the verdict has not
 * acted on yet, probes run recoverAfter + 1 times per interval, so the M good
 * results that clear a fault (or the bad ones that confirm it) all fit inside
 * one interval: health comes back within one interval of the fault clearing
 * (at the plain cadence it took M intervals, and more after an overload
 * backoff). The hysteresis still counts results, not time, so a stray 529 is
 * no likelier to flip the state; it is only confirmed or cleared sooner.
 */
export function isUnsettled(verdict: ProbeVerdict, lastRound: readonly ProbeResult[]): boolean {
  if (verdict === 'degraded' || verdict === 'failing') return true;
  return lastRound.some((result) => weighOutcome(result.outcome) === 'bad');
}

export function nextProbeDelayMs(input: ProbeDelayInput): number {
  let delay = input.intervalMs;
  const configProblem = input.lastRound.some((r) => r.outcome === 'auth_error' || r.spendLimit === true);
  if (configProblem) {
    delay = Math.max(delay, Math.min(input.intervalMs * CONFIG_PROBLEM_FACTOR, MAX_CONFIG_PROBLEM_DELAY_MS));
  } else if (isUnsettled(input.verdict, input.lastRound)) {
    delay = Math.max(MIN_UNSETTLED_DELAY_MS, input.intervalMs / (Math.max(1, input.recoverAfter) + 1));
  }
  // The server's word always wins: no probe before retry-after expires.
  if (input.retryAfterUntil !== undefined) delay = Math.max(delay, input.retryAfterUntil - input.now);
  return Math.round(delay);
}

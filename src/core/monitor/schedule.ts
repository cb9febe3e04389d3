// When the next probe may run. Pure, so the policy can be read and tested on
// its own: the server's retry-after always wins (no probe before it expires),
// a rejected key or a spend limit slows the cadence down (probing more often
// cannot help), and a fault in progress speeds it up so it clears in one interval.
import { weighOutcome, type ProbeVerdict } from '../signals/hysteresis';
import type { ProbeResult } from '../probe/types';

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
  /** Good results in a row that clear a bad verdict: recoveryStreak(the setting). */
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
 * Good results in a row that clear a fault: the setting's M, and one more.
 * The quick cadence below samples a fault several times an interval; inside
 * a storm where one answer in ten succeeds, M = 2 lucky answers a few seconds
 * apart would clear it far more often than at one probe an interval (the
 * simulated storm did exactly that). One more result keeps a false all-clear
 * rarer than before (0.1³ per try instead of 0.1²), and still fits in the
 * interval.
 */
export function recoveryStreak(recoverAfter: number): number {
  return Math.max(1, recoverAfter) + 1;
}

/**
 * A fault in progress quickens the cadence so health comes back within one
 * interval of the fault clearing (at the plain cadence it took M intervals,
 * more after the old overload backoff), without sampling a storm so often
 * that a lucky pair of answers clears it early:
 * - a bad result (a first 529, or one inside a fault): probe again in half an
 *   interval, so a fault is confirmed sooner and its end is noticed within
 *   half an interval;
 * - a good result while the verdict is still bad: the rest of the streak of
 *   S good results (recoveryStreak) comes 1/(2S) of an interval apart.
 * Worst case from the fault clearing to healthy: I/2 + (S-1)·I/(2S) < I.
 * The hysteresis counts results, not time, so at the same error rate a
 * stray 529 is no likelier to flip the state; it is only settled sooner.
 */
export function isUnsettled(verdict: ProbeVerdict, lastRound: readonly ProbeResult[]): boolean {
  if (verdict === 'degraded' || verdict === 'failing') return true;
  return lastRound.some((result) => weighOutcome(result.outcome) === 'bad');
}

function unsettledDelayMs(input: ProbeDelayInput): number {
  const lastWasBad = input.lastRound.some((result) => weighOutcome(result.outcome) === 'bad');
  const fraction = lastWasBad ? 1 / 2 : 1 / (2 * Math.max(1, input.recoverAfter));
  return Math.max(MIN_UNSETTLED_DELAY_MS, input.intervalMs * fraction);
}

export function nextProbeDelayMs(input: ProbeDelayInput): number {
  let delay = input.intervalMs;
  const configProblem = input.lastRound.some((r) => r.outcome === 'auth_error' || r.spendLimit === true);
  if (configProblem) {
    delay = Math.max(delay, Math.min(input.intervalMs * CONFIG_PROBLEM_FACTOR, MAX_CONFIG_PROBLEM_DELAY_MS));
  } else if (isUnsettled(input.verdict, input.lastRound)) {
    delay = unsettledDelayMs(input);
  }
  // The server's word always wins: no probe before retry-after expires.
  if (input.retryAfterUntil !== undefined) delay = Math.max(delay, input.retryAfterUntil - input.now);
  return Math.round(delay);
}

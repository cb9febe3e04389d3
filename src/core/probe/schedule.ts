// When the next probe may run. Pure, so the policy can be read and tested on
// its own: the server's retry-after always wins (no probe before it expires),
// and a few cases slow the cadence down where probing more often cannot help.
import type { ProbeResult } from './types';

/** Slower cadence while the API is overloaded: our probes should not add to it. */
export const OVERLOAD_BACKOFF_FACTOR = 1.5;
/** A spend limit or a rejected key will not fix itself within a minute. */
export const CONFIG_PROBLEM_FACTOR = 5;
export const MAX_CONFIG_PROBLEM_DELAY_MS = 30 * 60_000;

export interface ProbeDelayInput {
  intervalMs: number;
  now: number;
  lastRound: readonly ProbeResult[];
  /** Rounds in a row with at least one overloaded result (this one included). */
  overloadedRounds: number;
  /** Bad results in the sample that make the verdict degrade (hysteresis N). */
  degradeAfter: number;
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

export function nextProbeDelayMs(input: ProbeDelayInput): number {
  let delay = input.intervalMs;
  const configProblem = input.lastRound.some((r) => r.outcome === 'auth_error' || r.spendLimit === true);
  if (configProblem) {
    delay = Math.max(delay, Math.min(input.intervalMs * CONFIG_PROBLEM_FACTOR, MAX_CONFIG_PROBLEM_DELAY_MS));
  } else if (input.overloadedRounds >= input.degradeAfter) {
    // Back off only once the overload is established: the first probes after a
    // storm begins keep the normal cadence so detection is not delayed.
    delay = input.intervalMs * OVERLOAD_BACKOFF_FACTOR;
  }
  if (input.retryAfterUntil !== undefined) delay = Math.max(delay, input.retryAfterUntil - input.now);
  return Math.round(delay);
}

/** Status page polls back off on failure: double per consecutive failure, up to ten minutes (or the interval, if longer). */
export function nextStatusPageDelayMs(intervalMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, 10 * 60_000);
  return Math.min(cap, intervalMs * 2 ** Math.min(consecutiveFailures, 10));
}

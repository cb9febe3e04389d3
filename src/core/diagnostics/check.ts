// What a check is to the runner: an id, what it needs first, a time limit and
// a function. Checks hand findings to later checks through Facts (the
// addresses DNS found, the answer whose headers the clock and rate-limit
// checks read), so nothing is fetched twice.
import type { Clock, Stopwatch } from '../clock';
import type { Translate } from '../l10n';
import type { Plan } from './plan';
import type { CheckId, CheckOutcome, CheckResult, DiagnosticsInput } from './types';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface AnswerFacts {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** When the answer's headers arrived (ms epoch, the run's clock). */
  receivedAt: number;
}

export interface Facts {
  /** The system resolver's answers for the API host (dns). */
  addresses?: ResolvedAddress[];
  /** Addresses a TCP connection reached, fastest first (tcp). */
  connected?: ResolvedAddress[];
  /** The handshake verified (or http.proxyStrictSSL=false lets it through anyway) (tls). */
  tlsUsable?: boolean;
  /** The answer to GET base URL (http). */
  httpAnswer?: AnswerFacts;
  /** The answer to GET /v1/models with the key (auth). */
  authAnswer?: AnswerFacts;
}

export interface CheckContext {
  input: DiagnosticsInput;
  plan: Plan;
  /** Aborted when this check times out or the run is cancelled. */
  signal: AbortSignal;
  clock: Clock;
  stopwatch: Stopwatch;
  /** The report's language: every detail, hint, note and headline is written t`...`. */
  t: Translate;
  /** Milliseconds until this check's deadline; inner operations stay inside it. */
  timeLeft(): number;
  facts: Facts;
  /** Results of the checks this one needs (and any finished earlier). */
  results: ReadonlyMap<CheckId, CheckResult>;
  /**
   * Lets the checks that need this one start now: the facts they read are in
   * place and this check will not fail. It may still be finishing secondary
   * work (comparing with public resolvers, waiting on a second address family),
   * which must not hold up the layers above.
   */
  unblockDependents(): void;
}

export interface CheckDefinition {
  id: CheckId;
  /** The check's name in the report, in its language. */
  title(t: Translate): string;
  /** Run after these; when one of them failed (or was skipped because something failed), this is skipped. */
  needs: readonly CheckId[];
  timeoutMs: number;
  /** A reason not to run, decided from the plan alone, before waiting for anything. */
  notApplicable?(plan: Plan, input: DiagnosticsInput, t: Translate): CheckOutcome | undefined;
  run(context: CheckContext): Promise<CheckOutcome>;
  /** What it means when the deadline passes before `run` settles. */
  timedOut(timeoutMs: number, context: CheckContext): CheckOutcome;
}

/** Milliseconds to give an inner operation so it ends (and reports) before the check's own deadline. */
export function innerBudget(context: CheckContext, reserveMs = 50): number {
  return Math.max(1, context.timeLeft() - reserveMs);
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

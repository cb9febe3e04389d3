// What a language gives the shared wrapper spec: a way to make one call (or a crowd of
// calls on one breaker) through a rendered variant, answering in the shared terms below.
import { type SnippetVariant } from '../../../src/core/snippets/types';
import { type LimiterRun } from './limiter-cases';
import { type CallSettings, type CrowdSettings, type LanguageCapabilities, type Outcome, type SdkError } from './wrapper-cases';

export interface ReportedError {
  /** The class or type name as the language prints it. */
  name: string;
  message: string;
  /** Of the API error it is (api-error); for gave-up see `last`. */
  status?: number;
  errorType?: string;
  errorCode?: string;
  requestId?: string;
  /** The wrapper's own reason (gave-up). */
  reason?: string;
  attempts?: number;
  /** The API error a gave-up error carries. */
  last?: { name?: string; status?: number; errorType?: string; requestId?: string };
}

export interface ReportedRetry {
  /** null: no response arrived. */
  status: number | null;
  delayMs: number;
  requestId: string | null;
  model?: string;
  breakerState?: string;
}

export interface WrapperReport {
  outcome: Outcome | 'other-error';
  error?: ReportedError;
  model?: string;
  usedFallback?: boolean;
  /** What the caller got; for a stream, what it was shown, also when the stream failed. */
  text?: string;
  /** A stream's raw event types as the caller saw them. */
  events?: string[];
  retries: ReportedRetry[];
  elapsedMs: number;
  /** When the caller cancelled, ms after the call began (cases with cancelAfterMs). */
  cancelledAtMs?: number;
}

export interface CrowdReport {
  tripper?: WrapperReport;
  stateAfterTripper?: string;
  callers: WrapperReport[];
  /** The states the breaker went to (undefined where the language cannot report them). */
  transitions?: string[];
  finalState: string;
}

/** One caller of a limiter run: its times are from the start of its phase. */
export interface LimiterCallerReport extends WrapperReport {
  startedAtMs: number;
  endedAtMs: number;
}

export interface LimiterReport {
  phases: { callers: LimiterCallerReport[]; limitAfter: number }[];
  /** [ms from the run's start, new limit] at each change (the concurrency strategy). */
  limitTrace: [number, number][];
}

export interface WrapperDriver {
  /** The concurrency variant's shared cases run each call on a limiter of its own (or a fresh process's default). */
  call(variant: SnippetVariant, label: string, call: CallSettings): Promise<WrapperReport>;
  crowd(label: string, crowd: CrowdSettings): Promise<CrowdReport>;
  /** Callers of the concurrency variant in phases, all on one limiter made for the run. */
  limiter(label: string, run: LimiterRun): Promise<LimiterReport>;
  /** Everything the driver printed so far, to prove the key never shows. */
  output(): string;
  stop(): Promise<void>;
}

export interface WrapperLanguage {
  /** As in the templates' folder names: python, python-async, typescript, go... */
  language: string;
  capabilities: LanguageCapabilities;
  /** The error name the SDK uses for each kind of API error (regexp: one of several names). */
  sdkErrors: Partial<Record<SdkError, string | RegExp>>;
  /** The name of the client's timeout error a hung attempt ends with, where the wrapper carries one. */
  timeoutError?: string | RegExp;
  /** The key the driver runs with: it must never appear in its output. */
  sentinelKey: string;
  /** Starts the driver against the simulator at `simUrl` (the language's project is built already). */
  startDriver(simUrl: string): Promise<WrapperDriver>;
}

/** The shared state names: the Python and Java breakers spell half-open their own way. */
export function breakerState(state: string): string {
  return state.toLowerCase().replace('_', '-');
}

// The Python driver (driver.py, a LineDriver: one JSON line in, one out) as the shared
// wrapper spec sees it: the cases' calls become driver.py commands, in the wrappers'
// own units (seconds for the deadline, snake_case keywords), and its answers become
// WrapperReports.
import { type SnippetLanguage, type SnippetVariant } from '../../../src/core/snippets/types';
import { LineDriver } from '../support/line-driver';
import { type PythonFlavor } from './python-project';
import { CASE_TIMEOUT_MS } from '../spec/run-wrapper-spec';
import { FALLBACK_MODEL, FAST, MODEL, type CallSettings, type CrowdSettings } from '../spec/wrapper-cases';
import { type LimiterRun } from '../spec/limiter-cases';
import { breakerState, type CrowdReport, type LimiterCallerReport, type LimiterReport, type ReportedError, type WrapperDriver, type WrapperLanguage, type WrapperReport } from '../spec/wrapper-driver';

/** What the driver prints for a failed call (see describe_error in driver.py). */
interface DriverError {
  type: string;
  message: string;
  status?: number;
  errorType?: string;
  requestId?: string;
  reason?: string;
  lastError?: DriverError;
}

/** One on_retry callback: the attempt that failed, the wait chosen (seconds), and what failed. */
interface RetryCall {
  attempt: number;
  delay: number;
  status: number | null;
  requestId: string | null;
}

interface CallResult {
  case: string;
  outcome: 'ok' | 'error' | 'cancelled' | 'driver_error';
  model?: string | null;
  text?: string;
  fellBack?: boolean;
  eventTypes?: string[];
  error?: DriverError;
  elapsedMs: number;
  cancelledAtMs?: number;
  retries: RetryCall[];
}

interface LimiterResult {
  case: string;
  outcome?: 'driver_error';
  error?: DriverError;
  phases: { callers: (CallResult & { startedAtMs: number; endedAtMs: number })[]; limitAfter: number }[];
  limitTrace: [number, number][];
}

interface BreakerResult {
  case: string;
  outcome?: 'driver_error';
  error?: DriverError;
  trip?: CallResult;
  stateAfterTrip?: string;
  callers: CallResult[];
  stateAfter: string;
}

/** The wrappers' own error, which carries the last API error. */
const GAVE_UP = 'RetriesExhausted';

/** The raw stream events; the SDK's stream also yields its own helper events (text, citation...). */
const RAW_EVENTS = new Set(['message_start', 'message_delta', 'message_stop', 'content_block_start', 'content_block_delta', 'content_block_stop']);

function policyOf(call: CallSettings): Record<string, number> {
  const policy = { ...FAST, ...call.policy };
  return { max_attempts: policy.maxAttempts, deadline_seconds: policy.deadlineMs / 1000, base_delay_ms: policy.baseDelayMs, max_delay_ms: policy.maxDelayMs };
}

function toError(error: DriverError, gaveUp: boolean): ReportedError {
  const reported: ReportedError = { name: error.type, message: error.message };
  if (error.reason !== undefined) reported.reason = error.reason;
  if (gaveUp) {
    const last = error.lastError;
    if (last) reported.last = { name: last.type, status: last.status, errorType: last.errorType, requestId: last.requestId };
    return reported;
  }
  if (error.status !== undefined) reported.status = error.status;
  if (error.errorType !== undefined) reported.errorType = error.errorType;
  if (error.requestId !== undefined) reported.requestId = error.requestId;
  return reported;
}

function toReport(result: CallResult): WrapperReport {
  if (result.outcome === 'driver_error') throw new Error(`the driver failed: ${JSON.stringify(result)}`);
  const gaveUp = result.error?.type === GAVE_UP;
  const outcome = result.outcome === 'ok' ? 'ok' : result.outcome === 'cancelled' ? 'cancelled' : gaveUp ? 'gave-up' : result.error?.status !== undefined ? 'api-error' : 'other-error';
  const report: WrapperReport = {
    outcome,
    retries: result.retries.map((r) => ({ status: r.status, delayMs: r.delay * 1000, requestId: r.requestId })),
    elapsedMs: result.elapsedMs,
    ...(result.cancelledAtMs !== undefined ? { cancelledAtMs: result.cancelledAtMs } : {}),
  };
  if (result.error) report.error = toError(result.error, gaveUp);
  if (result.model) report.model = result.model;
  if (result.fellBack !== undefined) report.usedFallback = result.fellBack;
  if (result.text !== undefined) report.text = result.text;
  if (result.eventTypes) report.events = result.eventTypes.filter((t) => RAW_EVENTS.has(t));
  return report;
}

/** Starts driver.py under `python`; `env` is the whole environment of the child. */
function startPythonDriver(python: string, cwd: string, env: NodeJS.ProcessEnv): LineDriver {
  // Deprecation notices about model names are not what these tests look at.
  return LineDriver.start(python, ['-W', 'ignore::DeprecationWarning', 'driver.py'], cwd, env);
}


export interface PythonSetup {
  language: Extract<SnippetLanguage, 'python' | 'python-async'>;
  flavor: PythonFlavor;
  python(): string;
  projectDir(): string;
  env(simUrl: string): NodeJS.ProcessEnv;
  sentinelKey: string;
}

export function pythonLanguage(setup: PythonSetup): WrapperLanguage {
  const { flavor } = setup;
  return {
    language: setup.language,
    sentinelKey: setup.sentinelKey,
    capabilities: {
      // A blocking call has no handle its caller could cancel; the asyncio task does.
      cancellation: flavor === 'async',
      // RetriesExhausted says why and carries the last error, not a count.
      reportsAttempts: false,
      reasonIsCode: false,
      retryNamesModel: false,
      retryNamesBreakerState: false,
      // The SDK keeps the error body as a dict; its message shows the whole body.
      errorCodeField: false,
      hungStreamEndsAtDeadline: true,
      breakerReportsTransitions: false,
      // A waiting caller sleeps on the breaker until its own deadline.
      openPastDeadline: 'waits',
      // The breaker keeps its last failure for the callers it holds back.
      waitingCallerCarriesBreakerFailure: true,
      // RetriesExhausted carries the last anthropic.APIError raised, and a timeout is one.
      carriesTimeoutAsLastError: true,
      streamErrorHasStatus: true,
    },
    sdkErrors: {
      'bad-request': 'BadRequestError',
      authentication: 'AuthenticationError',
      'permission-denied': 'PermissionDeniedError',
      'not-found': 'NotFoundError',
      'request-too-large': 'ContentTooLargeError',
      'spend-limit': 'EnforcedSpendLimitReachedError',
      overloaded: 'OverloadedError',
      status: 'APIStatusError',
    },
    timeoutError: 'APITimeoutError',
    startDriver(simUrl: string): Promise<WrapperDriver> {
      const driver = startPythonDriver(setup.python(), setup.projectDir(), setup.env(simUrl));
      const command = (variant: SnippetVariant, label: string, call: CallSettings): Record<string, unknown> => ({
        case: label,
        flavor,
        variant,
        action: 'call',
        params: { model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Say hello' }] },
        policy: policyOf(call),
        ...(variant === 'fallback' ? { fallback: { fallback_model: FALLBACK_MODEL, overloads_before_fallback: call.overloadsBeforeFallback ?? 3 } } : {}),
        ...(call.cancelAfterMs !== undefined ? { cancel_after_ms: call.cancelAfterMs } : {}),
      });
      return Promise.resolve({
        async call(variant, label, call) {
          return toReport(await driver.run<CallResult>(command(variant, label, call), CASE_TIMEOUT_MS));
        },
        async crowd(label: string, crowd: CrowdSettings): Promise<CrowdReport> {
          const result = await driver.run<BreakerResult>(
            {
              ...command('circuit-breaker', label, crowd.call),
              action: 'breaker',
              breaker: { failure_threshold: crowd.breaker.failureThreshold, minimum_requests: crowd.breaker.minimumRequests, open_seconds: crowd.breaker.openMs / 1000 },
              ...(crowd.tripper ? { trip: { policy: policyOf(crowd.tripper) } } : {}),
              callers: crowd.callers,
              start: crowd.start,
            },
            CASE_TIMEOUT_MS,
          );
          if (result.outcome === 'driver_error') throw new Error(`the driver failed: ${JSON.stringify(result)}`);
          const report: CrowdReport = { callers: result.callers.map(toReport), finalState: breakerState(result.stateAfter) };
          if (result.trip) report.tripper = toReport(result.trip);
          if (result.stateAfterTrip !== undefined) report.stateAfterTripper = breakerState(result.stateAfterTrip);
          return report;
        },
        async limiter(label: string, run: LimiterRun): Promise<LimiterReport> {
          const result = await driver.run<LimiterResult>(
            {
              ...command('concurrency', label, {}),
              action: 'limiter',
              limiter: { initial_limit: run.limiter.initialLimit, max_limit: run.limiter.maxLimit },
              ...(run.strategy ? { strategy: run.strategy } : {}),
              ...(run.fixedLimit ? { fixed_limit: run.fixedLimit } : {}),
              ...(run.sdkMaxRetries !== undefined ? { sdk_max_retries: run.sdkMaxRetries } : {}),
              phases: run.phases.map((phase) => ({
                stagger_ms: phase.staggerMs ?? 0,
                calls: Array.from({ length: phase.callers }, (_, i) => {
                  const { policy, cancel_after_ms } = command('concurrency', label, phase.calls?.[i] ?? phase.call);
                  return { policy, ...(cancel_after_ms !== undefined ? { cancel_after_ms } : {}) };
                }),
              })),
            },
            run.timeoutMs ?? CASE_TIMEOUT_MS,
          );
          if (result.outcome === 'driver_error') throw new Error(`the driver failed: ${JSON.stringify(result)}`);
          return {
            limitTrace: result.limitTrace,
            phases: result.phases.map((phase) => ({
              limitAfter: phase.limitAfter,
              callers: phase.callers.map((c): LimiterCallerReport => ({ ...toReport(c), startedAtMs: c.startedAtMs, endedAtMs: c.endedAtMs })),
            })),
          };
        },
        output: () => driver.output,
        stop: () => driver.stop(),
      });
    },
  };
}

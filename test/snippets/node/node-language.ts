// The TypeScript and JavaScript drivers as the shared wrapper spec sees them: each case
// runs driver.ts in its own Node process (as a user's program would run the wrapper)
// against the rendered variant, and its JSON line becomes a WrapperReport.
import { type SnippetVariant } from '../../../src/core/snippets/types';
import { FALLBACK_MODEL, FAST, MODEL, type CallSettings, type CrowdSettings } from '../spec/wrapper-cases';
import { type LimiterRun } from '../spec/limiter-cases';
import { type CrowdReport, type LimiterReport, type ReportedError, type WrapperDriver, type WrapperLanguage, type WrapperReport } from '../spec/wrapper-driver';
import { type CallReport, type DriverCase, type ErrorReport } from './driver';
import { runCall, runCrowd, runLimiterRun, SENTINEL_KEY } from './run-driver';
import { type NodeLanguage, type SnippetProject } from './snippet-project';

function optionsOf(variant: SnippetVariant, call: CallSettings): NonNullable<DriverCase['options']> {
  const options: NonNullable<DriverCase['options']> = { ...FAST, ...call.policy };
  if (variant === 'fallback') {
    options.fallbackModel = FALLBACK_MODEL;
    options.overloadsBeforeFallback = call.overloadsBeforeFallback ?? 3;
  }
  return options;
}

function toError(error: ErrorReport, gaveUp: boolean): ReportedError {
  const reported: ReportedError = { name: error.name, message: error.message };
  if (error.reason !== undefined) reported.reason = error.reason;
  if (error.attempts !== undefined) reported.attempts = error.attempts;
  if (gaveUp) {
    const last = error.lastError;
    if (last) reported.last = { name: last.name, status: last.status, errorType: last.type ?? undefined, requestId: last.requestId ?? undefined };
    return reported;
  }
  if (error.status !== undefined) reported.status = error.status;
  if (error.type != null) reported.errorType = error.type;
  if (error.errorCode != null) reported.errorCode = error.errorCode;
  if (error.requestId != null) reported.requestId = error.requestId;
  return reported;
}

function toReport(call: CallReport): WrapperReport {
  const error = call.error;
  const gaveUp = error?.name === 'RetriesExhaustedError';
  const outcome =
    call.outcome === 'ok' ? 'ok' : gaveUp ? 'gave-up' : error?.name === 'APIUserAbortError' ? 'cancelled' : error?.status !== undefined || error?.type != null ? 'api-error' : 'other-error';
  const report: WrapperReport = {
    outcome,
    retries: call.retries.map((r) => ({ status: r.status, delayMs: r.delayMs, requestId: r.requestId, ...(r.model !== undefined ? { model: r.model } : {}) })),
    elapsedMs: call.elapsedMs,
    ...(call.cancelledAtMs !== undefined ? { cancelledAtMs: call.cancelledAtMs } : {}),
  };
  if (error) report.error = toError(error, gaveUp);
  if (call.model !== undefined) report.model = call.model;
  if (call.usedFallback !== undefined) report.usedFallback = call.usedFallback;
  if (call.events !== undefined) {
    report.events = call.events;
    report.text = call.shown ?? '';
  }
  if (call.text !== undefined) report.text = call.text;
  return report;
}

export function nodeLanguage(language: NodeLanguage, project: () => SnippetProject): WrapperLanguage {
  return {
    language,
    sentinelKey: SENTINEL_KEY,
    capabilities: {
      cancellation: true,
      reportsAttempts: true,
      // RetriesExhaustedError.reason is 'deadline' | 'attempts'; the message says the rest.
      reasonIsCode: true,
      retryNamesModel: true,
      retryNamesBreakerState: false,
      errorCodeField: true,
      hungStreamEndsAtDeadline: true,
      breakerReportsTransitions: true,
      // acquire() knows when the next trial is due: a caller it cannot serve in time is told at once.
      openPastDeadline: 'fails-fast',
      waitingCallerCarriesBreakerFailure: false,
      carriesTimeoutAsLastError: false,
      // The SDK raises a stream's error event as an APIError without a status: the answer's 200 is not kept.
      streamErrorHasStatus: false,
    },
    sdkErrors: {
      'bad-request': 'BadRequestError',
      authentication: 'AuthenticationError',
      'permission-denied': 'PermissionDeniedError',
      'not-found': 'NotFoundError',
      'request-too-large': 'ContentTooLargeError',
      'spend-limit': 'EnforcedSpendLimitReachedError',
      overloaded: 'OverloadedError',
      status: 'APIError',
    },
    startDriver(simUrl: string): Promise<WrapperDriver> {
      // Each case is its own process: what they print is checked for the key as each one ends (run-driver.ts).
      let printed = '';
      return Promise.resolve({
        async call(variant, _label, call) {
          const report = await runCall(project(), {
            variant,
            baseURL: simUrl,
            model: MODEL,
            options: optionsOf(variant, call),
            ...(call.cancelAfterMs !== undefined ? { abortAfterMs: call.cancelAfterMs } : {}),
          });
          printed += JSON.stringify(report);
          return toReport(report);
        },
        async crowd(_label, crowd: CrowdSettings): Promise<CrowdReport> {
          const report = await runCrowd(project(), {
            variant: 'circuit-breaker',
            baseURL: simUrl,
            model: MODEL,
            callers: crowd.callers,
            start: crowd.start,
            breaker: crowd.breaker,
            options: optionsOf('circuit-breaker', crowd.call),
            ...(crowd.tripper ? { tripper: optionsOf('circuit-breaker', crowd.tripper) } : {}),
          });
          printed += JSON.stringify(report);
          const crowdReport: CrowdReport = {
            callers: report.callers.map(toReport),
            transitions: report.transitions.map((t) => t.state),
            finalState: report.finalState,
          };
          if (report.tripper) crowdReport.tripper = toReport(report.tripper);
          if (report.stateAfterTripper !== undefined) crowdReport.stateAfterTripper = report.stateAfterTripper;
          return crowdReport;
        },
        async limiter(_label, run: LimiterRun): Promise<LimiterReport> {
          const report = await runLimiterRun(project(), {
            variant: 'concurrency',
            baseURL: simUrl,
            model: MODEL,
            limiter: run.limiter,
            ...(run.strategy ? { strategy: run.strategy } : {}),
            ...(run.fixedLimit ? { fixedLimit: run.fixedLimit } : {}),
            ...(run.sdkMaxRetries !== undefined ? { sdkMaxRetries: run.sdkMaxRetries } : {}),
            phases: run.phases.map((phase) => ({
              staggerMs: phase.staggerMs ?? 0,
              callers: Array.from({ length: phase.callers }, (_, i) => {
                const call = phase.calls?.[i] ?? phase.call;
                return { options: optionsOf('concurrency', call), ...(call.cancelAfterMs !== undefined ? { abortAfterMs: call.cancelAfterMs } : {}) };
              }),
            })),
          }, run.timeoutMs);
          printed += JSON.stringify(report);
          return { limitTrace: report.limitTrace, phases: report.phases.map((phase) => ({ limitAfter: phase.limitAfter, callers: phase.callers.map((c) => ({ ...toReport(c), startedAtMs: c.startedAtMs, endedAtMs: c.endedAtMs })) })) };
        },
        output: () => printed,
        stop: () => Promise.resolve(),
      });
    },
  };
}

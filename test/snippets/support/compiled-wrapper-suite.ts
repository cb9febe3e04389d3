// The Go and Java retry wrappers: every variant, rendered as a user gets it, is built once
// with the language's toolchain and the official SDK from its registry, checked by the
// language's own tools, then driven through a long-lived driver process against the
// simulator by the shared wrapper cases (spec/wrapper-cases.ts).
import assert from 'node:assert/strict';
import { SNIPPET_VARIANTS, type SnippetLanguage, type SnippetVariant } from '../../../src/core/snippets/types';
import { CASE_TIMEOUT_MS, runWrapperSpec } from '../spec/run-wrapper-spec';
import { FALLBACK_MODEL, FAST, MODEL, type CallSettings, type CrowdSettings, type LanguageCapabilities, type SdkError } from '../spec/wrapper-cases';
import { type LimiterRun } from '../spec/limiter-cases';
import { breakerState, type CrowdReport, type LimiterReport, type ReportedError, type WrapperDriver, type WrapperReport } from '../spec/wrapper-driver';
import { LineDriver } from './line-driver';
import { renderAll } from './rendered-wrappers';

export const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-compiled-snippets-0123456789';

export interface RetryRecord {
  attempt: number;
  delayMs: number;
  /** 0 when no response arrived. */
  status: number;
  requestId: string;
  breakerState?: string;
}

export interface ErrorReport {
  /** give_up: the wrapper's own error; api: the SDK's error, returned unchanged. */
  kind: 'give_up' | 'api' | 'canceled' | 'other' | 'driver';
  /** The Go type or Java class of what the call returned or threw. */
  type: string;
  message: string;
  reason?: string;
  attempts?: number;
  /** Of the API error it is or carries. */
  status?: number;
  errorType?: string;
  requestId?: string;
}

export interface CallReport {
  case?: string;
  variant: string;
  outcome: 'ok' | 'error' | 'driver_error';
  model?: string;
  usedFallback: boolean;
  /** What the caller got (for a stream: what it was shown, also when the stream failed). */
  text: string;
  events?: string[];
  retries: RetryRecord[];
  error?: ErrorReport;
  elapsedMs: number;
  cancelledAtMs?: number;
}

export interface BreakerReport {
  case: string;
  /** 'done' (Go) or absent (Java) when the crowd ran. */
  outcome?: 'done' | 'driver_error';
  transitions: { from: string; to: string; atMs: number }[];
  tripper?: CallReport;
  stateAfterTripper?: string;
  callers: CallReport[];
  finalState: string;
}

/** Phases of callers on one limiter: {"action": "limiter", "limiter": {...}, "phases": [{"staggerMs", "callers": [params...]}]}. */
export interface LimiterRunReport {
  case: string;
  outcome?: 'done' | 'driver_error';
  error?: ErrorReport;
  phases: { callers: (CallReport & { startedAtMs: number; endedAtMs: number })[]; limitAfter: number }[];
  limitTrace: [number, number][];
}

export interface CheckResult {
  ok: boolean;
  output: string;
}

/** What a language's toolchain built: how to start the driver, and the checks it ran. */
export interface BuiltDriver {
  command: string;
  args: string[];
  cwd: string;
  env(simUrl: string): NodeJS.ProcessEnv;
  sdkVersion: string;
  /** Static checks (vet, gofmt, javac -Xlint:all -Werror): name -> result. */
  checks: Record<string, CheckResult>;
}

export interface CompiledLanguage {
  language: Extract<SnippetLanguage, 'go' | 'java'>;
  title: string;
  /** The static checks build() reports on, by name. */
  checks: readonly string[];
  /** Renders the variants into a project, builds it once, and says how to run the driver. */
  build(rendered: Record<SnippetVariant, string>): Promise<BuiltDriver>;
  /** The package line every rendered file starts with: the file is dropped in as it is. */
  packageLine: RegExp;
  /** Where the language legitimately differs, with the reasons in its test file. */
  capabilities: LanguageCapabilities;
  /** The SDK's error type or class for each kind of API error, where it has its own. */
  sdkErrors: Partial<Record<SdkError, string | RegExp>>;
}

/** Where the Go and Java wrappers, built to one design, differ from the other languages. */
export const COMPILED_CAPABILITIES: LanguageCapabilities = {
  // A context (Go) or a thread interrupt (Java) cancels the call and its wait.
  cancellation: true,
  reportsAttempts: true,
  reasonIsCode: false,
  retryNamesModel: false,
  // The breaker's state can be read from the on-retry callback.
  retryNamesBreakerState: true,
  // The SDK's error keeps the raw body; its message shows it, error_code included.
  errorCodeField: false,
  hungStreamEndsAtDeadline: true,
  breakerReportsTransitions: true,
  // acquire knows when the breaker's next trial is due: a caller it cannot serve in time is told at once.
  openPastDeadline: 'fails-fast',
  waitingCallerCarriesBreakerFailure: false,
  carriesTimeoutAsLastError: false,
  streamErrorHasStatus: true,
};


/** The driver's parameters: the policy and the call's knobs, in milliseconds. */
function paramsOf(variant: SnippetVariant, call: CallSettings): Record<string, unknown> {
  return {
    ...FAST,
    ...call.policy,
    model: MODEL,
    ...(variant === 'fallback' ? { fallbackModel: FALLBACK_MODEL, fallbackAfter: call.overloadsBeforeFallback ?? 3 } : {}),
    ...(call.cancelAfterMs !== undefined ? { cancelAfterMs: call.cancelAfterMs } : {}),
  };
}

function toError(error: ErrorReport): ReportedError {
  const reported: ReportedError = { name: error.type, message: error.message };
  if (error.reason !== undefined) reported.reason = error.reason;
  if (error.attempts !== undefined) reported.attempts = error.attempts;
  // The drivers flatten the API error a give-up carries onto the give-up's own report.
  const api = { status: error.status, errorType: error.errorType || undefined, requestId: error.requestId || undefined };
  if (error.kind === 'give_up') reported.last = api;
  else Object.assign(reported, Object.fromEntries(Object.entries(api).filter(([, v]) => v !== undefined)));
  return reported;
}

const OUTCOMES: Record<ErrorReport['kind'], WrapperReport['outcome']> = { give_up: 'gave-up', api: 'api-error', canceled: 'cancelled', other: 'other-error', driver: 'other-error' };

function toReport(call: CallReport): WrapperReport {
  if (call.outcome === 'driver_error') throw new Error(`the driver failed: ${JSON.stringify(call)}`);
  const report: WrapperReport = {
    outcome: call.outcome === 'ok' ? 'ok' : OUTCOMES[call.error!.kind],
    // Status 0: no response arrived.
    retries: call.retries.map((r) => ({ status: r.status === 0 ? null : r.status, delayMs: r.delayMs, requestId: r.requestId || null, breakerState: r.breakerState })),
    elapsedMs: call.elapsedMs,
    ...(call.cancelledAtMs !== undefined ? { cancelledAtMs: call.cancelledAtMs } : {}),
    text: call.text,
    usedFallback: call.usedFallback,
  };
  if (call.error) report.error = toError(call.error);
  if (call.model !== undefined) report.model = call.model;
  if (call.events !== undefined) report.events = call.events;
  return report;
}

export function describeCompiledWrappers(lang: CompiledLanguage): void {
  describe(lang.title, function () {
    let rendered: Record<SnippetVariant, string>;
    let built: BuiltDriver;

    before(async function () {
      this.timeout(900_000); // a cold run downloads the SDK (and Maven's plugins) from the registry
      rendered = renderAll(lang.language);
      built = await lang.build(rendered);
    });

    describe('static checks', function () {
      for (const name of lang.checks) {
        it(`passes ${name}`, function () {
          const result = built.checks[name];
          assert.ok(result, `the build did not run ${name}`);
          assert.ok(result.ok, result.output);
        });
      }

      it('renders drop-in files: the package line, no placeholder left, the SDK retries switched off', function () {
        assert.match(built.sdkVersion, /^v?\d+\.\d+\.\d+$/);
        for (const variant of SNIPPET_VARIANTS) {
          const code = rendered[variant];
          assert.match(code, lang.packageLine, `${variant}: package line`);
          assert.doesNotMatch(code, /\{\{\w+\}\}/, `${variant}: placeholder left`);
          assert.match(code, /3 x N/, `${variant}: the header says why the SDK's retries are off`);
          assert.match(code, lang.language === 'go' ? /option\.WithMaxRetries\(0\)/ : /maxRetries\(0\)/, `${variant}: SDK retries not off`);
          assert.doesNotMatch(code, /defer [\w.]*Body\.Close\(\)|RWMutex|RLock/, `${variant}: known-wrong pattern`);
        }
      });
    });

    runWrapperSpec({
      language: lang.language,
      capabilities: lang.capabilities,
      sdkErrors: lang.sdkErrors,
      sentinelKey: SENTINEL_KEY,
      startDriver: (simUrl: string) => startCompiledDriver(built, simUrl),
    });
  });
}

/** Starts the built driver against the simulator at `simUrl`, warmed up, as the shared spec drives it. */
export async function startCompiledDriver(built: BuiltDriver, simUrl: string): Promise<WrapperDriver> {
const driver = LineDriver.start(built.command, built.args, built.cwd, built.env(simUrl));
// The first call of a process pays for class loading (Java: seconds); no timed case should.
for (const variant of SNIPPET_VARIANTS) {
  const warm = await driver.run<CallReport>({ case: `warm-up/${variant}`, action: 'call', variant, params: paramsOf(variant, {}) }, CASE_TIMEOUT_MS);
  assert.equal(warm.outcome, 'ok', `warm-up call failed: ${JSON.stringify(warm)}`);
}
return {
  async call(variant, label, call) {
    return toReport(await driver.run<CallReport>({ case: label, action: 'call', variant, params: paramsOf(variant, call) }, CASE_TIMEOUT_MS));
  },
  async crowd(label: string, crowd: CrowdSettings): Promise<CrowdReport> {
    const breaker = { failureThreshold: crowd.breaker.failureThreshold, minimumRequests: crowd.breaker.minimumRequests, openForMs: crowd.breaker.openMs };
    const result = await driver.run<BreakerReport>(
      {
        case: label,
        action: 'crowd',
        params: { ...paramsOf('circuit-breaker', crowd.call), ...breaker, callers: crowd.callers },
        ...(crowd.tripper ? { tripper: { ...paramsOf('circuit-breaker', crowd.tripper), ...breaker } } : {}),
        start: crowd.start,
      },
      CASE_TIMEOUT_MS,
    );
    if (result.outcome === 'driver_error') throw new Error(`the driver failed: ${JSON.stringify(result)}`);
    const report: CrowdReport = {
      callers: result.callers.map(toReport),
      transitions: result.transitions.map((t) => breakerState(t.to)),
      finalState: breakerState(result.finalState),
    };
    if (result.tripper) report.tripper = toReport(result.tripper);
    if (result.stateAfterTripper !== undefined) report.stateAfterTripper = breakerState(result.stateAfterTripper);
    return report;
  },
  async limiter(label: string, run: LimiterRun): Promise<LimiterReport> {
    const result = await driver.run<LimiterRunReport>(
      {
        case: label,
        action: 'limiter',
        limiter: run.limiter,
        strategy: run.strategy ?? 'concurrency',
        fixedLimit: run.fixedLimit ?? 0,
        sdkMaxRetries: run.sdkMaxRetries ?? 10,
        phases: run.phases.map((phase) => ({
          staggerMs: phase.staggerMs ?? 0,
          callers: Array.from({ length: phase.callers }, (_, i) => paramsOf('concurrency', phase.calls?.[i] ?? phase.call)),
        })),
      },
      run.timeoutMs ?? CASE_TIMEOUT_MS,
    );
    if (result.outcome === 'driver_error') throw new Error(`the driver failed: ${JSON.stringify(result)}`);
    return {
      limitTrace: result.limitTrace,
      phases: result.phases.map((phase) => ({
        limitAfter: phase.limitAfter,
        callers: phase.callers.map((c) => ({ ...toReport(c), startedAtMs: c.startedAtMs, endedAtMs: c.endedAtMs })),
      })),
    };
  },
  output: () => driver.output,
  stop: () => driver.stop(),
};
}

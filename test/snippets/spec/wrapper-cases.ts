// What every retry wrapper must do, written once for every language: each case is the
// simulator's scripted answers, the call made through the wrapper, and what must come
// out of it (the caller's side) and into the simulator (the API's side). A language's
// driver (spec/wrapper-driver.ts) turns a case into a call of its rendered wrapper and
// its answer into a WrapperReport; run-wrapper-spec.ts checks it against the case.
//
// Where a language legitimately differs (it has no cancel, its SDK names things its own
// way...), the case says so through LanguageCapabilities, and each language states its
// values with the reason next to them (python/driver-process.ts, node/node-language.ts,
// support/compiled-wrapper-suite.ts, java.test.ts).
import { DEFAULT_SNIPPET_POLICY, type SnippetVariant } from '../../../src/core/snippets/types';
import { type ScriptedFault } from '../../../src/sim/scenario';

// Not one the SDKs warn about as deprecated: a warning on stderr would fail the Node driver.
export const MODEL = 'claude-opus-4-5';
export const FALLBACK_MODEL = DEFAULT_SNIPPET_POLICY.fallbackModel;
/** The simulator's whole answer, as the caller must receive it (a stream's text included). */
export const FULL_REPLY = 'Hello! This is the Claude Health simulator answering in place of Claude.';
/** What a stream has shown when the simulator breaks it after its first content event. */
export const PARTIAL_REPLY = 'Hello!';
/** Slack for process scheduling on a busy machine, only ever added to upper bounds. */
export const SLACK_MS = 1_000;

/** Policy values in milliseconds; each driver converts them to its language's units. */
export interface Policy {
  maxAttempts: number;
  deadlineMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Small values keep the suite quick; the policy logic is the same as with the defaults. */
export const FAST: Policy = { maxAttempts: 10, deadlineMs: 10_000, baseDelayMs: 20, maxDelayMs: 100 };

/** One call through a variant's entry point. */
export interface CallSettings {
  policy?: Partial<Policy>;
  /** The caller cancels (context, interrupt, AbortSignal, task.cancel) this long after the wrapper announced its first retry. */
  cancelAfterMs?: number;
  /** The fallback variant's switch: after this many 529s in a row it asks FALLBACK_MODEL. Default 3. */
  overloadsBeforeFallback?: number;
}

/** How a call ended, in the terms every language shares. */
export type Outcome =
  | 'ok'
  /** The SDK's own error, returned or thrown unchanged. */
  | 'api-error'
  /** The wrapper's own error: its attempts or its deadline ran out (it carries the last API error). */
  | 'gave-up'
  /** The caller cancelled it. */
  | 'cancelled';

/** The SDK error a status maps to; each driver knows its SDK's class for it. */
export type SdkError = 'bad-request' | 'authentication' | 'permission-denied' | 'not-found' | 'request-too-large' | 'spend-limit' | 'overloaded' | 'status';

export interface Expectation {
  outcome: Outcome;
  /** Of the API error the outcome is (api-error) or carries (gave-up). */
  status?: number;
  errorType?: string;
  sdkError?: SdkError;
  /** The API's error_code detail, which the caller must be able to read. */
  errorCode?: string;
  /** Each must match the wrapper's message, and its reason where that is free text (gave-up). */
  says?: RegExp[];
  /** The reason, where the language gives it as a code (gave-up). */
  reasonCode?: 'deadline' | 'attempts';
  /** A gave-up error's message also names the last API error's type. */
  messageNamesLastError?: boolean;
  /** The last attempt hung: the carried error is the client's timeout, where the language has one. */
  lastErrorIsTimeout?: boolean;
  /** The error carries the request-id of one of the last two answers. */
  carriesRecentRequestId?: boolean;
  /** Message requests the simulator saw. */
  requests: number | { min: number; max?: number };
  /** The statuses it answered, in order (ok answers are 200). */
  statuses?: number[];
  /** The status it answered every request with. */
  everyStatus?: number;
  /** Its outcome names (fault kinds, 'ok'), in order. */
  served?: string[];
  /** [model, status] of each request. */
  modelsSeen?: [string, number][];
  /** Every request asked for MODEL, streaming exactly when the variant streams. */
  asRequested?: boolean;
  /** The wrapper's on-retry reports: their statuses (null: no response arrived). */
  retryStatuses?: (number | null)[];
  /** Each reported retry names the request-id of the answer that failed. */
  retriesNameRequestIds?: boolean;
  /** Requests == retries + 1: every failed attempt but the last was retried. */
  oneRequestPerAttempt?: boolean;
  /** The attempts the error reports (where it does) are the requests the API saw. */
  attemptsAreRequests?: boolean;
  /** At least this long between the first two requests, and the first retry chose at least this wait. */
  minWaitMs?: number;
  /** The call's own duration. */
  elapsedMs?: { min?: number; max?: number };
  /** The call returned within this many ms of the caller's cancel (fired cancelAfterMs after the first announced retry). */
  stopsWithinMsOfCancel?: number;
  /** No request started after this long from the first one. */
  requestsWithinMs?: number;
  text?: string;
  model?: string;
  usedFallback?: boolean;
  /** The stream events the caller saw: exactly these, or 'one-clean-stream' (one message_start first, message_stop last). */
  events?: string[] | 'one-clean-stream';
}

/** Why a language legitimately does not run a case, or runs it differently. */
export type Exceptions = Partial<Record<string, string>>;

export interface WrapperCase {
  /** The test's title. */
  title: string;
  /** Short name, part of the driver's case label. */
  id: string;
  /** The variants it applies to; all when absent. */
  variants?: readonly SnippetVariant[];
  faults: ScriptedFault[];
  call?: CallSettings;
  expect: Expectation;
  /** Changes to `expect` for one variant. */
  byVariant?: Partial<Record<SnippetVariant, Partial<Expectation>>>;
  /** Changes to `expect` where a language legitimately differs (by capability). */
  adjust?: (lang: LanguageCapabilities) => Partial<Expectation>;
  /** Languages that cannot run it, and why (a capability the language lacks, not a wrapper bug). */
  skip?: (lang: LanguageCapabilities, variant: SnippetVariant) => string | undefined;
}

/** Where a language legitimately differs; each driver states these with its reasons. */
export interface LanguageCapabilities {
  /** The caller can cancel a call in flight (false for synchronous Python: a blocking call has no cancel). */
  cancellation: boolean;
  /** The gave-up error reports its attempt count. */
  reportsAttempts: boolean;
  /** The gave-up error's reason is a code ('deadline' | 'attempts'), its message the free text (Node). */
  reasonIsCode: boolean;
  /** The fallback variant's on-retry report names the model the next attempt asks. */
  retryNamesModel: boolean;
  /** The circuit-breaker variant's on-retry report can read the breaker's state. */
  retryNamesBreakerState: boolean;
  /** The SDK exposes the API's error_code as a field of its error (else it is in the message). */
  errorCodeField: boolean;
  /** A hung streaming attempt ends at the deadline (Java: the client's own read timeout bounds it). */
  hungStreamEndsAtDeadline: boolean;
  /** The breaker reports each state change. */
  breakerReportsTransitions: boolean;
  /**
   * A caller facing an open breaker that outlasts its deadline: 'waits' until the deadline
   * (it cannot know the trial will not come sooner), or 'fails-fast' (it knows the open interval).
   */
  openPastDeadline: 'waits' | 'fails-fast';
  /** A caller that never sent (the breaker was open) still carries the breaker's last API error. */
  waitingCallerCarriesBreakerFailure: boolean;
  /**
   * The error a gave-up error carries is the last failure of any kind, a client timeout
   * included (Python: the SDK's APITimeoutError is an anthropic.APIError), rather than the
   * last answer the API gave.
   */
  carriesTimeoutAsLastError: boolean;
  /**
   * An error event inside a stream comes with the HTTP status of the stream's answer (200);
   * the Node SDK raises it as an APIError without a status.
   */
  streamErrorHasStatus: boolean;
}

/** How each language says a caller gave up on an open breaker. */
const BREAKER_OPEN = /circuit breaker (was|stayed|stays) open/;

const ALL_RETRYABLE: ScriptedFault[] = [
  { kind: 'server_error' },
  { kind: 'bad_gateway_html' },
  { kind: 'service_unavailable_empty' },
  { kind: 'gateway_timeout' },
  { kind: 'conflict' },
  { kind: 'rate_limited_no_retry_after' },
  { kind: 'reset' },
];

const sentOnce = (status: number, kind: ScriptedFault['kind'], errorType: string, sdkError: SdkError, name: string): WrapperCase => ({
  title: `sends a ${status} exactly once and returns the SDK's ${name} unchanged`,
  id: `status-${status}`,
  faults: [{ kind, times: 5 }],
  expect: { outcome: 'api-error', status, errorType, sdkError, requests: 1, retryStatuses: [] },
});

export const WRAPPER_CASES: readonly WrapperCase[] = [
  {
    title: 'recovers from a short 529 burst, one request per attempt (the SDK retries nothing itself)',
    id: 'burst',
    faults: [{ kind: 'overloaded', times: 2 }],
    expect: {
      outcome: 'ok',
      text: FULL_REPLY,
      model: MODEL,
      requests: 3,
      statuses: [529, 529, 200],
      asRequested: true,
      retryStatuses: [529, 529],
      retriesNameRequestIds: true,
    },
  },
  {
    title: 'waits at least the 2 s a 429 retry-after asks for',
    id: 'retry-after',
    faults: [{ kind: 'rate_limited', retryAfterSeconds: 2 }],
    expect: { outcome: 'ok', text: FULL_REPLY, requests: 2, statuses: [429, 200], retryStatuses: [429], minWaitMs: 2_000 },
  },
  {
    title: 'takes retry-after-ms as a floor too (on a 529)',
    id: 'retry-after-ms',
    faults: [{ kind: 'overloaded', retryAfterMs: 1_200 }],
    expect: { outcome: 'ok', text: FULL_REPLY, requests: 2, statuses: [529, 200], retryStatuses: [529], minWaitMs: 1_200 },
  },
  {
    title: 'retries a CDN HTML 502, an empty 503 and a connection reset',
    id: 'edge-failures',
    faults: [{ kind: 'bad_gateway_html' }, { kind: 'service_unavailable_empty' }, { kind: 'reset' }],
    expect: {
      outcome: 'ok',
      text: FULL_REPLY,
      requests: 4,
      served: ['bad_gateway_html', 'service_unavailable_empty', 'reset', 'ok'],
      retryStatuses: [502, 503, null],
    },
  },
  {
    title: 'retries every retryable answer: 500, 502 HTML page, 503 empty body, 504, 409, 429 without retry-after, dropped connection',
    id: 'all-retryable',
    faults: ALL_RETRYABLE,
    expect: {
      outcome: 'ok',
      text: FULL_REPLY,
      requests: 8,
      served: [...ALL_RETRYABLE.map((f) => f.kind), 'ok'],
      retryStatuses: [500, 502, 503, 504, 409, 429, null],
    },
  },
  sentOnce(400, 'bad_request', 'invalid_request_error', 'bad-request', 'BadRequestError'),
  sentOnce(401, 'unauthorized', 'authentication_error', 'authentication', 'AuthenticationError'),
  sentOnce(403, 'forbidden', 'permission_error', 'permission-denied', 'PermissionDeniedError'),
  sentOnce(404, 'not_found', 'not_found_error', 'not-found', 'NotFoundError'),
  sentOnce(413, 'request_too_large', 'request_too_large', 'request-too-large', 'request-too-large error'),
  {
    title: 'stops when x-should-retry says false, even on a 529',
    id: 'should-retry-false',
    faults: [{ kind: 'overloaded', shouldRetry: false, times: 5 }],
    expect: { outcome: 'api-error', status: 529, errorType: 'overloaded_error', sdkError: 'overloaded', requests: 1, retryStatuses: [] },
  },
  {
    title: 'never retries a spend-limit 429, even when x-should-retry says true',
    id: 'spend-limit',
    faults: [{ kind: 'spend_limit', shouldRetry: true, times: 5 }],
    expect: {
      outcome: 'api-error',
      status: 429,
      errorType: 'rate_limit_error',
      sdkError: 'spend-limit',
      errorCode: 'enforced_spend_limit_reached',
      requests: 1,
      retryStatuses: [],
    },
  },
  {
    title: 'stops at the overall deadline before a wait would cross it, says so, and carries the last API error',
    id: 'deadline',
    faults: [{ kind: 'overloaded', times: 1000 }],
    // The fallback variant must not switch here: its fallback model would be overloaded too.
    call: { policy: { maxAttempts: 100, deadlineMs: 2_000, baseDelayMs: 100, maxDelayMs: 400 }, overloadsBeforeFallback: 1000 },
    expect: {
      outcome: 'gave-up',
      status: 529,
      errorType: 'overloaded_error',
      says: [/deadline/],
      reasonCode: 'deadline',
      messageNamesLastError: true,
      carriesRecentRequestId: true,
      requests: { min: 2 },
      everyStatus: 529,
      oneRequestPerAttempt: true,
      attemptsAreRequests: true,
      elapsedMs: { max: 2_000 + SLACK_MS },
      requestsWithinMs: 2_000,
    },
    byVariant: {
      // The default breaker (5 failures in 5 requests) opens at the 5th; its trial would come
      // after this caller's deadline, so the caller stops there, saying why.
      'circuit-breaker': {
        requests: DEFAULT_SNIPPET_POLICY.breakerMinimumRequests,
        says: [/deadline/, BREAKER_OPEN],
        oneRequestPerAttempt: false,
      },
    },
  },
  {
    title: 'bounds a hung attempt by the deadline',
    id: 'hang',
    faults: [{ kind: 'hang' }],
    call: { policy: { deadlineMs: 1_000 } },
    expect: { outcome: 'gave-up', says: [/deadline/], reasonCode: 'deadline', lastErrorIsTimeout: true, requests: 1, served: ['hang'], elapsedMs: { min: 950, max: 1_000 + SLACK_MS } },
    skip: (lang, variant) => (variant === 'streaming' && !lang.hungStreamEndsAtDeadline ? 'a hung stream is bounded by the client\'s read timeout, not the deadline' : undefined),
  },
  {
    title: 'ends a hung attempt at the deadline, carrying the last API error',
    id: 'hang-after-error',
    faults: [{ kind: 'server_error' }, { kind: 'hang' }],
    call: { policy: { deadlineMs: 1_000 } },
    expect: { outcome: 'gave-up', says: [/deadline/], reasonCode: 'deadline', status: 500, requests: 2, served: ['server_error', 'hang'], elapsedMs: { min: 950, max: 1_000 + SLACK_MS } },
    adjust: (lang) => (lang.carriesTimeoutAsLastError ? { status: undefined, lastErrorIsTimeout: true } : {}),
    skip: (lang, variant) => (variant === 'streaming' && !lang.hungStreamEndsAtDeadline ? 'a hung stream is bounded by the client\'s read timeout, not the deadline' : undefined),
  },
  {
    title: 'stops waiting at once when the caller cancels during a long retry-after',
    id: 'cancel-wait',
    faults: [{ kind: 'rate_limited', retryAfterSeconds: 30 }],
    call: { policy: { deadlineMs: 60_000 }, cancelAfterMs: 300 },
    expect: { outcome: 'cancelled', requests: 1, retryStatuses: [429], minWaitMs: 30_000, stopsWithinMsOfCancel: SLACK_MS },
    skip: (lang) => (lang.cancellation ? undefined : 'a blocking call cannot be cancelled by its caller'),
  },
  {
    title: 'stops at once when the caller cancels while it keeps retrying',
    id: 'cancel-retrying',
    faults: [{ kind: 'overloaded', times: 1000 }],
    call: { policy: { maxAttempts: 100, baseDelayMs: 200, maxDelayMs: 200 }, cancelAfterMs: 300, overloadsBeforeFallback: 1000 },
    expect: { outcome: 'cancelled', requests: { min: 1 }, stopsWithinMsOfCancel: SLACK_MS },
    skip: (lang) => (lang.cancellation ? undefined : 'a blocking call cannot be cancelled by its caller'),
  },
  {
    title: 'switches to the fallback model after sustained 529s and says which model answered',
    id: 'fallback-switch',
    variants: ['fallback'],
    faults: [{ kind: 'overloaded', models: [MODEL], times: 100 }],
    call: { overloadsBeforeFallback: 3 },
    expect: {
      outcome: 'ok',
      text: FULL_REPLY,
      model: FALLBACK_MODEL,
      usedFallback: true,
      requests: 4,
      modelsSeen: [[MODEL, 529], [MODEL, 529], [MODEL, 529], [FALLBACK_MODEL, 200]],
    },
  },
  {
    title: 'keeps the requested model through errors that are not overloads',
    id: 'fallback-no-switch',
    variants: ['fallback'],
    faults: [{ kind: 'server_error', times: 3 }],
    call: { overloadsBeforeFallback: 3 },
    expect: {
      outcome: 'ok',
      text: FULL_REPLY,
      model: MODEL,
      usedFallback: false,
      requests: 4,
      modelsSeen: [[MODEL, 500], [MODEL, 500], [MODEL, 500], [MODEL, 200]],
    },
  },
  {
    title: 'retries a stream that fails before its first content event, and shows the caller one clean stream',
    id: 'stream-before-content',
    variants: ['streaming'],
    faults: [{ kind: 'stream_overloaded', streamStage: 'before_content' }],
    expect: {
      outcome: 'ok',
      text: FULL_REPLY,
      model: MODEL,
      events: 'one-clean-stream',
      // The overload came inside a 200 stream.
      retryStatuses: [200],
      requests: 2,
      served: ['stream_overloaded', 'ok'],
      asRequested: true,
    },
    adjust: (lang) => (lang.streamErrorHasStatus ? {} : { retryStatuses: [null] }),
  },
  {
    title: 'surfaces an error that arrives after content began, without retrying, keeping what was shown',
    id: 'stream-after-content',
    variants: ['streaming'],
    faults: [{ kind: 'stream_overloaded', streamStage: 'after_content' }],
    expect: {
      outcome: 'api-error',
      status: 200,
      errorType: 'overloaded_error',
      sdkError: 'status',
      text: PARTIAL_REPLY,
      events: ['message_start', 'content_block_start', 'content_block_delta'],
      retryStatuses: [],
      requests: 1,
    },
    adjust: (lang) => (lang.streamErrorHasStatus ? {} : { status: undefined }),
  },
];

/** A circuit breaker shared by several callers. */
export interface BreakerSettings {
  failureThreshold: number;
  minimumRequests: number;
  openMs: number;
}

export interface CrowdSettings {
  breaker: BreakerSettings;
  /** Runs alone first (to trip the breaker, or not); the callers start once it has returned. */
  tripper?: CallSettings;
  callers: number;
  /** 'together': all at once; 'one-by-one': each after the previous one returned. */
  start: 'together' | 'one-by-one';
  call: CallSettings;
}

export interface CrowdExpectation {
  tripper?: Outcome;
  /** The status of the API error the tripper's error is or carries. */
  tripperCarriesStatus?: number;
  /** The breaker's state once the tripper returned. */
  stateAfterTripper?: 'closed' | 'open';
  callers: Outcome;
  /** For every caller that gave up: each matches its message, and its reason where that is free text. */
  callersSay?: RegExp[];
  /** The reason of every caller that gave up, where the language gives it as a code. */
  callersReasonCode?: 'deadline' | 'attempts';
  /** The status every caller that gave up carries. */
  callersCarryStatus?: number;
  /** The callers met a breaker open past their deadline: by capability, they wait for it or fail fast. */
  openPastDeadlineMs?: number;
  finalState?: 'closed' | 'open';
  /** The states the breaker went to, in order (where the language reports them). */
  transitions?: string[];
  requests?: number;
  statuses?: number[];
  /** Request indexes whose gap to the request before is at least the open interval (a trial after a full interval). */
  trialsAt?: number[];
  /** Requests from this index on came at least this long after the one before it started (callers waited for a slow trial). */
  followersAfter?: { from: number; trial: number; minMs: number };
  /** The callers' attempts add up to the requests: nobody sent while the breaker was open. */
  attemptsAddUp?: boolean;
  /** The breaker's state each on-retry of the last caller saw (where the language reports it). */
  lastCallerRetryStates?: string[];
}

export interface CrowdCase {
  title: string;
  id: string;
  faults: ScriptedFault[];
  crowd: CrowdSettings;
  expect: CrowdExpectation;
  /** Changes for languages that legitimately differ (by capability). */
  adjust?: (lang: LanguageCapabilities) => Partial<CrowdExpectation>;
}

export const CROWD_CASES: readonly CrowdCase[] = [
  {
    title: 'opens, lets one trial through per interval while callers wait, and closes for all',
    id: 'recovery',
    faults: [
      { kind: 'overloaded', times: 3 }, // opens the breaker
      { kind: 'overloaded' }, // the first trial fails: open again
      { kind: 'ok', latencyMs: 300 }, // the second trial succeeds, slowly
    ],
    crowd: {
      breaker: { failureThreshold: 3, minimumRequests: 3, openMs: 600 },
      tripper: { policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 } },
      callers: 5,
      start: 'together',
      call: { policy: { baseDelayMs: 10, maxDelayMs: 20 } },
    },
    expect: {
      tripper: 'gave-up',
      tripperCarriesStatus: 529,
      stateAfterTripper: 'open',
      callers: 'ok',
      finalState: 'closed',
      transitions: ['open', 'half-open', 'open', 'half-open', 'closed'],
      statuses: [529, 529, 529, 529, 200, 200, 200, 200, 200],
      trialsAt: [3, 4],
      // One trial at a time: the four waiting callers went only once the slow trial had succeeded.
      followersAfter: { from: 5, trial: 4, minMs: 290 },
      attemptsAddUp: true,
    },
  },
  {
    title: 'lets a first wave of concurrent callers through, opens at the threshold, and releases every waiting caller once a trial succeeds',
    id: 'wave',
    // Six callers fail together: slowly, so all six are in flight before the first answer
    // however long a language takes to start them, and each asking for a 300 ms wait, so no
    // caller retries (full jitter could make it at once) before all six failures have landed.
    // The first trial fails too; the second succeeds.
    faults: [
      { kind: 'overloaded', times: 6, latencyMs: 500, retryAfterMs: 300 },
      { kind: 'overloaded' },
    ],
    crowd: {
      breaker: { failureThreshold: 3, minimumRequests: 3, openMs: 400 },
      callers: 6,
      start: 'together',
      call: { policy: { baseDelayMs: 300, maxDelayMs: 300 } },
    },
    expect: {
      callers: 'ok',
      finalState: 'closed',
      transitions: ['open', 'half-open', 'open', 'half-open', 'closed'],
      // 6 in the first wave, 1 failed trial, 1 good trial, then the 5 callers still waiting.
      statuses: [...Array<number>(7).fill(529), ...Array<number>(6).fill(200)],
      trialsAt: [6, 7],
      attemptsAddUp: true,
    },
  },
  {
    title: 'stays closed below the minimum request volume',
    id: 'below-volume',
    faults: [{ kind: 'overloaded', times: 3 }],
    crowd: {
      breaker: { failureThreshold: 3, minimumRequests: 5, openMs: 30_000 },
      tripper: { policy: { maxAttempts: 3, baseDelayMs: 20 } },
      callers: 1,
      start: 'together',
      // Had it opened for 30 s, this caller (2 s deadline) could not have succeeded.
      call: { policy: { deadlineMs: 2_000, baseDelayMs: 20 } },
    },
    expect: { tripper: 'gave-up', tripperCarriesStatus: 529, stateAfterTripper: 'closed', callers: 'ok', finalState: 'closed', transitions: [], statuses: [529, 529, 529, 200] },
  },
  {
    title: 'does not open below the minimum request volume, then opens once it is reached',
    id: 'volume-then-open',
    faults: [{ kind: 'ok' }, { kind: 'overloaded', times: 3 }],
    crowd: {
      breaker: { failureThreshold: 2, minimumRequests: 4, openMs: 400 },
      callers: 2,
      start: 'one-by-one',
      call: { policy: { baseDelayMs: 10, maxDelayMs: 20 } },
    },
    expect: {
      callers: 'ok',
      finalState: 'closed',
      // Two failures in a row after 3 requests: still closed; the third failure is the 4th request: open.
      lastCallerRetryStates: ['closed', 'closed', 'open'],
      transitions: ['open', 'half-open', 'closed'],
      statuses: [200, 529, 529, 529, 200],
      trialsAt: [4],
    },
  },
  {
    title: 'makes callers facing a breaker open past their deadline give up, saying why, sending nothing more',
    id: 'open-past-deadline',
    faults: [{ kind: 'overloaded', times: 1000 }],
    crowd: {
      breaker: { failureThreshold: 3, minimumRequests: 3, openMs: 30_000 },
      tripper: { policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 } },
      callers: 3,
      start: 'together',
      call: { policy: { deadlineMs: 1_500 } },
    },
    expect: {
      tripper: 'gave-up',
      tripperCarriesStatus: 529,
      stateAfterTripper: 'open',
      callers: 'gave-up',
      callersSay: [/deadline/, BREAKER_OPEN],
      callersReasonCode: 'deadline',
      openPastDeadlineMs: 1_500,
      finalState: 'open',
      requests: 3,
    },
    adjust: (lang) => (lang.waitingCallerCarriesBreakerFailure ? { callersCarryStatus: 529 } : {}),
  },
  {
    title: 'makes callers that failed together wait within their own deadline, then give up saying why, with their last API error',
    id: 'open-past-deadline-wave',
    // Slow answers, so all three are in flight before the first one fails, each asking for a
    // 300 ms wait, so none retries before the breaker has seen all three failures.
    faults: [{ kind: 'overloaded', times: 1000, latencyMs: 300, retryAfterMs: 300 }],
    crowd: {
      breaker: { failureThreshold: 2, minimumRequests: 2, openMs: 5_000 },
      callers: 3,
      start: 'together',
      call: { policy: { deadlineMs: 1_500 } },
    },
    expect: {
      callers: 'gave-up',
      callersSay: [/deadline/, BREAKER_OPEN],
      callersReasonCode: 'deadline',
      callersCarryStatus: 529,
      openPastDeadlineMs: 1_500,
      finalState: 'open',
      requests: 3,
    },
  },
];

// Runs one case against a rendered retry wrapper (TypeScript compiled, or JavaScript as
// rendered) and prints one JSON line: what the caller saw. The mocha suite compares it
// with what the simulator saw. Usage: node driver.js '<DriverCase as JSON>'.
// The API key comes from ANTHROPIC_API_KEY and is never printed.
import Anthropic from '@anthropic-ai/sdk';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type Variant = 'basic' | 'circuit-breaker' | 'fallback' | 'streaming' | 'concurrency';
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  status: number | undefined;
  requestId: string | null | undefined;
  error: unknown;
}

export interface RetryOptions {
  maxAttempts?: number;
  deadlineMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  onRetry?: (retry: RetryInfo) => void;
}

// The public shape of each variant, as its header comment documents it. A generated
// conformance file in the build checks every rendered module against these.
export interface BasicApi {
  createMessageWithRetry(client: Anthropic, params: Anthropic.MessageCreateParamsNonStreaming, options?: RetryOptions): Promise<Anthropic.Message>;
}

export interface BreakerLike {
  readonly state: BreakerState;
}

export interface BreakerOptions {
  failureThreshold?: number;
  minimumRequests?: number;
  openMs?: number;
  onStateChange?: (state: BreakerState) => void;
}

export interface BreakerApi {
  CircuitBreaker: new (options?: BreakerOptions) => BreakerLike;
  createMessageWithRetry(
    client: Anthropic,
    params: Anthropic.MessageCreateParamsNonStreaming,
    options: RetryOptions & { breaker: BreakerLike },
  ): Promise<Anthropic.Message>;
}

export interface FallbackApi {
  createMessageWithRetry(
    client: Anthropic,
    params: Anthropic.MessageCreateParamsNonStreaming,
    options?: RetryOptions & { fallbackModel?: string; overloadsBeforeFallback?: number; onRetry?: (retry: RetryInfo & { model: string }) => void },
  ): Promise<{ message: Anthropic.Message; model: string; usedFallback: boolean }>;
}

export interface StreamingApi {
  createMessageWithRetry(
    client: Anthropic,
    params: Anthropic.MessageStreamParams,
    options?: RetryOptions & { onEvent?: (event: Anthropic.MessageStreamEvent, snapshot: Anthropic.Message) => void },
  ): Promise<Anthropic.Message>;
}

export interface LimiterLike {
  readonly limit: number;
  readonly inFlight: number;
  readonly waiting: number;
}

export interface ConcurrencyApi {
  ConcurrencyLimiter: new (options?: { initialLimit?: number; maxLimit?: number; onLimitChange?: (limit: number) => void }) => LimiterLike;
  defaultLimiter: LimiterLike;
  createMessageWithRetry(
    client: Anthropic,
    params: Anthropic.MessageCreateParamsNonStreaming,
    options?: RetryOptions & { limiter?: LimiterLike },
  ): Promise<Anthropic.Message>;
}

/** One phase of a limiter run: callers[i] starts i * staggerMs in, with its own options and abort. */
export interface LimiterPhaseSpec {
  staggerMs: number;
  callers: { options: NonNullable<DriverCase['options']>; abortAfterMs?: number }[];
}

export interface DriverCase {
  variant: Variant;
  /** Folder holding the runnable wrapper modules (<variant>.js). */
  wrappersDir: string;
  baseURL: string;
  /** 'call': one caller. 'crowd': several callers sharing one breaker. 'limiter': phases of callers on one limiter. */
  kind: 'call' | 'crowd' | 'limiter';
  limiter?: { initialLimit: number; maxLimit: number };
  phases?: LimiterPhaseSpec[];
  /** A limiter run's strategy (the capacity benchmark): see LimiterRun in spec/limiter-cases.ts. */
  strategy?: 'concurrency' | 'basic' | 'sdk';
  fixedLimit?: number;
  sdkMaxRetries?: number;
  model?: string;
  options?: Omit<RetryOptions, 'signal' | 'onRetry'> & { fallbackModel?: string; overloadsBeforeFallback?: number };
  breaker?: Omit<BreakerOptions, 'onStateChange'>;
  /** Aborts the call through its AbortSignal this many ms after the wrapper announced its first retry. */
  abortAfterMs?: number;
  callers?: number;
  /** A crowd's first caller, alone, with its own options; the callers start once it has returned. */
  tripper?: DriverCase['options'];
  /** How a crowd's callers start: all at once, or each after the previous one returned. */
  start?: 'together' | 'one-by-one';
}

export interface ErrorReport {
  name: string;
  message: string;
  status?: number;
  type?: string | null;
  errorCode?: string | null;
  requestId?: string | null;
  reason?: string;
  attempts?: number;
  lastError?: ErrorReport;
}

export interface CallReport {
  outcome: 'ok' | 'error';
  elapsedMs: number;
  retries: { attempt: number; delayMs: number; status: number | null; requestId: string | null; model?: string }[];
  model?: string;
  usedFallback?: boolean;
  text?: string;
  /** Stream event types as onEvent received them. */
  events?: string[];
  /** A stream's text as onEvent showed it, kept when the stream fails part-way. */
  shown?: string;
  /** When the caller cancelled, ms after the call began. */
  cancelledAtMs?: number;
  error?: ErrorReport;
}

export interface LimiterRunReport {
  phases: { callers: (CallReport & { startedAtMs: number; endedAtMs: number })[]; limitAfter: number }[];
  limitTrace: [number, number][];
}

export interface CrowdReport {
  tripper?: CallReport;
  stateAfterTripper?: BreakerState;
  callers: CallReport[];
  transitions: { state: BreakerState; atMs: number }[];
  finalState: BreakerState;
}

function describeError(error: unknown, depth = 0): ErrorReport {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const fields = error as Error & Partial<{ status: number; type: string | null; errorCode: string | null; requestID: string | null; reason: string; attempts: number; lastError: unknown }>;
  const report: ErrorReport = { name: error.name, message: error.message };
  if (typeof fields.status === 'number') report.status = fields.status;
  if (fields.type !== undefined) report.type = fields.type;
  if (fields.errorCode !== undefined) report.errorCode = fields.errorCode;
  if (fields.requestID !== undefined) report.requestId = fields.requestID;
  if (fields.reason !== undefined) report.reason = fields.reason;
  if (fields.attempts !== undefined) report.attempts = fields.attempts;
  if (fields.lastError !== undefined && depth < 2) report.lastError = describeError(fields.lastError, depth + 1);
  return report;
}

function messageText(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

async function load<T>(spec: DriverCase): Promise<T> {
  return (await import(pathToFileURL(path.join(spec.wrappersDir, `${spec.variant}.js`)).href)) as T;
}

/** One call; stream event types go to `events` as onEvent receives them (they matter when the call fails, too). */
type Call = (options: RetryOptions, stream: StreamLog, extra?: DriverCase['options']) => Promise<Pick<CallReport, 'model' | 'usedFallback' | 'text'>>;

/** What a stream's caller was shown, as onEvent received it. */
interface StreamLog {
  events: string[];
  shown: string;
}

function see(log: StreamLog, event: Anthropic.MessageStreamEvent): void {
  log.events.push(event.type);
  if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') log.shown += event.delta.text;
}

/** One call of the variant under test, whatever its result type. */
async function makeCall(spec: DriverCase, client: Anthropic, breaker: BreakerLike | undefined, limiter?: LimiterLike): Promise<Call> {
  const params = { model: spec.model ?? 'claude-opus-4-5', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Say hello' }] };
  const options = spec.options ?? {};
  switch (spec.variant) {
    case 'basic': {
      const api = await load<BasicApi>(spec);
      return async (extra, _stream, own = options) => {
        const message = await api.createMessageWithRetry(client, params, { ...own, ...extra });
        return { text: messageText(message), model: message.model };
      };
    }
    case 'circuit-breaker': {
      const api = await load<BreakerApi>(spec);
      const shared = breaker ?? new api.CircuitBreaker(spec.breaker);
      return async (extra, _stream, own = options) => {
        const message = await api.createMessageWithRetry(client, params, { ...own, ...extra, breaker: shared });
        return { text: messageText(message), model: message.model };
      };
    }
    case 'fallback': {
      const api = await load<FallbackApi>(spec);
      return async (extra, _stream, own = options) => {
        const result = await api.createMessageWithRetry(client, params, { ...own, ...extra });
        return { text: messageText(result.message), model: result.model, usedFallback: result.usedFallback };
      };
    }
    case 'concurrency': {
      // Without a limiter of its own, the call takes the module's default: one per process, so one per case.
      const api = await load<ConcurrencyApi>(spec);
      return async (extra, _stream, own = options) => {
        const message = await api.createMessageWithRetry(client, params, { ...own, ...extra, ...(limiter ? { limiter } : {}) });
        return { text: messageText(message), model: message.model };
      };
    }
    case 'streaming': {
      const api = await load<StreamingApi>(spec);
      return async (extra, stream, own = options) => {
        const message = await api.createMessageWithRetry(client, params, { ...own, ...extra, onEvent: (event) => see(stream, event) });
        if (messageText(message) !== stream.shown) throw new Error(`the accumulated message differs from the streamed text: ${messageText(message)} / ${stream.shown}`);
        return { text: messageText(message), model: message.model };
      };
    }
  }
}

// fromStart: a limiter run's caller is cancelled while it waits for a slot, where no retry is announced to time it from.
async function runCall(call: Call, abortAfterMs: number | undefined, streaming: boolean, own?: DriverCase['options'], fromStart = false): Promise<CallReport> {
  const retries: CallReport['retries'] = [];
  const stream: StreamLog = { events: [], shown: '' };
  const controller = new AbortController();
  let abortTimer: ReturnType<typeof setTimeout> | undefined;
  let cancelledAtMs: number | undefined;
  const started = performance.now();
  const onRetry = (retry: RetryInfo & { model?: string }) => {
    const entry: CallReport['retries'][number] = { attempt: retry.attempt, delayMs: retry.delayMs, status: retry.status ?? null, requestId: retry.requestId ?? null };
    if (retry.model !== undefined) entry.model = retry.model;
    retries.push(entry);
    // The caller cancels while the wrapper waits or keeps retrying: timed from the first
    // announced retry, so a slow first request on a busy machine cannot cancel it before it was sent.
    if (abortAfterMs !== undefined && abortTimer === undefined) {
      abortTimer = setTimeout(() => {
        cancelledAtMs = performance.now() - started;
        controller.abort();
      }, abortAfterMs);
    }
  };
  if (fromStart && abortAfterMs !== undefined) {
    abortTimer = setTimeout(() => {
      cancelledAtMs = performance.now() - started;
      controller.abort();
    }, abortAfterMs);
  }
  const cancelled = () => (cancelledAtMs === undefined ? {} : { cancelledAtMs });
  const shown = () => (streaming ? { events: stream.events, shown: stream.shown } : {});
  try {
    const result = await call({ onRetry, signal: controller.signal }, stream, own);
    return { outcome: 'ok', elapsedMs: performance.now() - started, retries, ...result, ...shown(), ...cancelled() };
  } catch (error) {
    return { outcome: 'error', elapsedMs: performance.now() - started, retries, error: describeError(error), ...shown(), ...cancelled() };
  } finally {
    clearTimeout(abortTimer);
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as DriverCase;
  // maxRetries 5 on purpose: a wrapper that let the SDK retry too would show 6x the requests.
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: spec.baseURL, maxRetries: 5 });
  if (spec.kind === 'call') {
    const call = await makeCall(spec, client, undefined);
    process.stdout.write(`${JSON.stringify(await runCall(call, spec.abortAfterMs, spec.variant === 'streaming'))}\n`);
    return;
  }
  if (spec.kind === 'limiter') {
    process.stdout.write(`${JSON.stringify(await runLimiter(spec, client))}\n`);
    return;
  }
  const api = await load<BreakerApi>(spec);
  const startedAt = performance.now();
  const transitions: CrowdReport['transitions'] = [];
  const breaker = new api.CircuitBreaker({ ...spec.breaker, onStateChange: (state) => transitions.push({ state, atMs: performance.now() - startedAt }) });
  const call = await makeCall(spec, client, breaker);
  const report: Omit<CrowdReport, 'callers' | 'finalState'> = { transitions };
  if (spec.tripper !== undefined) {
    report.tripper = await runCall(call, undefined, false, spec.tripper);
    report.stateAfterTripper = breaker.state;
  }
  const callers: CallReport[] = [];
  if (spec.start === 'one-by-one') {
    for (let i = 0; i < (spec.callers ?? 1); i++) callers.push(await runCall(call, spec.abortAfterMs, false));
  } else {
    callers.push(...(await Promise.all(Array.from({ length: spec.callers ?? 1 }, () => runCall(call, spec.abortAfterMs, false)))));
  }
  process.stdout.write(`${JSON.stringify({ ...report, callers, finalState: breaker.state } satisfies CrowdReport)}\n`);
}

/** A counting semaphore: the capacity benchmark's fixed limit around the basic wrapper. */
function semaphore(permits: number): <T>(run: () => Promise<T>) => Promise<T> {
  const waiting: (() => void)[] = [];
  let free = permits;
  return async (run) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/** One call of a limiter run's strategy (the concurrency variant unless the capacity benchmark says otherwise). */
async function strategyCall(spec: DriverCase, client: Anthropic, limiter: LimiterLike): Promise<Call> {
  const params = { model: spec.model ?? 'claude-opus-4-5', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Say hello' }] };
  if (spec.strategy === 'sdk') {
    const sdkClient = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: spec.baseURL, maxRetries: spec.sdkMaxRetries ?? 10 });
    return async (extra) => {
      const message = await sdkClient.messages.create(params, { signal: extra.signal });
      return { text: messageText(message), model: message.model };
    };
  }
  if (spec.strategy === 'basic') {
    const basic = await makeCall({ ...spec, variant: 'basic' }, client, undefined);
    const gate = spec.fixedLimit ? semaphore(spec.fixedLimit) : undefined;
    return (extra, stream, own) => (gate ? gate(() => basic(extra, stream, own)) : basic(extra, stream, own));
  }
  return makeCall({ ...spec, variant: 'concurrency' }, client, undefined, limiter);
}

/** Phases of callers on one limiter; each phase starts once the previous one has returned. */
async function runLimiter(spec: DriverCase, client: Anthropic): Promise<LimiterRunReport> {
  const api = await load<ConcurrencyApi>({ ...spec, variant: 'concurrency' });
  const runStart = performance.now();
  const limitTrace: [number, number][] = [];
  const limiter = new api.ConcurrencyLimiter({ ...spec.limiter, onLimitChange: (limit) => limitTrace.push([Math.round(performance.now() - runStart), limit]) });
  const call = await strategyCall(spec, client, limiter);
  const phases: LimiterRunReport['phases'] = [];
  for (const phase of spec.phases ?? []) {
    const phaseStart = performance.now();
    const callers = await Promise.all(
      phase.callers.map(async (caller, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * phase.staggerMs));
        const startedAtMs = performance.now() - phaseStart;
        const report = await runCall(call, caller.abortAfterMs, false, caller.options, true);
        return { ...report, startedAtMs, endedAtMs: performance.now() - phaseStart };
      }),
    );
    phases.push({ callers, limitAfter: limiter.limit });
  }
  return { phases, limitTrace };
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`unhandled rejection: ${String(reason)}\n`);
  process.exitCode = 3;
});

main().catch((error: unknown) => {
  process.stderr.write(`driver failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});

// One request through the tap: the client's request goes to the upstream
// unchanged (bar the hop-by-hop headers), the answer comes back chunk by chunk
// as undici hands it over, with backpressure both ways, and one TapRecord
// describes how it went. Nothing here buffers a body: the request body is
// watched for its "model" as it streams up, the answer for its error type as
// it streams down.
import type * as http from 'node:http';
import type { Readable } from 'node:stream';
import type * as Undici from 'undici';
import type { Clock, Stopwatch, TimerHandle, Timers } from '../clock';
import { parseRateLimits, parseRequestId, parseRetryAfter } from '../headers';
import { cleanText } from '../text/clean';
import { ErrorBodyCapture } from './error-body';
import { answerGatewayError, BAD_GATEWAY, describeUpstreamFailure, GATEWAY_TIMEOUT } from './gateway-answer';
import { clientResponseHeaders, upstreamRequestHeaders } from './hop-headers';
import { ModelScanner } from './model-scanner';
import { SseErrorScanner } from './sse-error-scanner';
import { kindOfAnswer, recordedPath, type TapRecord } from './tap-record';

export interface ExchangeContext {
  dispatcher: Undici.Dispatcher;
  /** The upstream's origin, e.g. https://api.anthropic.com. */
  origin: string;
  /** The upstream's base path without a trailing slash ("" for most). */
  basePath: string;
  /** Until the answer's headers, and between two chunks of its body. */
  timeoutMs: number;
  clock: Clock;
  stopwatch: Stopwatch;
  timers: Timers;
  record(record: TapRecord): void;
  /** A line for the log about something that is not a record (a client that left early). */
  note(line: string): void;
}

class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'AbortError';
  }
}

class DeadlineError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value === undefined || /json/i.test(value.slice(0, 100));
}

function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value !== undefined && value.trimStart().toLowerCase().startsWith('text/event-stream');
}

/**
 * undici hands the answer's headers over with lower-case names: each header the
 * record needs is one property read, not headerValue's case-blind scan of every
 * name (the rate limits alone ask for fifteen).
 */
function lowerCaseHeaders(headers: http.IncomingHttpHeaders): { get(name: string): string | null } {
  return {
    get(name: string): string | null {
      const value = headers[name];
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
    },
  };
}

async function* watchedBody(req: http.IncomingMessage, scanner: ModelScanner | undefined): AsyncGenerator<Buffer> {
  for await (const chunk of req as AsyncIterable<Buffer>) {
    scanner?.push(chunk);
    yield chunk;
  }
}

export class Exchange {
  private readonly started: number;
  private readonly at: number;
  private readonly path: string;
  private readonly method: string;
  private readonly modelScanner: ModelScanner | undefined;
  private controller: Undici.Dispatcher.DispatchController | undefined;
  private deadline: TimerHandle | undefined;
  private abortReason: Error | undefined;
  private status: number | undefined;
  private headers: http.IncomingHttpHeaders = {};
  private firstByteMs: number | undefined;
  private sse: SseErrorScanner | undefined;
  private errorBody: ErrorBodyCapture | undefined;
  private finished = false;
  private corked = false;

  constructor(
    private readonly ctx: ExchangeContext,
    private readonly req: http.IncomingMessage,
    private readonly res: http.ServerResponse,
  ) {
    this.started = ctx.stopwatch.now();
    this.at = ctx.clock.now();
    const target = req.url ?? '/';
    this.path = recordedPath(target);
    this.method = cleanText(req.method, 16) ?? 'GET';
    this.modelScanner = hasBody(req) && isJson(req.headers['content-type']) ? new ModelScanner() : undefined;
  }

  /** Sends the request on; everything after happens in undici's callbacks. */
  start(): void {
    const target = this.req.url ?? '/';
    // Only origin-form targets: an absolute URL would make the tap an open forward proxy.
    if (!target.startsWith('/')) {
      answerGatewayError(this.res, 400, 'the request target must be a path (the tap is a reverse proxy, not a forward proxy)');
      this.finished = true;
      return;
    }
    // A client that resets mid-request is told through 'close' (and through the body's iterator); the errors themselves need no handling.
    this.req.on('error', () => undefined);
    this.res.on('error', () => undefined);
    this.res.on('close', () => this.clientClosed());
    this.deadline = this.ctx.timers.setTimeout(() => this.deadlineHit(), this.ctx.timeoutMs);
    const options: Undici.Dispatcher.DispatchOptions = {
      origin: this.ctx.origin,
      path: `${this.ctx.basePath}${target}`,
      method: this.req.method ?? 'GET',
      headers: upstreamRequestHeaders(this.req.rawHeaders),
      // undici streams any async iterable as a body (its types list only Readable).
      body: hasBody(this.req) ? (watchedBody(this.req, this.modelScanner) as unknown as Readable) : null,
      headersTimeout: this.ctx.timeoutMs,
      bodyTimeout: this.ctx.timeoutMs,
    };
    try {
      this.ctx.dispatcher.dispatch(options, this.handler());
    } catch (error) {
      this.failed(error);
    }
  }

  private handler(): Undici.Dispatcher.DispatchHandler {
    return {
      onRequestStart: (controller) => {
        this.controller = controller;
        if (this.abortReason) controller.abort(this.abortReason);
      },
      onResponseStart: (controller, statusCode, headers, statusMessage) => this.responseStart(controller, statusCode, headers, statusMessage),
      onResponseData: (controller, chunk) => this.responseData(controller, chunk),
      onResponseEnd: () => this.responseEnd(),
      onResponseError: (_controller, error) => this.failed(error),
    };
  }

  private abort(reason: Error): void {
    this.abortReason ??= reason;
    this.controller?.abort(reason);
  }

  private responseStart(controller: Undici.Dispatcher.DispatchController, statusCode: number, headers: http.IncomingHttpHeaders, statusMessage?: string): void {
    if (statusCode < 200) return; // 1xx: informational, the final answer follows
    if (this.finished) {
      controller.abort(this.abortReason ?? new ClientGoneError());
      return;
    }
    this.deadline?.cancel();
    this.status = statusCode;
    this.headers = headers;
    if (isEventStream(headers['content-type'])) this.sse = new SseErrorScanner();
    else if (statusCode >= 300) this.errorBody = new ErrorBodyCapture();
    try {
      this.res.writeHead(statusCode, cleanText(statusMessage, 100), clientResponseHeaders(headers));
    } catch (error) {
      // A status or header value Node will not write (a broken upstream): the client gets a 502 instead.
      this.abort(error instanceof Error ? error : new Error(String(error)));
      this.answerFailure(BAD_GATEWAY, `the upstream ${this.ctx.origin} answered with a status or header that cannot be passed on`, 'EPROTO');
      return;
    }
    // A stream's headers go out in this turn of the event loop (the SDK returns on them): with its first
    // chunk when that came in the same read from the upstream, as it mostly does, else on their own.
    // A sized answer goes out with its body in one write.
    if (this.sse || headers['content-length'] === undefined) queueMicrotask(() => this.flushHeaders());
  }

  private flushHeaders(): void {
    if (!this.res.headersSent && !this.res.destroyed) this.res.flushHeaders();
  }

  /**
   * Everything written to the client in one turn of the event loop leaves in one
   * system call: a chunk and the stream's end (or the next chunk) that came in
   * the same read from the upstream. Nothing waits for a later turn.
   */
  private corkUntilNextTick(): void {
    if (this.corked) return;
    this.corked = true;
    this.res.cork();
    process.nextTick(() => {
      if (!this.corked) return;
      this.corked = false;
      this.res.uncork();
    });
  }

  private responseData(controller: Undici.Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.finished) return;
    this.firstByteMs ??= this.ctx.stopwatch.now() - this.started;
    this.sse?.push(chunk);
    this.errorBody?.push(chunk);
    this.corkUntilNextTick();
    if (!this.res.write(chunk)) {
      controller.pause();
      this.res.once('drain', () => controller.resume());
    }
  }

  private responseEnd(): void {
    if (this.finished) return;
    // end() writes out whatever is corked, and the end with it.
    this.corked = false;
    this.res.end();
    this.finish();
  }

  private deadlineHit(): void {
    if (this.finished || this.status !== undefined) return;
    // Answered first: the abort below reports back through onResponseError, which then has nothing left to do.
    this.answerFailure(GATEWAY_TIMEOUT, `the upstream ${this.ctx.origin} did not answer within ${this.ctx.timeoutMs} ms`, 'ETIMEDOUT');
    this.abort(new DeadlineError(this.ctx.timeoutMs));
  }

  private clientClosed(): void {
    if (this.finished || this.res.writableFinished) return;
    // Settled before the abort, which reports back through onResponseError at once.
    if (this.status === undefined) {
      this.finished = true;
      this.deadline?.cancel();
      this.ctx.note(`${this.method} ${this.path}: the client closed the connection before the answer; the upstream request was cancelled`);
    } else {
      this.finish('the client closed the connection during the answer');
    }
    this.abort(new ClientGoneError());
  }

  /** undici failed the request: before the answer a 502/504, during it a cut stream, as the client would have seen directly. */
  private failed(error: unknown): void {
    if (this.finished) return;
    if (error instanceof ClientGoneError) return this.clientClosed();
    const failure = describeUpstreamFailure(error, this.ctx.origin);
    if (this.status === undefined) {
      this.answerFailure(failure.status, failure.message, failure.code);
      return;
    }
    this.res.destroy();
    this.finish(failure.message, { networkCode: failure.code, clientStatus: 0 });
  }

  private answerFailure(status: number, message: string, code: string | undefined): void {
    if (this.finished) return;
    const answered = answerGatewayError(this.res, status, message);
    if (!answered) this.res.destroy();
    this.finished = true;
    this.deadline?.cancel();
    this.emit({ kind: 'network', networkCode: code, clientStatus: answered ? status : 0, detail: message });
  }

  private finish(detail?: string, network?: { networkCode?: string; clientStatus: number }): void {
    this.finished = true;
    this.deadline?.cancel();
    this.sse?.end();
    const body = this.errorBody?.read() ?? {};
    const errorType = this.sse?.errorType ?? body.errorType;
    const status = this.status ?? 0;
    const record: Partial<TapRecord> & Pick<TapRecord, 'kind'> = { status, kind: network ? 'network' : kindOfAnswer(status, errorType) };
    if (errorType) record.errorType = errorType;
    if (this.sse?.errorSeen) record.inStream = true;
    if (body.requestId) record.requestId = body.requestId;
    if (detail) record.detail = detail;
    if (network) Object.assign(record, network);
    this.emit(record);
  }

  private emit(fields: Partial<TapRecord> & Pick<TapRecord, 'kind'>): void {
    const now = this.ctx.clock.now();
    const headers = lowerCaseHeaders(this.headers);
    const record: TapRecord = {
      at: this.at,
      source: 'tap',
      kind: fields.kind,
      method: this.method,
      path: this.path,
      latencyMs: Math.max(0, Math.round((this.ctx.stopwatch.now() - this.started) * 10) / 10),
      rateLimit: parseRateLimits(headers, now),
    };
    // Only the fields that have a value: a record with an undefined field deleted afterwards would turn into a slow dictionary object.
    for (const key of Object.keys(fields) as (keyof TapRecord)[]) {
      const value = fields[key];
      if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
    }
    const requestId = parseRequestId(headers);
    if (requestId) record.requestId = requestId;
    const retryAfter = parseRetryAfter(headers, now);
    if (retryAfter !== undefined) record.retryAfterSeconds = retryAfter;
    if (this.modelScanner?.model) record.model = this.modelScanner.model;
    if (this.firstByteMs !== undefined) record.firstByteMs = Math.round(this.firstByteMs * 10) / 10;
    this.ctx.record(record);
  }
}

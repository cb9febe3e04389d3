// The Claude API half: routing, the real API's auth/version/body checks, then
// the scenario's fault (or a scripted one), then a real-shaped answer.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { errorBody, faultAnswer, json, RATE_LIMIT_MESSAGE, type ErrorAnswer } from './api-errors';
import { newId } from './ids';
import { buildReply, formatSse, streamContent, streamHead, streamOverloadedEvent, streamTail } from './message-replies';
import { SIM_MODELS, findModel } from './models';
import { parseJsonBody, validateCountTokensRequest, validateMessagesRequest } from './request-validation';
import { type PickedFault } from './fault-picker';
import { type Phase } from './scenario';
import { type SimulatorState } from './state';

/**
 * API versions the simulator accepts. SDKs from 1.0 on (TypeScript 1.0, October 2026) send 2026-10-21
 * and the key as `Authorization: Bearer`; older SDKs send 2023-06-01 and `x-api-key`.
 */
export const SUPPORTED_VERSIONS = ['2023-06-01', '2023-01-01', '2026-10-21'];
const BEARER_KEY_VERSIONS = ['2026-10-21'];
const ORGANIZATION_ID = '5ee7a1b8-0000-4000-8000-00000000c1a0';

const MODEL_PATH = /^\/v1\/models\/[^/]+$/;
/** Model ids taken from a path are cut here before they are echoed or logged. */
const MAX_MODEL_ID_CHARS = 256;

/** The model id in /v1/models/{id}, percent-decoded; a malformed escape leaves it as sent. */
function modelIdOf(pathname: string): string {
  const raw = pathname.slice('/v1/models/'.length, '/v1/models/'.length + MAX_MODEL_ID_CHARS * 3);
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = raw;
  }
  return id.slice(0, MAX_MODEL_ID_CHARS);
}

/** The path under which a request is counted: one the simulator serves, else undefined (counted with all unknown paths). */
function servedPath(pathname: string): string | undefined {
  if (pathname === '/v1/messages' || pathname === '/v1/messages/count_tokens' || pathname === '/v1/models') return pathname;
  if (!MODEL_PATH.test(pathname)) return undefined;
  const id = modelIdOf(pathname);
  return findModel(id) ? `/v1/models/${id}` : undefined;
}

type Route = 'messages' | 'count_tokens' | 'models' | 'model';

export function apiRouteOf(method: string, pathname: string): Route | undefined {
  if (method === 'POST' && pathname === '/v1/messages') return 'messages';
  if (method === 'POST' && pathname === '/v1/messages/count_tokens') return 'count_tokens';
  if (method === 'GET' && pathname === '/v1/models') return 'models';
  if (method === 'GET' && MODEL_PATH.test(pathname)) return 'model';
  return undefined;
}

export function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/v1/');
}

export interface ApiContext {
  state: SimulatorState;
  requiredApiKey?: string;
  sleep(ms: number): Promise<void>;
}

interface Outcome {
  status: number | null;
  outcome: string;
  model: string | null;
  stream: boolean;
  requestId: string | null;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The key from `x-api-key`, or from a Bearer token on the API versions that take one. */
function apiKeyOf(req: IncomingMessage, version: string | undefined): string | undefined {
  const fromHeader = header(req, 'x-api-key');
  if (fromHeader) return fromHeader;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  return bearer && version !== undefined && BEARER_KEY_VERSIONS.includes(version) ? bearer[1] : undefined;
}

function latencyOf(phase: Phase, fault: PickedFault, random: () => number): number {
  let ms = fault.latencyMs ?? 0;
  if (typeof phase.latencyMs === 'number') ms += phase.latencyMs;
  else if (phase.latencyMs) ms += phase.latencyMs.min + random() * (phase.latencyMs.max - phase.latencyMs.min);
  return ms;
}

function paged(searchParams: URLSearchParams): { ok: true; page: object } | { ok: false; error: ErrorAnswer } {
  const limitRaw = searchParams.get('limit');
  const limit = limitRaw === null ? 20 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { ok: false, error: json(400, 'invalid_request_error', 'limit: Input should be an integer from 1 to 1000') };
  const afterId = searchParams.get('after_id');
  const beforeId = searchParams.get('before_id');
  let models = [...SIM_MODELS];
  if (afterId !== null) {
    const at = models.findIndex((m) => m.id === afterId);
    models = at < 0 ? [] : models.slice(at + 1);
  } else if (beforeId !== null) {
    const at = models.findIndex((m) => m.id === beforeId);
    models = at < 0 ? [] : models.slice(Math.max(0, at - limit), at);
  }
  const page = afterId === null && beforeId !== null ? models : models.slice(0, limit);
  const hasMore = beforeId !== null ? SIM_MODELS.findIndex((m) => m.id === page[0]?.id) > 0 : models.length > page.length;
  return {
    ok: true,
    page: {
      data: page.map((m) => ({ type: 'model', ...m })),
      has_more: hasMore,
      first_id: page[0]?.id ?? null,
      last_id: page[page.length - 1]?.id ?? null,
    },
  };
}

export class ApiHandler {
  constructor(private readonly ctx: ApiContext) {}

  /** Answers one API request; resolves when the answer is written (or abandoned, for a hang). */
  async handle(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<Outcome> {
    const { state } = this.ctx;
    const method = req.method ?? 'GET';
    state.count(method, servedPath(url.pathname));
    const requestId = newId('req_011C');
    const version = header(req, 'anthropic-version');
    const apiKey = apiKeyOf(req, version);
    const base = (extra: Partial<Outcome>): Outcome => ({ status: null, outcome: 'ok', model: null, stream: false, requestId, ...extra });

    const route = apiRouteOf(method, url.pathname);
    if (!route) return this.sendError(res, json(404, 'not_found_error', 'Not Found'), requestId, undefined, base({ outcome: 'not_found' }));
    if (!apiKey) return this.sendError(res, json(401, 'authentication_error', 'x-api-key header is required'), requestId, undefined, base({ outcome: 'no_key' }));
    if ((this.ctx.requiredApiKey !== undefined && apiKey !== this.ctx.requiredApiKey) || apiKey.startsWith('sk-ant-invalid')) {
      return this.sendError(res, json(401, 'authentication_error', 'invalid x-api-key'), requestId, undefined, base({ outcome: 'invalid_key' }));
    }
    if (!version) return this.sendError(res, json(400, 'invalid_request_error', 'anthropic-version: header is required'), requestId, apiKey, base({ outcome: 'no_version' }));
    if (!SUPPORTED_VERSIONS.includes(version)) {
      return this.sendError(res, json(400, 'invalid_request_error', `anthropic-version: invalid version "${version.slice(0, 40)}"`), requestId, apiKey, base({ outcome: 'bad_version' }));
    }

    let model: string | null = null;
    let stream = false;
    let maxTokens = 1;
    let inputTokens = 1;
    if (route === 'messages' || route === 'count_tokens') {
      const parsed = parseJsonBody(body);
      if (!parsed.ok) return this.sendError(res, parsed.error, requestId, apiKey, base({ outcome: 'invalid_json' }));
      if (route === 'messages') {
        const validated = validateMessagesRequest(parsed.value);
        if (!validated.ok) return this.sendError(res, validated.error, requestId, apiKey, base({ outcome: 'invalid_request' }));
        ({ model, inputTokens, stream, maxTokens } = validated.value);
      } else {
        const validated = validateCountTokensRequest(parsed.value);
        if (!validated.ok) return this.sendError(res, validated.error, requestId, apiKey, base({ outcome: 'invalid_request' }));
        ({ model, inputTokens } = validated.value);
      }
    } else if (route === 'model') {
      model = modelIdOf(url.pathname);
    }

    const phase = state.position().api.phase;
    const fault = state.picker.pick(phase, url.pathname, model);
    const latency = latencyOf(phase, fault, Math.random);
    if (latency > 0) await this.ctx.sleep(latency);
    const outcome = (extra: Partial<Outcome>) => base({ model, stream, outcome: fault.kind, ...extra });

    switch (fault.kind) {
      case 'hang':
        return outcome({});
      case 'reset':
        return this.sendReset(res, route, stream, requestId, outcome({ status: 200 }));
      case 'stream_overloaded':
        if (stream && route === 'messages') return this.sendStream(res, model!, maxTokens, inputTokens, requestId, apiKey, fault, outcome({ status: 200 }));
        return this.sendError(res, this.withOptions(faultAnswer('overloaded', undefined)!, fault), requestId, apiKey, outcome({ status: 529 }));
      case 'ok':
        break;
      default: {
        const answer = this.withOptions(faultAnswer(fault.kind, fault.retryAfterSeconds)!, fault);
        return this.sendError(res, answer, requestId, apiKey, outcome({ status: answer.status }));
      }
    }

    // The capacity model: beyond N in flight, an overload; an admitted request holds its slot while served.
    const capacity = route === 'messages' ? state.capacityIn(phase) : undefined;
    const slot = capacity ? state.capacityGate.admit(capacity, apiKey, state.clock.now()) : undefined;
    if (slot && !slot.admitted) {
      const answer =
        slot.reason === 'over_capacity'
          ? faultAnswer('overloaded', undefined)!
          : json(429, 'rate_limit_error', RATE_LIMIT_MESSAGE, { shouldRetry: true, retryAfterSeconds: slot.retryAfterSeconds });
      return this.sendError(res, answer, requestId, apiKey, outcome({ status: answer.status, outcome: slot.reason }));
    }
    try {
      if (slot && slot.serviceTimeMs > 0) await this.ctx.sleep(slot.serviceTimeMs);
      return this.answer(res, route, url, requestId, apiKey, model, stream, maxTokens, inputTokens, outcome);
    } finally {
      if (slot) slot.leave();
    }
  }

  /** A healthy answer, unless the key's own rate-limit buckets are empty. */
  private answer(
    res: ServerResponse,
    route: Route,
    url: URL,
    requestId: string,
    apiKey: string,
    model: string | null,
    stream: boolean,
    maxTokens: number,
    inputTokens: number,
    outcome: (extra: Partial<Outcome>) => Outcome,
  ): Outcome {
    const { state } = this.ctx;
    const admission = state.rateLimiter.admit(apiKey, route === 'messages' ? inputTokens : 0, state.clock.now());
    if (!admission.admitted) {
      const answer = json(429, 'rate_limit_error', RATE_LIMIT_MESSAGE, { shouldRetry: true, retryAfterSeconds: admission.retryAfterSeconds });
      return this.sendError(res, answer, requestId, apiKey, outcome({ status: 429, outcome: 'rate_limited_by_bucket' }));
    }
    switch (route) {
      case 'messages':
        if (stream) return this.sendStream(res, model!, maxTokens, inputTokens, requestId, apiKey, undefined, outcome({ status: 200 }));
        return this.sendMessage(res, model!, maxTokens, inputTokens, requestId, apiKey, outcome({ status: 200 }));
      case 'count_tokens':
        return this.sendJson(res, 200, { input_tokens: inputTokens }, requestId, apiKey, outcome({ status: 200 }));
      case 'models': {
        const result = paged(url.searchParams);
        if (!result.ok) return this.sendError(res, result.error, requestId, apiKey, outcome({ status: 400, outcome: 'invalid_request' }));
        return this.sendJson(res, 200, result.page, requestId, apiKey, outcome({ status: 200 }));
      }
      case 'model': {
        const found = findModel(model!);
        if (!found) return this.sendError(res, json(404, 'not_found_error', `model: ${model}`), requestId, apiKey, outcome({ status: 404, outcome: 'not_found' }));
        return this.sendJson(res, 200, { type: 'model', ...found }, requestId, apiKey, outcome({ status: 200 }));
      }
    }
  }

  private withOptions(answer: ErrorAnswer, fault: PickedFault): ErrorAnswer {
    const adjusted: ErrorAnswer = { ...answer };
    if (fault.shouldRetry === null) delete adjusted.shouldRetry;
    else if (fault.shouldRetry !== undefined) adjusted.shouldRetry = fault.shouldRetry;
    if (fault.retryAfterMs !== undefined) adjusted.retryAfterMs = fault.retryAfterMs;
    return adjusted;
  }

  private commonHeaders(requestId: string | null, apiKey: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { server: 'cloudflare', 'cf-ray': `${newId('', 16).toLowerCase()}-SIM` };
    if (requestId !== null) headers['request-id'] = requestId;
    if (apiKey !== undefined) {
      headers['anthropic-organization-id'] = ORGANIZATION_ID;
      Object.assign(headers, this.ctx.state.rateLimiter.headers(apiKey, this.ctx.state.clock.now()));
    }
    return headers;
  }

  private sendJson(res: ServerResponse, status: number, payload: object, requestId: string, apiKey: string, outcome: Outcome): Outcome {
    const body = JSON.stringify(payload);
    res.writeHead(status, { ...this.commonHeaders(requestId, apiKey), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return outcome;
  }

  private sendError(res: ServerResponse, answer: ErrorAnswer, requestId: string, apiKey: string | undefined, outcome: Outcome): Outcome {
    const edge = answer.fromEdge === true;
    const headers = this.commonHeaders(edge ? null : requestId, edge ? undefined : apiKey);
    if (answer.shouldRetry !== undefined) headers['x-should-retry'] = String(answer.shouldRetry);
    if (answer.retryAfterSeconds !== undefined) headers['retry-after'] = String(answer.retryAfterSeconds);
    if (answer.retryAfterMs !== undefined) headers['retry-after-ms'] = String(answer.retryAfterMs);
    let body = '';
    if (answer.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = errorBody(answer.body.type, answer.body.message, requestId, answer.body.details);
    } else if (answer.body.kind === 'html') {
      headers['content-type'] = 'text/html; charset=UTF-8';
      body = answer.body.html;
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(answer.status, headers);
    res.end(body);
    return { ...outcome, status: answer.status, requestId: edge ? null : requestId };
  }

  private sendMessage(res: ServerResponse, model: string, maxTokens: number, inputTokens: number, requestId: string, apiKey: string, outcome: Outcome): Outcome {
    const reply = buildReply(model, maxTokens, inputTokens);
    this.ctx.state.rateLimiter.chargeOutput(apiKey, reply.outputTokens, this.ctx.state.clock.now());
    return this.sendJson(res, 200, reply.message, requestId, apiKey, outcome);
  }

  private sendStream(
    res: ServerResponse,
    model: string,
    maxTokens: number,
    inputTokens: number,
    requestId: string,
    apiKey: string,
    fault: PickedFault | undefined,
    outcome: Outcome,
  ): Outcome {
    const reply = buildReply(model, maxTokens, inputTokens);
    this.ctx.state.rateLimiter.chargeOutput(apiKey, reply.outputTokens, this.ctx.state.clock.now());
    res.writeHead(200, { ...this.commonHeaders(requestId, apiKey), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const events = [...streamHead(reply)];
    if (!fault) {
      events.push(...streamContent(reply), ...streamTail(reply));
    } else {
      // The real API sends the overload as an SSE error event after a 200 status.
      if (fault.streamStage !== 'before_content') events.push(...streamContent(reply).slice(0, 3));
      events.push(streamOverloadedEvent());
    }
    res.end(events.map(formatSse).join(''));
    return outcome;
  }

  /** A connection that dies part-way through the body, after a 200 status line. */
  private sendReset(res: ServerResponse, route: Route, stream: boolean, requestId: string, outcome: Outcome): Outcome {
    const full = stream ? '' : JSON.stringify(buildReply('claude-haiku-4-5', 16, 8).message);
    const headers: Record<string, string> = { 'request-id': requestId };
    if (stream && route === 'messages') {
      headers['content-type'] = 'text/event-stream; charset=utf-8';
      res.writeHead(200, headers);
      res.write(formatSse(streamHead(buildReply('claude-haiku-4-5', 16, 8))[0]!));
    } else {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(full));
      res.writeHead(200, headers);
      res.write(full.slice(0, Math.floor(full.length / 2)));
    }
    // Let the partial body reach the wire before the connection is torn down.
    setImmediate(() => res.socket?.destroy());
    return outcome;
  }
}

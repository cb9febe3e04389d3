// One probe round through the official SDK with maxRetries 0, so every raw 529
// and 429 is seen rather than retried away. The SDK is loaded on first use
// only (the build rewrites this import to a bundle of its own), which keeps
// activation cheap when probing is off or no key is set.
import { systemStopwatch, type Clock, type Stopwatch } from '../clock';
import { DEFAULT_PROBE_MODEL, type ProbeMode } from '../settings';
import { classifyError, classifySuccess, classifyUnexpected, type Classification } from './classify';
import { redactSecrets } from '../net/redact';
import { BodyTooLargeError, readTextBounded } from '../net/bounded-body';
import { loadOnce } from '../net/load-once';
import type { FetchLike } from '../net/node-fetch';
import { guardErrorBodies } from './error-body-guard';
import type { ProbeResult } from './types';
import { english, type Translate } from '../l10n';

const importSdk = () => import('@anthropic-ai/sdk');
type SdkModule = Awaited<ReturnType<typeof importSdk>>;
type Client = InstanceType<SdkModule['Anthropic']>;

/** Loads the SDK once; a failed load is retried on the next call. */
export const loadSdk: () => Promise<SdkModule> = loadOnce(importSdk);

export interface ProbeRequest {
  mode: ProbeMode;
  /** message: every model is probed; count_tokens: the first; models: none. */
  models: readonly string[];
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  /** Proxy-aware transport (createNodeFetch). */
  fetch: FetchLike;
  clock: Clock;
  stopwatch?: Stopwatch;
  /** Cancels the round (the monitor is being disposed). */
  signal?: AbortSignal;
  /** The language of the results' messages (the tooltip and the CLI show them); default English. */
  t?: Translate;
}

/** An API answer to a probe is a few hundred bytes; the cap is the status page's, far above it. */
export const PROBE_MAX_BYTES = 2 * 1024 * 1024;

const PROMPT = [{ role: 'user' as const, content: 'ping' }];

interface Answer {
  response: Response;
  /** Set when a 200 did not carry what the API sends (a captive portal's page, say). */
  unexpected?: string;
}

function contentTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads a JSON answer and checks it has the field the API always sends. */
async function checkJson(response: Response, field: string, t: Translate): Promise<Answer> {
  const type = contentTypeOf(response);
  let text: string;
  try {
    text = await readTextBounded(response, PROBE_MAX_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return { response, unexpected: t`HTTP ${response.status} with ${error.message} (not an API answer)` };
  }
  if (!type.includes('json')) {
    return { response, unexpected: t`HTTP ${response.status} with ${type ? t`a ${type} body` : t`no content type`} instead of JSON (a captive portal or proxy?)` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { response, unexpected: t`HTTP ${response.status} with malformed JSON (${text.length} characters; truncated?)` };
  }
  const valid = typeof body === 'object' && body !== null && field in body;
  return valid ? { response } : { response, unexpected: t`HTTP ${response.status} with JSON that is not an API answer (no "${field}")` };
}

async function call(client: Client, mode: ProbeMode, model: string | undefined, signal: AbortSignal, t: Translate): Promise<Answer> {
  switch (mode) {
    case 'models':
      return checkJson(await client.models.list({ limit: 1 }, { signal }).asResponse(), 'data', t);
    case 'count_tokens':
      return checkJson(await client.messages.countTokens({ model: model ?? '', messages: PROMPT }, { signal }).asResponse(), 'input_tokens', t);
    case 'message': {
      // Streaming, so an overload that arrives as an `event: error` after a 200 is seen too.
      const { data, response } = await client.messages
        .create({ model: model ?? '', max_tokens: 1, messages: PROMPT, stream: true }, { signal })
        .withResponse();
      let events = 0;
      for await (const event of data) if (event) events++;
      if (contentTypeOf(response) !== 'text/event-stream' || events === 0) {
        return { response, unexpected: t`HTTP ${response.status} without an event stream (a captive portal or proxy?)` };
      }
      return { response };
    }
  }
}

async function probeOnce(client: Client, request: ProbeRequest, model: string | undefined): Promise<ProbeResult> {
  const stopwatch = request.stopwatch ?? systemStopwatch;
  const at = request.clock.now();
  const started = stopwatch.now();
  const t = request.t ?? english;
  const controller = new AbortController();
  let deadlineHit = false;
  // Real time on purpose: this bounds real I/O. The SDK's own timeout stops at the headers.
  const deadline = setTimeout(() => {
    deadlineHit = true;
    controller.abort();
  }, request.timeoutMs);
  const cancel = () => controller.abort();
  request.signal?.addEventListener('abort', cancel, { once: true });
  let classification: Classification;
  try {
    const answer = await call(client, request.mode, model, controller.signal, t);
    classification =
      deadlineHit ? classifyError(undefined, { nowMs: request.clock.now(), deadlineHit, timeoutMs: request.timeoutMs, t })
      : answer.unexpected ? classifyUnexpected(answer.response.status, answer.response.headers, answer.unexpected, request.clock.now())
      : classifySuccess(answer.response.status, answer.response.headers, request.clock.now(), t);
  } catch (error) {
    classification = classifyError(error, { nowMs: request.clock.now(), deadlineHit, timeoutMs: request.timeoutMs, t });
  } finally {
    clearTimeout(deadline);
    request.signal?.removeEventListener('abort', cancel);
  }
  const result: ProbeResult = {
    mode: request.mode,
    ...classification,
    at,
    latencyMs: Math.max(0, Math.round(stopwatch.now() - started)),
    message: redactSecrets(classification.message, [request.apiKey]),
  };
  if (model !== undefined) result.model = model;
  dropEchoedKey(result, request.apiKey);
  return result;
}

/**
 * The server's own words kept in a result (its request id, error type and
 * code) are checked for the key like the message is: a proxy or gateway that
 * echoes the request's headers back would otherwise put it in the result. A
 * value carrying it is not what it claims to be, so it is left out.
 */
function dropEchoedKey(result: ProbeResult, apiKey: string): void {
  for (const field of ['requestId', 'errorType', 'errorCode'] as const) {
    const value = result[field];
    if (value !== undefined && redactSecrets(value, [apiKey]) !== value) delete result[field];
  }
}

/** Runs one round: one result, or one per model in message mode. Never rejects for network reasons. */
export async function runProbe(request: ProbeRequest): Promise<ProbeResult[]> {
  const { Anthropic } = await loadSdk();
  const client = new Anthropic({
    apiKey: request.apiKey,
    baseURL: request.baseUrl,
    maxRetries: 0,
    timeout: request.timeoutMs,
    // Overly deep error bodies are flattened before the SDK formats them (it would throw).
    fetch: guardErrorBodies(request.fetch),
    logLevel: 'off',
  });
  const targets: (string | undefined)[] =
    request.mode === 'models' ? [undefined]
    : request.mode === 'count_tokens' ? [request.models[0] ?? DEFAULT_PROBE_MODEL]
    : [...request.models];
  return Promise.all(targets.map((model) => probeOnce(client, request, model)));
}

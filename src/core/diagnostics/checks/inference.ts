// One tiny billed message (max_tokens 1, streamed so an overload that arrives
// after the 200 is seen too): the only request that goes down the inference
// path where 529s happen. Off unless the user enabled message probes or
// confirmed the cost.
import { classifyError } from '../../probe/classify';
import { describeNetworkCode } from '../../net/network-error';
import { innerBudget, seconds, type CheckContext, type CheckDefinition } from '../check';
import { apiErrorOf, apiUrl, isJson, requestIdText } from '../net/api-answer';
import { rawRequest, type RawAnswer } from '../net/raw-request';
import type { CheckOutcome, JsonObject } from '../types';
import { keyHeaders, keyNotSendable } from './auth';

export const INFERENCE_NOT_ENABLED = 'not enabled: costs about 10 input tokens; enable message probes or confirm';
/** The same, said the way the CLI turns it on. */
export const INFERENCE_NOT_ENABLED_CLI = 'not enabled: costs about 10 input tokens; pass --inference to send it';

/** The data of the first `event: error` in an SSE body, if any. */
export function streamErrorOf(body: string): unknown {
  const events = body.split(/\r?\n\r?\n/);
  for (const event of events) {
    const lines = event.split(/\r?\n/);
    if (!lines.some((line) => /^event:\s*error\s*$/.test(line))) continue;
    const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
    try {
      return JSON.parse(data);
    } catch {
      return { error: { type: 'api_error', message: 'unreadable error event' } };
    }
  }
  return undefined;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headersOf(answer: RawAnswer): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    try {
      headers.set(name, value);
    } catch {
      // A header that fetch's Headers refuses is not one the classification reads.
    }
  }
  return headers;
}

function judge(context: CheckContext, model: string, answer: RawAnswer): CheckOutcome {
  const rid = requestIdText(answer);
  const nowMs = context.clock.now();
  const data: JsonObject = { model, status: answer.status, headersMs: answer.headersMs, totalMs: answer.totalMs };
  const streamError = answer.status === 200 ? streamErrorOf(answer.body) : undefined;
  if (answer.status === 200 && streamError === undefined) {
    if (!/event:\s*message_stop/.test(answer.body) && !answer.truncated) {
      return {
        status: 'warn',
        detail: `${model} answered 200 but the stream ended without message_stop, ${rid}`,
        hint: 'The stream was cut short: a proxy that buffers or closes event streams; check its timeouts for text/event-stream.',
        data,
      };
    }
    return { status: 'pass', detail: `${model} answered in ${seconds(answer.totalMs)} (first byte ${seconds(answer.headersMs)}), ${rid}`, data };
  }
  const error =
    streamError !== undefined ?
      { name: 'APIError', error: streamError, headers: headersOf(answer) }
    : { status: answer.status, headers: headersOf(answer), error: isJson(answer) ? parseOrUndefined(answer.body) : undefined };
  const c = classifyError(error, { nowMs, deadlineHit: false, timeoutMs: innerBudget(context) });
  data.outcome = c.outcome;
  data.errorType = c.errorType ?? null;
  const message = apiErrorOf(answer.body)?.message;
  switch (c.outcome) {
    case 'overloaded':
      return {
        status: 'fail',
        detail: `${model}: ${c.message}, ${rid}`,
        hint: 'Anthropic is overloaded right now (not your setup): retry with exponential backoff (the SDKs retry 529 twice by default; insert a retry wrapper for more), or fall back to another model for a while.',
        data,
        headline: `Anthropic is overloaded right now (529 from ${model})`,
      };
    case 'rate_limited':
      return c.spendLimit ?
          { status: 'fail', detail: `${model}: ${c.message}, ${rid}`, hint: 'Raise the spend limit in the Console (Settings > Limits).', data, headline: 'The spend limit is reached' }
        : {
            status: 'warn',
            detail: `${model}: ${c.message}, ${rid}`,
            hint: 'Wait for the limit to refill and honour retry-after in your code; see the rate-limits check.',
            data,
          };
    case 'bad_request':
      return {
        status: 'fail',
        detail: `${model}: HTTP ${answer.status}${message ? ` "${message}"` : ''}, ${rid}`,
        hint: answer.status === 404 ? `The model ${model} is not available to this key: pick one from the models list (GET /v1/models).` : 'The request was refused: check the model name and the base URL.',
        data,
      };
    case 'auth_error':
      return { status: 'fail', detail: `${model}: ${c.message}, ${rid}`, hint: 'See the authentication check.', data };
    default:
      return {
        status: 'fail',
        detail: `${model}: ${c.message}, ${rid}`,
        hint: 'A server-side error: see the status page check and run the diagnostics again in a minute.',
        data,
      };
  }
}

async function checkInference(context: CheckContext): Promise<CheckOutcome> {
  const model = context.plan.inferenceModel!;
  const body = JSON.stringify({ model, max_tokens: 1, stream: true, messages: [{ role: 'user', content: 'ping' }] });
  const result = await rawRequest(context, {
    url: apiUrl(context.plan.baseUrl, '/v1/messages'),
    method: 'POST',
    headers: { ...keyHeaders(context.input.apiKey ?? ''), 'content-type': 'application/json', accept: 'text/event-stream' },
    body,
    timeoutMs: innerBudget(context),
    signal: context.signal,
  });
  if (!result.ok) {
    if (result.timedOut) {
      return {
        status: 'fail',
        detail: `no complete answer from ${model} within ${seconds(result.ms)}`,
        hint: 'The inference path hangs: see the status page check; if it is green, a proxy may be buffering event streams.',
        headline: `Inference hangs: ${model} does not answer`,
      };
    }
    return {
      status: 'fail',
      detail: `POST /v1/messages failed: ${result.code ? `${result.code} (${describeNetworkCode(result.code)})` : result.message.slice(0, 160)}`,
      hint: 'See the network checks above.',
    };
  }
  return judge(context, model, result.answer);
}

export const inferenceCheck: CheckDefinition = {
  id: 'inference',
  title: 'Inference',
  needs: ['config', 'tcp', 'tls', 'proxy'],
  timeoutMs: 20_000,
  notApplicable: (plan, input) => (plan.inferenceModel === undefined ? { status: 'skip', detail: input.surface === 'cli' ? INFERENCE_NOT_ENABLED_CLI : INFERENCE_NOT_ENABLED } : keyNotSendable(plan, input.apiKey)),
  run: checkInference,
  timedOut: (ms, context) => ({
    status: 'fail',
    detail: `no complete answer from ${context.plan.inferenceModel ?? 'the model'} within ${seconds(ms)}`,
    hint: 'The inference path hangs: see the status page check; if it is green, a proxy may be buffering event streams.',
    headline: 'Inference hangs',
  }),
};

// One tiny billed message (max_tokens 1, streamed so an overload that arrives
// after the 200 is seen too): the only request that goes down the inference
// path where 529s happen. Off unless the user enabled message probes or
// confirmed the cost.
import { english, type Translate } from '../../l10n';
import { classifyError } from '../../probe/classify';
import { describeNetworkCode } from '../../net/network-error';
import { innerBudget, seconds, type CheckContext, type CheckDefinition } from '../check';
import { apiErrorOf, apiUrl, isJson, requestIdText } from '../net/api-answer';
import { rawRequest, type RawAnswer } from '../net/raw-request';
import type { CheckOutcome, JsonObject, ReportSurface } from '../types';
import { keyHeaders, keyNotSendable } from './auth';

export function inferenceNotEnabled(surface: ReportSurface | undefined, t: Translate): string {
  return surface === 'cli' ? t`not enabled: costs about 10 input tokens; pass --inference to send it` : t`not enabled: costs about 10 input tokens; enable message probes or confirm`;
}

export const INFERENCE_NOT_ENABLED = inferenceNotEnabled('editor', english);
/** The same, said the way the CLI turns it on. */
export const INFERENCE_NOT_ENABLED_CLI = inferenceNotEnabled('cli', english);

/** The data of the first `event: error` in an SSE body, if any. */
export function streamErrorOf(body: string, t: Translate): unknown {
  const events = body.split(/\r?\n\r?\n/);
  for (const event of events) {
    const lines = event.split(/\r?\n/);
    if (!lines.some((line) => /^event:\s*error\s*$/.test(line))) continue;
    const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
    try {
      return JSON.parse(data);
    } catch {
      return { error: { type: 'api_error', message: t`unreadable error event` } };
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
  const { t } = context;
  const rid = requestIdText(answer);
  const nowMs = context.clock.now();
  const data: JsonObject = { model, status: answer.status, headersMs: answer.headersMs, totalMs: answer.totalMs };
  const streamError = answer.status === 200 ? streamErrorOf(answer.body, t) : undefined;
  if (answer.status === 200 && streamError === undefined) {
    if (!/event:\s*message_stop/.test(answer.body) && !answer.truncated) {
      return {
        status: 'warn',
        detail: t`${model} answered 200 but the stream ended without message_stop, ${rid}`,
        hint: t`The stream was cut short: a proxy that buffers or closes event streams; check its timeouts for text/event-stream.`,
        data,
      };
    }
    return { status: 'pass', detail: t`${model} answered in ${seconds(answer.totalMs)} (first byte ${seconds(answer.headersMs)}), ${rid}`, data };
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
        hint: t`Anthropic is overloaded right now (not your setup): retry with exponential backoff (the SDKs retry 529 twice by default; insert a retry wrapper for more), or fall back to another model for a while.`,
        data,
        headline: t`Anthropic is overloaded right now (529 from ${model})`,
      };
    case 'rate_limited':
      return c.spendLimit ?
          { status: 'fail', detail: `${model}: ${c.message}, ${rid}`, hint: t`Raise the spend limit in the Console (Settings > Limits).`, data, headline: t`The spend limit is reached` }
        : {
            status: 'warn',
            detail: `${model}: ${c.message}, ${rid}`,
            hint: t`Wait for the limit to refill and honour retry-after in your code; see the rate-limits check.`,
            data,
          };
    case 'bad_request':
      return {
        status: 'fail',
        detail: `${model}: HTTP ${answer.status}${message ? ` "${message}"` : ''}, ${rid}`,
        hint: answer.status === 404 ? t`The model ${model} is not available to this key: pick one from the models list (GET /v1/models).` : t`The request was refused: check the model name and the base URL.`,
        data,
      };
    case 'auth_error':
      return { status: 'fail', detail: `${model}: ${c.message}, ${rid}`, hint: t`See the authentication check.`, data };
    default:
      return {
        status: 'fail',
        detail: `${model}: ${c.message}, ${rid}`,
        hint: t`A server-side error: see the status page check and run the diagnostics again in a minute.`,
        data,
      };
  }
}

async function checkInference(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
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
        detail: t`no complete answer from ${model} within ${seconds(result.ms)}`,
        hint: t`The inference path hangs: see the status page check; if it is green, a proxy may be buffering event streams.`,
        headline: t`Inference hangs: ${model} does not answer`,
      };
    }
    return {
      status: 'fail',
      detail: t`POST /v1/messages failed: ${result.code ? `${result.code} (${describeNetworkCode(result.code, t)})` : result.message.slice(0, 160)}`,
      hint: t`See the network checks above.`,
    };
  }
  return judge(context, model, result.answer);
}

export const inferenceCheck: CheckDefinition = {
  id: 'inference',
  title: (t) => t`Inference`,
  needs: ['config', 'tcp', 'tls', 'proxy'],
  timeoutMs: 20_000,
  notApplicable: (plan, input, t) => (plan.inferenceModel === undefined ? { status: 'skip', detail: inferenceNotEnabled(input.surface, t) } : keyNotSendable(plan, input.apiKey, t)),
  run: checkInference,
  timedOut: (ms, context) => ({
    status: 'fail',
    detail: context.t`no complete answer from ${context.plan.inferenceModel ?? context.t`the model`} within ${seconds(ms)}`,
    hint: context.t`The inference path hangs: see the status page check; if it is green, a proxy may be buffering event streams.`,
    headline: context.t`Inference hangs`,
  }),
};

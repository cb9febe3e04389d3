// GET /v1/models with the key (x-api-key, anthropic-version 2023-06-01, which
// every API version and gateway accepts): is the key accepted, and if not,
// which of the API's reasons applies. The request-id goes in the report.
import type { Translate } from '../../l10n';
import { describeNetworkCode } from '../../net/network-error';
import { SPEND_LIMIT_ERROR_CODE } from '../../probe/types';
import { parseRetryAfter } from '../../headers';
import { innerBudget, seconds, type CheckContext, type CheckDefinition } from '../check';
import { apiErrorOf, apiUrl, isJson, requestIdOf, requestIdText, type ApiError } from '../net/api-answer';
import { rawRequest, type RawAnswer } from '../net/raw-request';
import type { Plan } from '../plan';
import type { CheckOutcome, JsonObject } from '../types';
import { BEARER_API_VERSION, DIAGNOSTICS_API_VERSION } from './config';

const sentAs = (t: Translate) => t`sent as x-api-key with anthropic-version ${DIAGNOSTICS_API_VERSION}`;

export function keyHeaders(key: string): Record<string, string> {
  return { 'x-api-key': key, 'anthropic-version': DIAGNOSTICS_API_VERSION, accept: 'application/json', 'user-agent': 'claude-health-diagnostics' };
}

/** Why a key may not be sent: none, or a plain-http origin the user has not allowed. */
export function keyNotSendable(plan: Plan, key: string | undefined, t: Translate): CheckOutcome | undefined {
  if (!key) return { status: 'skip', detail: t`no API key to check (see the configuration check)` };
  if (!plan.keySending.send) return { status: 'skip', detail: t`the key is not sent: ${plan.keySending.reason}` };
  return undefined;
}

function unauthorized(error: ApiError | undefined, context: CheckContext, answer: RawAnswer): { detail: string; hint: string; headline: string } {
  const { t } = context;
  const message = error?.message ?? '';
  const source = context.input.apiKeySource ? t` (the key from ${context.input.apiKeySource})` : '';
  if (/x-api-key header is required|missing/i.test(message)) {
    return {
      detail: t`401: the server says no key arrived ("${message}"), though one was ${sentAs(t)}`,
      hint: t`Something between here and the API strips the x-api-key header: a proxy or gateway. Check its header policy, or what the gateway expects instead.`,
      headline: t`Auth fails: the key does not reach the API (a proxy strips it)`,
    };
  }
  if (/oauth/i.test(message)) {
    return {
      detail: `401: "${message}"`,
      hint: t`An OAuth token is not an API key: create an API key in the Console (console.anthropic.com, Settings > API keys) and store that.`,
      headline: t`Auth fails: an OAuth token is used instead of an API key`,
    };
  }
  if (/bearer|authorization/i.test(message)) {
    return {
      detail: t`401: "${message}": this endpoint wants the key as Authorization: Bearer`,
      hint: t`With anthropic-version ${DIAGNOSTICS_API_VERSION} the key goes in x-api-key; Authorization: Bearer is only for ${BEARER_API_VERSION} (what SDKs from 1.0 send). A gateway that insists on Bearer needs its own docs checked.`,
      headline: t`Auth fails: the server wants the key as a Bearer token`,
    };
  }
  if (/invalid/i.test(message)) {
    return {
      detail: t`401: the key${source} was rejected as invalid ("${message}"), ${requestIdText(answer)}`,
      hint: t`The key was revoked, mistyped or belongs to another environment: create a new key in the Console (Settings > API keys) and store it; check which key is in use (SecretStorage or ANTHROPIC_API_KEY).`,
      headline: t`Auth fails: the API key is invalid`,
    };
  }
  return {
    detail: `401${message ? `: "${message}"` : ''}, ${requestIdText(answer)}`,
    hint: t`Check the key in the Console (Settings > API keys) and store a working one.`,
    headline: t`Auth fails: the key is not accepted`,
  };
}

function judge(context: CheckContext, answer: RawAnswer): CheckOutcome {
  const { t } = context;
  const error = isJson(answer) ? apiErrorOf(answer.body) : undefined;
  const requestId = requestIdOf(answer);
  const rid = requestIdText(answer);
  const notes = [t`GET /v1/models?limit=1, key ${sentAs(t)}: HTTP ${answer.status} in ${seconds(answer.headersMs)}; ${rid}.`];
  if (answer.headers['anthropic-organization-id']) notes.push(`Organization: ${answer.headers['anthropic-organization-id']}.`);
  const data: JsonObject = {
    status: answer.status,
    requestId: requestId ?? null,
    errorType: error?.type ?? null,
    errorMessage: error?.message ?? null,
    authHeader: 'x-api-key',
    anthropicVersion: DIAGNOSTICS_API_VERSION,
  };
  const base = { notes, data };
  const status = answer.status;
  if (status >= 200 && status < 300) {
    if (!isJson(answer)) {
      return {
        status: 'warn',
        detail: t`HTTP ${status} but not JSON (${answer.headers['content-type'] ?? t`no content type`}): something other than the API answered`,
        hint: t`A captive portal or proxy page answers instead of the API: open a web page in a browser to sign in, or check the base URL.`,
        ...base,
        headline: t`Auth: something other than the API answers`,
      };
    }
    return { status: 'pass', detail: t`key accepted (HTTP ${status}, key ${sentAs(t)}), ${rid}`, ...base };
  }
  if (status === 401) return { status: 'fail', ...unauthorized(error, context, answer), ...base };
  if (status === 403) {
    return {
      status: 'fail',
      detail: t`403 ${error?.type ?? ''}: the key is valid but not allowed${error?.message ? ` ("${error.message}")` : ''}, ${rid}`.replace('403 :', '403:'),
      hint: t`The organisation or workspace of this key is disabled or restricted, or the request comes from a region or network that is not allowed: check the Console, or ask your organisation's admin.`,
      ...base,
      headline: t`Auth fails: the key is not allowed (403)`,
    };
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(answer.headers, context.clock.now());
    if (error?.errorCode === SPEND_LIMIT_ERROR_CODE) {
      return {
        status: 'fail',
        detail: t`429: the organisation's spend limit is reached, ${rid}`,
        hint: t`Retrying cannot help: raise the spend limit in the Console (Settings > Limits), or wait for the next billing period.`,
        ...base,
        headline: t`The spend limit is reached: requests are refused until it is raised`,
      };
    }
    return {
      status: 'warn',
      detail: t`the key works, but requests are rate limited right now (429${retryAfter !== undefined ? t`, retry after ${retryAfter} s` : ''}), ${rid}`,
      hint: t`Wait for the limit to refill (see the rate-limits check); if it happens often, spread requests out or ask for higher limits.`,
      ...base,
    };
  }
  if (status === 404) {
    return {
      status: 'warn',
      detail: t`404 for /v1/models: the base URL ${context.plan.baseUrl.href} does not serve the models list, so the key could not be checked this way, ${rid}`,
      hint: t`Check the base URL path (it should be the part before /v1); a gateway that only proxies /v1/messages needs the inference check instead.`,
      ...base,
    };
  }
  if (status === 400) {
    return {
      status: 'fail',
      detail: `400${error?.message ? `: "${error.message}"` : ''}, ${rid}`,
      hint: t`The server rejected the request shape (a gateway with other expectations?): check the base URL.`,
      ...base,
    };
  }
  if (status >= 500) {
    const fromApi = requestId !== undefined && isJson(answer);
    return {
      status: 'warn',
      detail: fromApi ? t`the API answered ${status}${error?.type ? ` ${error.type}` : ''}: the key could not be judged, ${rid}` : t`HTTP ${status} without the API's JSON or request-id: a proxy or CDN answered`,
      hint: fromApi ? t`A problem on Anthropic's side: see the status page check, and run the diagnostics again in a minute.` : t`A proxy or CDN in between failed: see the proxy and HTTP checks.`,
      ...base,
    };
  }
  return {
    status: 'fail',
    detail: `HTTP ${status}${error?.message ? `: "${error.message}"` : ''}, ${rid}`,
    hint: t`Unexpected answer for /v1/models: check the base URL.`,
    ...base,
  };
}

async function checkAuth(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const key = context.input.apiKey ?? '';
  const result = await rawRequest(context, {
    url: apiUrl(context.plan.baseUrl, '/v1/models?limit=1'),
    method: 'GET',
    headers: keyHeaders(key),
    timeoutMs: innerBudget(context),
    signal: context.signal,
  });
  if (!result.ok) {
    const code = result.code;
    return {
      status: 'fail',
      detail: result.timedOut ? t`no answer to GET /v1/models within ${seconds(result.ms)}` : t`GET /v1/models failed: ${code ? `${code} (${describeNetworkCode(code, t)})` : result.message.slice(0, 160)}`,
      hint: t`The key could not be checked because the request did not complete: see the network checks above.`,
      headline: result.timedOut ? t`Auth fails: the API does not answer` : t`Auth fails: ${code ?? t`the request failed`}`,
    };
  }
  context.facts.authAnswer = { status: result.answer.status, headers: result.answer.headers, receivedAt: result.answer.receivedAt };
  return judge(context, result.answer);
}

export const authCheck: CheckDefinition = {
  id: 'auth',
  title: (t) => t`Authentication`,
  needs: ['config', 'tcp', 'tls', 'proxy'],
  timeoutMs: 10_000,
  notApplicable: (plan, input, t) => keyNotSendable(plan, input.apiKey, t),
  run: checkAuth,
  timedOut: (ms, { t }) => ({
    status: 'fail',
    detail: t`no answer to GET /v1/models within ${seconds(ms)}`,
    hint: t`The API or something in front of it holds the request: see the HTTP check and the status page.`,
    headline: t`Auth fails: the API does not answer`,
  }),
};

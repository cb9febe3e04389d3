// A plain GET of the base URL, without the key: does anything answer over
// HTTP at all, in which HTTP version, and who (server, cf-ray, via headers).
import { describeNetworkCode } from '../../net/network-error';
import { innerBudget, seconds, type CheckContext, type CheckDefinition } from '../check';
import { rawRequest, type RawAnswer } from '../net/raw-request';
import type { CheckOutcome, JsonObject } from '../types';
import type { Translate } from '../../l10n';

const IDENTIFYING_HEADERS = ['server', 'cf-ray', 'via', 'x-cache', 'x-served-by', 'request-id', 'content-type'] as const;

function describeAnswer(answer: RawAnswer, t: Translate): string {
  const who = ['server', 'via']
    .map((name) => (answer.headers[name] ? `${name}: ${answer.headers[name]}` : undefined))
    .filter((part) => part !== undefined);
  return t`HTTP/${answer.httpVersion} ${answer.status}${who.length ? ` (${who.join(', ')})` : ''} in ${seconds(answer.headersMs)}`;
}

export async function checkHttp(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const { plan } = context;
  const url = new URL(plan.baseUrl.href);
  const result = await rawRequest(context, {
    url,
    method: 'GET',
    headers: { accept: '*/*', 'user-agent': 'claude-health-diagnostics' },
    timeoutMs: innerBudget(context),
    signal: context.signal,
    maxBodyBytes: 16 * 1024,
  });
  if (!result.ok) {
    if (result.timedOut) {
      return {
        status: 'fail',
        detail: result.gotHeaders ? t`${url.href} sent headers but its body never ended within ${seconds(result.ms)}` : t`connected, but no HTTP answer from ${url.href} within ${seconds(result.ms)}`,
        hint: t`Something holds the connection without answering: a transparent proxy or firewall, or a server that hangs. Try the URL with curl -v from this machine.`,
        headline: t`HTTP fails: the server never answers`,
      };
    }
    const code = result.code;
    return {
      status: 'fail',
      detail: t`no HTTP answer from ${url.href}: ${code ? `${code} (${describeNetworkCode(code, t)})` : result.message.slice(0, 160)}`,
      hint: code === 'ECONNRESET' ? t`The connection was cut before an answer: a firewall or proxy that closes connections to this host.` : t`See the checks above for the failing layer; try the URL with curl -v from this machine.`,
      headline: t`HTTP fails: ${code ?? t`no answer`}`,
    };
  }
  const answer = result.answer;
  context.facts.httpAnswer = { status: answer.status, headers: answer.headers, receivedAt: answer.receivedAt };
  const notes = IDENTIFYING_HEADERS.filter((name) => answer.headers[name] !== undefined).map((name) => `${name}: ${answer.headers[name]}`);
  const data: JsonObject = {
    url: url.href,
    status: answer.status,
    httpVersion: answer.httpVersion,
    headersMs: answer.headersMs,
    headers: Object.fromEntries(IDENTIFYING_HEADERS.filter((name) => answer.headers[name] !== undefined).map((name) => [name, answer.headers[name]!])),
  };
  const location = answer.headers.location;
  if (answer.status >= 300 && answer.status < 400 && location) {
    let target: URL | undefined;
    try {
      target = new URL(location, url);
    } catch {
      target = undefined;
    }
    if (!target || target.host !== url.host) {
      return {
        status: 'warn',
        detail: t`${describeAnswer(answer, t)}: redirected to ${target?.origin ?? location}`,
        hint: t`A captive portal (hotel or guest Wi-Fi sign-in) or a proxy redirects requests: open any web page in a browser to sign in, or set the base URL to the final address.`,
        notes,
        data,
        headline: t`HTTP is redirected to ${target?.host ?? t`another site`} (captive portal?)`,
      };
    }
  }
  const html = (answer.headers['content-type'] ?? '').includes('html');
  if (plan.officialHost && html && answer.status === 200) {
    return {
      status: 'warn',
      detail: t`${describeAnswer(answer, t)}: an HTML page answered for ${plan.host}, not the API`,
      hint: t`A captive portal or a proxy page answers instead of the API: open a web page in a browser to sign in, or check the proxy.`,
      notes,
      data,
      headline: t`HTTP: an HTML page answers for ${plan.host} (captive portal?)`,
    };
  }
  if (answer.status >= 500 && !answer.headers['request-id']) {
    return {
      status: 'warn',
      detail: t`${describeAnswer(answer, t)} without a request-id: a proxy or CDN answered, not the API`,
      hint: t`Something in between failed to reach the API; if the via/server headers name your proxy, check it, otherwise see the status page check.`,
      notes,
      data,
    };
  }
  return { status: 'pass', detail: t`reachable: ${describeAnswer(answer, t)}`, notes, data };
}

export const httpCheck: CheckDefinition = {
  id: 'http',
  title: (t) => t`HTTP`,
  needs: ['tcp', 'tls', 'proxy'],
  timeoutMs: 10_000,
  run: checkHttp,
  timedOut: (ms, context) => ({
    status: 'fail',
    detail: context.t`no HTTP answer from ${context.plan.baseUrl.href} within ${seconds(ms)}`,
    hint: context.t`Something holds the connection without answering: a transparent proxy or firewall, or a server that hangs.`,
    headline: context.t`HTTP fails: the server never answers`,
  }),
};

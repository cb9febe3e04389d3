// Where the API key goes. The base URL comes from the setting, then
// ANTHROPIC_BASE_URL, then the public API. A plain-http base URL to anything
// but this machine would send the key in clear text, so the key is held back
// until the user allows that origin explicitly. "This machine" is judged on the
// route the request takes: plain http to 127.0.0.1 through a proxy is not local.
import { english, type Translate } from '../l10n';
import { checkHttpUrl, DEFAULT_API_BASE_URL } from '../settings';
import { isLoopbackHost } from './loopback';
import { chooseProxy, type ProxySettings } from './proxy-config';

export { isLoopbackHost };

export type BaseUrlSource = 'setting' | 'environment' | 'default';

export interface ResolvedBaseUrl {
  url: string;
  source: BaseUrlSource;
  /** Set when a configured value was unusable and skipped. */
  problem?: string;
}

export function resolveApiBaseUrl(setting: string | undefined, env: Readonly<Record<string, string | undefined>>, t: Translate = english): ResolvedBaseUrl {
  const problems: string[] = [];
  const candidates: [string | undefined, BaseUrlSource, string][] = [
    [setting, 'setting', 'claudeHealth.apiBaseUrl'],
    [env.ANTHROPIC_BASE_URL, 'environment', 'ANTHROPIC_BASE_URL'],
  ];
  for (const [raw, source, label] of candidates) {
    if (raw === undefined || raw.trim() === '') continue;
    const checked = checkHttpUrl(raw.trim(), t);
    if (checked.ok) return withProblem({ url: checked.url, source }, problems);
    problems.push(t`${label} ${checked.reason}; it is ignored.`);
  }
  return withProblem({ url: DEFAULT_API_BASE_URL, source: 'default' }, problems);
}

function withProblem(resolved: ResolvedBaseUrl, problems: string[]): ResolvedBaseUrl {
  return problems.length ? { ...resolved, problem: problems.join(' ') } : resolved;
}

export type KeySendDecision =
  | { send: true }
  | { send: false; origin: string; reason: string };

/**
 * Whether the key may be sent to `baseUrl`. https anywhere and http to a
 * loopback address reached directly are fine; http elsewhere needs the origin
 * to be in `allowedInsecureOrigins` (the adapter stores the user's explicit
 * consent). `route` is the proxy configuration the transport will use.
 */
export function decideKeySending(baseUrl: string, allowedInsecureOrigins: readonly string[] = [], route: ProxySettings = {}, t: Translate = english): KeySendDecision {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    return { send: false, origin: baseUrl, reason: t`the API base URL ${baseUrl} is not a valid URL` };
  }
  if (parsed.protocol === 'https:') return { send: true };
  if (parsed.protocol !== 'http:') {
    return { send: false, origin: parsed.origin, reason: t`the API base URL must use https:// (got ${parsed.protocol})` };
  }
  const viaProxy = chooseProxy(parsed, route).kind !== 'direct';
  if (isLoopbackHost(parsed.hostname) && !viaProxy) return { send: true };
  if (allowedInsecureOrigins.includes(parsed.origin)) return { send: true };
  if (viaProxy) {
    return {
      send: false,
      origin: parsed.origin,
      reason: t`the API base URL ${parsed.origin} uses plain http:// through a proxy, which would see the API key; the key is not sent there until you allow it`,
    };
  }
  return {
    send: false,
    origin: parsed.origin,
    reason: t`the API base URL ${parsed.origin} uses plain http:// to another machine; the API key is not sent there until you allow it`,
  };
}

// What the run is about, worked out once before any check starts: which URL,
// which host and port, which proxy, whether the key may be sent there, whom to
// trust. Checks read this instead of each re-deriving it from the input.
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { DEFAULT_DNS_SERVERS, DEFAULT_PROBE_MODEL, DEFAULT_STATUS_PAGE_URL, COMPONENT_IDS } from '../settings';
import { decideKeySending, isLoopbackHost, resolveApiBaseUrl, type KeySendDecision } from '../net/base-url';
import { chooseProxy, type ProxyChoice, type ProxySettings } from '../net/proxy-config';
import type { DiagnosticsInput } from './types';
import { translatorFor } from '../l10n';

export type BaseUrlOrigin = 'setting' | 'environment' | 'default';

export interface Plan {
  baseUrl: URL;
  baseUrlOrigin: BaseUrlOrigin;
  /** How the report names the origin: the setting's name, ANTHROPIC_BASE_URL, or "default". */
  baseUrlOriginLabel: string;
  /** A configured value that was unusable and skipped. */
  baseUrlProblem?: string;
  /** Without IPv6 brackets. */
  host: string;
  port: number;
  secure: boolean;
  /** 4 or 6 when the host is an IP literal, else 0. */
  hostIpVersion: 0 | 4 | 6;
  hostIsLoopback: boolean;
  /** The host is Anthropic's own (api.anthropic.com or another *.anthropic.com), not a gateway. */
  officialHost: boolean;
  proxySettings: ProxySettings;
  /** The proxy a request to the base URL goes through. */
  proxy: ProxyChoice;
  keySending: KeySendDecision;
  /** Node's roots plus the input's extra ones, for the proxy tunnel and the status page transport. */
  ca?: string[];
  /** The same trust, parsed once: building it costs milliseconds of CPU per connection otherwise. */
  secureContext?: tls.SecureContext;
  /** VS Code's http.proxyStrictSSL=false lets requests through unverified certificates. */
  strictSSL: boolean;
  lookup: net.LookupFunction;
  dnsServers: readonly string[];
  statusPageUrl: string;
  watchedComponents: readonly string[];
  inferenceModel?: string;
}

export function makePlan(input: DiagnosticsInput): Plan {
  const t = translatorFor(input.locale);
  const resolved = resolveApiBaseUrl(input.apiBaseUrlSetting, input.env, t);
  const baseUrl = new URL(resolved.url);
  const host = baseUrl.hostname.replace(/^\[|\]$/g, '');
  const secure = baseUrl.protocol === 'https:';
  const proxySettings: ProxySettings = { proxyUrl: input.httpProxy, noProxy: input.httpNoProxy, env: input.env };
  const ipVersion = net.isIP(host);
  const label =
    resolved.source === 'setting' ? (input.apiBaseUrlSettingName ?? 'claudeHealth.apiBaseUrl')
    : resolved.source === 'environment' ? 'ANTHROPIC_BASE_URL'
    : 'default';
  const plan: Plan = {
    baseUrl,
    baseUrlOrigin: resolved.source,
    baseUrlOriginLabel: label,
    host,
    port: Number(baseUrl.port) || (secure ? 443 : 80),
    secure,
    hostIpVersion: ipVersion === 4 ? 4 : ipVersion === 6 ? 6 : 0,
    hostIsLoopback: isLoopbackHost(host),
    officialHost: host.toLowerCase() === 'anthropic.com' || host.toLowerCase().endsWith('.anthropic.com'),
    proxySettings,
    proxy: chooseProxy(baseUrl, proxySettings),
    keySending: decideKeySending(resolved.url, input.allowedInsecureOrigins ?? [], proxySettings, t),
    strictSSL: input.httpProxyStrictSSL !== false,
    lookup: input.lookup ?? dns.lookup,
    dnsServers: input.dnsServers ?? DEFAULT_DNS_SERVERS,
    statusPageUrl: input.statusPageUrl?.trim() || DEFAULT_STATUS_PAGE_URL,
    watchedComponents: input.watchedComponents?.length ? input.watchedComponents : [COMPONENT_IDS.claudeApi],
  };
  if (resolved.problem) plan.baseUrlProblem = resolved.problem;
  if (input.ca?.length) {
    plan.ca = [...tls.rootCertificates, ...input.ca];
    plan.secureContext = secureContextFor(input.ca);
  }
  if (input.inference?.enabled) plan.inferenceModel = input.inference.model?.trim() || DEFAULT_PROBE_MODEL;
  return plan;
}

let lastContext: { key: string; context: tls.SecureContext } | undefined;

/**
 * Node's roots plus `extra`, parsed into a context once and reused while the
 * extra certificates stay the same: parsing the ~150 roots takes about 100 ms
 * of CPU, which would otherwise land on every run.
 */
function secureContextFor(extra: readonly string[]): tls.SecureContext {
  const key = extra.join('\n');
  if (lastContext?.key !== key) lastContext = { key, context: tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] }) };
  return lastContext.context;
}

/** `http://user:***@proxy:8080`: a proxy URL safe to show (the password never is). */
export function displayProxy(proxy: URL): string {
  const user = proxy.username ? `${decodeURIComponent(proxy.username)}${proxy.password ? ':***' : ''}@` : '';
  return `${proxy.protocol}//${user}${proxy.host}`;
}

/** A proxy setting as typed by the user, with any password masked; invalid values are shown without credentials. */
export function displayProxySetting(raw: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    return displayProxy(new URL(text));
  } catch {
    return raw.replace(/\/\/[^@/]*@/, '//***@').replace(/^[^/@]*@/, '***@');
  }
}

/** host:port, with brackets around IPv6 literals. */
export function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

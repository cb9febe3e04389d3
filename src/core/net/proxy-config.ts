// Which proxy, if any, a request to a given URL goes through: VS Code's
// http.proxy (passed in) first, then HTTPS_PROXY / HTTP_PROXY / ALL_PROXY from
// the environment, minus the hosts NO_PROXY (or http.noProxy) exempts, and
// minus this machine: to a remote proxy "127.0.0.1" is its own machine, and a
// plain-http request (carrying the key) would cross the network in clear text.
// Like Go's net/http, loopback targets never use a proxy unless the
// environment says CLAUDE_HEALTH_PROXY_LOOPBACK=1 (a proxy on this machine
// that must see such traffic; tests of the proxy path use it too).
import * as net from 'node:net';
import { isLoopbackHost } from './loopback';

export interface ProxySettings {
  /** An explicit proxy (VS Code's `http.proxy`, or a CLI flag); wins over the environment. */
  proxyUrl?: string;
  /** Extra hosts that bypass the proxy (VS Code's `http.noProxy`), on top of NO_PROXY. */
  noProxy?: readonly string[];
  /** Where HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY and CLAUDE_HEALTH_PROXY_LOOPBACK are read (either case). */
  env?: Readonly<Record<string, string | undefined>>;
}

export type ProxyChoice = { kind: 'direct' } | { kind: 'proxy'; proxy: URL } | { kind: 'invalid'; reason: string };

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

/** Parses a proxy URL; a bare `host:port` means http. */
export function parseProxyUrl(raw: string): URL | { reason: string } {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: 'the proxy setting is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { reason: `${url.protocol.replace(/:$/, '')} proxies are not supported (use an http:// or https:// proxy)` };
  }
  if (!url.hostname) return { reason: 'the proxy URL has no host' };
  return url;
}

export function chooseProxy(target: URL, settings: ProxySettings): ProxyChoice {
  const env = settings.env ?? {};
  const raw =
    settings.proxyUrl?.trim() ||
    (target.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy')) ||
    envValue(env, 'all_proxy');
  if (!raw) return { kind: 'direct' };
  if (isLoopbackHost(target.hostname) && envValue(env, 'claude_health_proxy_loopback') !== '1') return { kind: 'direct' };
  const bypass = [...(settings.noProxy ?? []), ...splitList(envValue(env, 'no_proxy') ?? '')];
  if (bypassesProxy(target, bypass)) return { kind: 'direct' };
  const proxy = parseProxyUrl(raw);
  return proxy instanceof URL ? { kind: 'proxy', proxy } : { kind: 'invalid', reason: proxy.reason };
}

function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * NO_PROXY semantics as curl and most tools read them: `*` matches all;
 * `example.com` and `.example.com` match the host and its subdomains;
 * `host:port` also requires the port; `10.0.0.0/8` and `fd00::/8` match address ranges.
 */
export function bypassesProxy(target: URL, entries: readonly string[]): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = defaultPort(target);
  for (const rawEntry of entries) {
    let entry = rawEntry.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !entry.startsWith('[') && (portMatch[1] ?? '').split(':').length === 1) {
      entry = portMatch[1] ?? entry;
      entryPort = portMatch[2];
    } else if (/^\[.*\]:\d+$/.test(entry)) {
      const close = entry.lastIndexOf(']');
      entryPort = entry.slice(close + 2);
      entry = entry.slice(1, close);
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const domain = entry.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const [base = '', bitsText = ''] = cidr.split('/');
  const family = net.isIP(base);
  const hostFamily = net.isIP(host);
  if (family === 0 || hostFamily === 0 || !/^\d{1,3}$/.test(bitsText)) return false;
  const range = new net.BlockList();
  try {
    range.addSubnet(base, Number(bitsText), family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false; // a prefix longer than the address
  }
  return range.check(host, hostFamily === 4 ? 'ipv4' : 'ipv6');
}

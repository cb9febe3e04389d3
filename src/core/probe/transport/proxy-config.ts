// Which proxy, if any, a request to a given URL goes through: VS Code's
// http.proxy (passed in) first, then HTTPS_PROXY / HTTP_PROXY / ALL_PROXY from
// the environment, minus the hosts NO_PROXY (or http.noProxy) exempts.

export interface ProxySettings {
  /** An explicit proxy (VS Code's `http.proxy`, or a CLI flag); wins over the environment. */
  proxyUrl?: string;
  /** Extra hosts that bypass the proxy (VS Code's `http.noProxy`), on top of NO_PROXY. */
  noProxy?: readonly string[];
  /** Where HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY are read (either case). */
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
 * `host:port` also requires the port; `10.0.0.0/8` matches IPv4 ranges.
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

function ipv4ToNumber(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const address = ipv4ToNumber(host);
  const network = ipv4ToNumber(base ?? '');
  const bits = Number(bitsText);
  if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}

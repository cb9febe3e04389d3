// Names the failing network layer from an error, however deeply the code that
// says it is nested: fetch wraps it in `cause`, the SDK wraps that again, and
// Node's happy-eyeballs connect puts one error per address in an AggregateError.

import { english, type Translate } from '../l10n';

export type NetworkLayer = 'dns' | 'tcp' | 'tls' | 'proxy' | 'unknown';

const LAYERS: Record<string, NetworkLayer> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  ESERVFAIL: 'dns',
  ENODATA: 'dns',
  ECONNREFUSED: 'tcp',
  ECONNRESET: 'tcp',
  ECONNABORTED: 'tcp',
  ETIMEDOUT: 'tcp',
  EHOSTUNREACH: 'tcp',
  ENETUNREACH: 'tcp',
  ENETDOWN: 'tcp',
  EHOSTDOWN: 'tcp',
  EPIPE: 'tcp',
  EADDRNOTAVAIL: 'tcp',
  UND_ERR_SOCKET: 'tcp',
  UND_ERR_CONNECT_TIMEOUT: 'tcp',
  HPE_INVALID_CONSTANT: 'tcp',
  ERR_PROXY_TUNNEL: 'proxy',
  ERR_PROXY_INVALID: 'proxy',
  CERT_HAS_EXPIRED: 'tls',
  CERT_NOT_YET_VALID: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  UNABLE_TO_GET_ISSUER_CERT: 'tls',
  CERT_SIGNATURE_FAILURE: 'tls',
  CERT_REVOKED: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
  ERR_SSL_WRONG_VERSION_NUMBER: 'tls',
  EPROTO: 'tls',
};

const CODE = /^[A-Z][A-Z0-9_]{2,60}$/;
const NOT_NETWORK = new Set(['ABORT_ERR', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_VALUE', 'ERR_INVALID_URL']);

function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < 32) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    try {
      if ('cause' in record) queue.push(record.cause);
      if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]).slice(0, 8));
    } catch {
      // Getters that throw are skipped, like missing properties.
    }
  }
}

/** The most telling error code in the chain: a known network code first, else any code. */
export function networkErrorCode(error: unknown): string | undefined {
  let fallback: string | undefined;
  for (const link of errorChain(error)) {
    let code: unknown;
    try {
      code = link.code;
    } catch {
      continue;
    }
    if (typeof code !== 'string' || !CODE.test(code)) continue;
    if (code in LAYERS) return code;
    if (!NOT_NETWORK.has(code)) fallback ??= code;
  }
  return fallback;
}

/** True when the failure happened on the way to (or at) the proxy. */
export function involvesProxy(error: unknown): boolean {
  for (const link of errorChain(error)) {
    try {
      if (link.name === 'ProxyTunnelError' || link.name === 'ProxySettingError') return true;
    } catch {
      // ignore
    }
  }
  return false;
}

/** The status the proxy answered a CONNECT with, when it said no. */
function proxyStatusOf(error: unknown): number | undefined {
  for (const link of errorChain(error)) {
    try {
      if (link.name === 'ProxyTunnelError' && typeof link.proxyStatus === 'number') return link.proxyStatus;
    } catch {
      // ignore
    }
  }
  return undefined;
}

/** A sentence for a network failure: the code, what it means, and whether the proxy was involved. */
export function describeNetworkError(error: unknown, code: string | undefined, t: Translate = english): string {
  const status = code === 'ERR_PROXY_TUNNEL' ? proxyStatusOf(error) : undefined;
  // The status is what the user acts on: 407 means credentials, not a broken proxy.
  if (status === 407) return t`${code}: the proxy wants credentials (407 Proxy Authentication Required); put them in the proxy URL`;
  if (status !== undefined) return t`${code}: the proxy answered ${status} to the tunnel (CONNECT)`;
  const proxy = involvesProxy(error) && networkLayerOf(code) !== 'proxy' && networkLayerOf(code) !== 'tls' ? t` (reaching the proxy)` : '';
  return `${code ?? t`network error`}: ${describeNetworkCode(code, t)}${proxy}`;
}

/** True when an AbortError (any realm) is anywhere in the chain. */
export function isAbortLike(error: unknown): boolean {
  for (const link of errorChain(error)) {
    try {
      if (link.name === 'AbortError' || link.code === 'ABORT_ERR') return true;
    } catch {
      // ignore
    }
  }
  return false;
}

export function networkLayerOf(code: string | undefined): NetworkLayer {
  if (code === undefined) return 'unknown';
  return LAYERS[code] ?? (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') ? 'tls' : 'unknown');
}

/** A short explanation of a network error code, for people. */
export function describeNetworkCode(code: string | undefined, t: Translate = english): string {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return t`DNS lookup failed (host not found)`;
    case 'EAI_AGAIN':
    case 'ESERVFAIL':
      return t`DNS lookup failed (resolver unavailable)`;
    case 'ECONNREFUSED':
      return t`connection refused`;
    case 'ECONNRESET':
      return t`connection reset`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return t`connection timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return t`network unreachable`;
    case 'ERR_PROXY_TUNNEL':
      return t`the proxy refused or failed the tunnel (CONNECT)`;
    case 'ERR_PROXY_INVALID':
      return t`the proxy setting is not usable`;
    case 'ERR_BLOCKED_PORT':
      return t`fetch refuses this port (on the Fetch standard's blocked list); use another port`;
    case 'CERT_HAS_EXPIRED':
      return t`TLS certificate has expired`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return t`TLS certificate is self-signed (a TLS-inspecting proxy? set NODE_EXTRA_CA_CERTS)`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return t`TLS certificate issuer is not trusted (a TLS-inspecting proxy? set NODE_EXTRA_CA_CERTS)`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return t`TLS certificate does not match the host name`;
    case undefined:
      return t`network error`;
    default:
      return networkLayerOf(code) === 'tls' ? t`TLS handshake failed` : t`network error`;
  }
}

// The comparison as a table, one column per endpoint and one row per layer,
// in words: the Markdown and plain-text renderers (and the editor's view)
// lay out the same cells, in the run's language. Pure.
import type { Translate } from '../../l10n';
import { seconds } from '../check';
import type { AddressKind } from '../net/ip-ranges';
import type { CheckStatus } from '../types';
import type { ComparisonEntry, ComparisonTable, HeaderPresence } from './types';

const MAX_ADDRESSES = 2;

function kindLabel(kind: AddressKind, t: Translate): string | undefined {
  switch (kind) {
    case 'private':
      return t`private`;
    case 'loopback':
      return t`loopback`;
    case 'link-local':
      return t`link-local`;
    case 'shared':
      return 'CGNAT/VPN';
    case 'fake-ip':
      return 'fake-IP';
    case 'unspecified':
      return t`null address`;
    default:
      return undefined;
  }
}

/** A layer that gave no figure, in a word or two: the verdict line and the JSON say why. */
function failed(status: CheckStatus, t: Translate, code?: string | null): string | undefined {
  if (status === 'fail') return code ? t`fails (${code})` : t`fails`;
  if (status === 'skip') return t`not run`;
  return undefined;
}

function dnsCell(entry: ComparisonEntry, t: Translate): string {
  const dns = entry.layers.dns;
  if (!dns.addresses.length) return entry.proxy && dns.status === 'skip' ? t`by the proxy` : (failed(dns.status, t) ?? '—');
  const shown = dns.addresses.slice(0, MAX_ADDRESSES).join(', ') + (dns.addresses.length > MAX_ADDRESSES ? ` +${dns.addresses.length - MAX_ADDRESSES}` : '');
  const kinds = dns.kinds.map((kind) => kindLabel(kind, t)).filter((label): label is string => label !== undefined);
  const flags = [...kinds, ...(dns.looksPolluted && !dns.fakeIp ? [t`looks polluted`] : [])];
  return flags.length ? `${shown} (${flags.join(', ')})` : shown;
}

function tcpCell(entry: ComparisonEntry, t: Translate): string {
  const tcp = entry.layers.tcp;
  if (tcp.connectMs === null) return failed(tcp.status, t, tcp.error) ?? '—';
  return entry.proxy ? t`${seconds(tcp.connectMs)} (to the proxy)` : seconds(tcp.connectMs);
}

function isPlainHttp(entry: ComparisonEntry): boolean {
  return entry.baseUrl.startsWith('http://');
}

function tlsCell(entry: ComparisonEntry, t: Translate): string {
  const tls = entry.layers.tls;
  if (tls.handshakeMs !== null) {
    const time = `${seconds(tls.handshakeMs)}${tls.protocol ? ` (${tls.protocol})` : ''}`;
    return tls.status === 'fail' ? t`${time}, not trusted` : time;
  }
  if (isPlainHttp(entry)) return t`none (http://)`;
  return failed(tls.status, t) ?? '—';
}

function authCell(entry: ComparisonEntry, t: Translate): string {
  const auth = entry.layers.auth;
  const from = entry.keySource ? ` (${entry.keySource})` : '';
  switch (auth.result) {
    case 'accepted':
      return t`accepted${from}`;
    case 'rejected':
      return t`refused, HTTP ${auth.httpStatus ?? '?'}${from}`;
    case 'rate-limited':
      return t`accepted, rate limited (429)${from}`;
    case 'not-checked':
      return entry.keySource ? t`not checked` : t`not checked (no key)`;
    case 'unclear':
      return auth.httpStatus !== null ? t`unclear (HTTP ${auth.httpStatus})` : t`unclear`;
  }
}

function presence(value: HeaderPresence, t: Translate): string {
  switch (value) {
    case 'present':
      return t`yes`;
    case 'absent':
      return t`no (stripped?)`;
    case 'not-checked':
      return t`not checked (no key)`;
    case 'unknown':
      return '—';
  }
}

function latencyCell(entry: ComparisonEntry, t: Translate): string {
  const { p50, p95, samples, answered } = entry.latencyMs;
  if (p50 === null || p95 === null) return samples ? t`no answer (0 of ${samples})` : '—';
  return t`${seconds(p50)} / ${seconds(p95)} (${answered} of ${samples})`;
}

function rows(t: Translate): [label: string, cell: (entry: ComparisonEntry) => string][] {
  return [
    ['Base URL', (e) => e.baseUrl],
    ['DNS', (e) => dnsCell(e, t)],
    [t`TCP connect`, (e) => tcpCell(e, t)],
    [t`TLS handshake`, (e) => tlsCell(e, t)],
    [t`Certificate issuer`, (e) => e.layers.tls.issuer ?? (isPlainHttp(e) ? t`none (http://)` : '—')],
    [t`HTTP status`, (e) => (e.layers.http.httpStatus !== null ? String(e.layers.http.httpStatus) : (failed(e.layers.http.status, t) ?? '—'))],
    [t`Authentication`, (e) => authCell(e, t)],
    ['request-id', (e) => presence(e.headers.requestId, t)],
    ['anthropic-ratelimit-*', (e) => presence(e.headers.rateLimits, t)],
    [t`Latency p50 / p95`, (e) => latencyCell(e, t)],
  ];
}

/**
 * The column heading of an endpoint: its name, and for the configured one a
 * word in the reader's language (the JSON keeps the name "configured").
 */
export function endpointHeading(entry: ComparisonEntry, t: Translate): string {
  return entry.role === 'configured' ? t`configured` : entry.name;
}

export function verdictLabel(t: Translate): string {
  return t`Verdict`;
}

export function comparisonTable(entries: readonly ComparisonEntry[], t: Translate): ComparisonTable {
  return {
    heads: entries.map((entry) => endpointHeading(entry, t)),
    rows: rows(t).map(([label, cell]) => ({ label, cells: entries.map(cell) })),
  };
}

export function comparisonHeading(t: Translate): string {
  return t`Side by side`;
}

export function comparisonIntro(samples: number, t: Translate): string {
  return t`The configured endpoint and each compared one: the network checks, then ${samples} free GET /v1/models?limit=1 each on a new connection. The configured key is never sent to another host; a compared endpoint uses only the key in the variable named for it.`;
}

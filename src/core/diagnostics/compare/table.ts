// The comparison as a table, one column per endpoint and one row per layer,
// in words: the Markdown and plain-text renderers (and the editor's view)
// lay out the same cells. Pure.
import { seconds } from '../check';
import type { AddressKind } from '../net/ip-ranges';
import type { CheckStatus } from '../types';
import type { ComparisonEntry, HeaderPresence } from './types';

export interface ComparisonTable {
  /** The endpoint names, in column order. */
  heads: string[];
  /** A label and one cell per endpoint. */
  rows: { label: string; cells: string[] }[];
}

const MAX_ADDRESSES = 2;

const KIND_LABEL: Partial<Record<AddressKind, string>> = {
  private: 'private',
  loopback: 'loopback',
  'link-local': 'link-local',
  shared: 'CGNAT/VPN',
  'fake-ip': 'fake-IP',
  unspecified: 'null address',
};

/** A layer that gave no figure, in a word or two: the verdict line and the JSON say why. */
function failed(status: CheckStatus, code?: string | null): string | undefined {
  if (status === 'fail') return code ? `fails (${code})` : 'fails';
  if (status === 'skip') return 'not run';
  return undefined;
}

function dnsCell(entry: ComparisonEntry): string {
  const dns = entry.layers.dns;
  if (!dns.addresses.length) return entry.proxy && dns.status === 'skip' ? 'by the proxy' : (failed(dns.status) ?? '—');
  const shown = dns.addresses.slice(0, MAX_ADDRESSES).join(', ') + (dns.addresses.length > MAX_ADDRESSES ? ` +${dns.addresses.length - MAX_ADDRESSES}` : '');
  const kinds = dns.kinds.map((kind) => KIND_LABEL[kind]).filter((label): label is string => label !== undefined);
  const flags = [...kinds, ...(dns.looksPolluted && !dns.fakeIp ? ['looks polluted'] : [])];
  return flags.length ? `${shown} (${flags.join(', ')})` : shown;
}

function tcpCell(entry: ComparisonEntry): string {
  const tcp = entry.layers.tcp;
  const to = entry.proxy ? ' (to the proxy)' : '';
  return tcp.connectMs !== null ? `${seconds(tcp.connectMs)}${to}` : (failed(tcp.status, tcp.error) ?? '—');
}

function isPlainHttp(entry: ComparisonEntry): boolean {
  return entry.baseUrl.startsWith('http://');
}

function tlsCell(entry: ComparisonEntry): string {
  const tls = entry.layers.tls;
  if (tls.handshakeMs !== null) return `${seconds(tls.handshakeMs)}${tls.protocol ? ` (${tls.protocol})` : ''}${tls.status === 'fail' ? ', not trusted' : ''}`;
  if (isPlainHttp(entry)) return 'none (http://)';
  return failed(tls.status) ?? '—';
}

function authCell(entry: ComparisonEntry): string {
  const auth = entry.layers.auth;
  const from = entry.keySource ? ` (${entry.keySource})` : '';
  switch (auth.result) {
    case 'accepted':
      return `accepted${from}`;
    case 'rejected':
      return `refused, HTTP ${auth.httpStatus ?? '?'}${from}`;
    case 'rate-limited':
      return `accepted, rate limited (429)${from}`;
    case 'not-checked':
      return entry.keySource ? 'not checked' : 'not checked (no key)';
    case 'unclear':
      return auth.httpStatus !== null ? `unclear (HTTP ${auth.httpStatus})` : 'unclear';
  }
}

function presence(value: HeaderPresence): string {
  switch (value) {
    case 'present':
      return 'yes';
    case 'absent':
      return 'no (stripped?)';
    case 'not-checked':
      return 'not checked (no key)';
    case 'unknown':
      return '—';
  }
}

function latencyCell(entry: ComparisonEntry): string {
  const { p50, p95, samples, answered } = entry.latencyMs;
  if (p50 === null || p95 === null) return samples ? `no answer (0 of ${samples})` : '—';
  return `${seconds(p50)} / ${seconds(p95)} (${answered} of ${samples})`;
}

const ROWS: [label: string, cell: (entry: ComparisonEntry) => string][] = [
  ['Base URL', (e) => e.baseUrl],
  ['DNS', dnsCell],
  ['TCP connect', tcpCell],
  ['TLS handshake', tlsCell],
  ['Certificate issuer', (e) => e.layers.tls.issuer ?? (isPlainHttp(e) ? 'none (http://)' : '—')],
  ['HTTP status', (e) => (e.layers.http.httpStatus !== null ? String(e.layers.http.httpStatus) : (failed(e.layers.http.status) ?? '—'))],
  ['Authentication', authCell],
  ['request-id', (e) => presence(e.headers.requestId)],
  ['anthropic-ratelimit-*', (e) => presence(e.headers.rateLimits)],
  ['Latency p50 / p95', latencyCell],
];

export const VERDICT_LABEL = 'Verdict';

export function comparisonTable(entries: readonly ComparisonEntry[]): ComparisonTable {
  return {
    heads: entries.map((entry) => entry.name),
    rows: ROWS.map(([label, cell]) => ({ label, cells: entries.map(cell) })),
  };
}

export function comparisonHeading(): string {
  return 'Side by side';
}

export function comparisonIntro(samples: number): string {
  return `The configured endpoint and each compared one: the network checks, then ${samples} free GET /v1/models?limit=1 each on a new connection. The configured key is never sent to another host; a compared endpoint uses only the key in the variable named for it.`;
}

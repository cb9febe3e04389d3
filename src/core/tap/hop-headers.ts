// Headers that describe one connection, not the message (RFC 9110 §7.6.1):
// a reverse proxy drops them both ways and lets each side's HTTP stack write
// its own. Everything else passes in the client's order and spelling.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // Node's server already answered "100 Continue"; undici refuses to send it on.
  'expect',
  // The upstream's own host, written by undici from the upstream URL.
  'host',
]);

/** Names the Connection header lists are hop-by-hop too. */
function connectionOptions(value: string | string[] | undefined): Set<string> {
  // Nearly always one token ("keep-alive", "close"): no split needed.
  if (typeof value === 'string' && !value.includes(',')) return new Set([value.trim().toLowerCase()].filter(Boolean));
  const listed = new Set<string>();
  for (const part of (Array.isArray(value) ? value.join(',') : (value ?? '')).split(',')) {
    const name = part.trim().toLowerCase();
    if (name) listed.add(name);
  }
  return listed;
}

/** The client's raw header list ([name, value, name, value...]) minus the hop-by-hop ones. */
export function upstreamRequestHeaders(rawHeaders: readonly string[]): string[] {
  let connection: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'connection') connection = [...connection, rawHeaders[i + 1]!];
  }
  const listed = connectionOptions(connection);
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    // HTTP/2 pseudo-headers (":authority") never belong in an HTTP/1.1 message.
    if (HOP_BY_HOP.has(lower) || listed.has(lower) || lower.startsWith(':')) continue;
    kept.push(name, rawHeaders[i + 1]!);
  }
  return kept;
}

/** The upstream's answer headers minus the hop-by-hop ones, for res.writeHead. */
export function clientResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  // Most answers name no extra hop-by-hop header: no set to build for them.
  const listed = headers.connection === undefined ? undefined : connectionOptions(headers.connection);
  const kept: OutgoingHttpHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || listed?.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

// The traffic tap: a reverse proxy on this machine that the user's own app
// talks to (ANTHROPIC_BASE_URL pointed at it). Every request goes on to the
// upstream unchanged through undici, on the same route (proxy, TLS trust) the
// probes take, and the key the app sends goes only there, under the probes'
// rules for plain-http hosts. The tap holds no key of its own and keeps no
// body: it hands a TapRecord per answer to its owner (the CLI, the extension).
import * as http from 'node:http';
import type * as net from 'node:net';
import { systemClock, systemStopwatch, systemTimers, type Clock, type Stopwatch, type Timers } from '../clock';
import { english, type Translate } from '../l10n';
import { decideKeySending } from '../net/base-url';
import { isLoopbackHost } from '../net/loopback';
import { loadUndici } from '../net/node-fetch';
import { chooseProxy, type ProxySettings } from '../net/proxy-config';
import { routeDispatcher } from '../net/undici-route';
import { checkHttpUrl, trimTrailingSlashes } from '../settings/url';
import { Exchange } from './exchange';
import type { TapRecord } from './tap-record';

/** The SDKs' own default request timeout: a long non-streaming answer may take minutes. */
export const DEFAULT_TAP_TIMEOUT_MS = 600_000;
export const DEFAULT_TAP_HOST = '127.0.0.1';

export interface TapOptions extends ProxySettings {
  /** The API base URL requests go on to (a path prefix is kept). */
  upstream: string;
  /** Default 127.0.0.1; anything else lets other machines use the tap. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Until the answer's headers, and between two chunks of a body. */
  timeoutMs?: number;
  /** Origins the user allowed to receive the key over plain http. */
  allowedInsecureOrigins?: readonly string[];
  /** Extra trusted certificates (PEM) for the upstream or a TLS-inspecting proxy. */
  ca?: string | string[];
  rejectUnauthorized?: boolean;
  lookup?: net.LookupFunction;
  clock?: Clock;
  stopwatch?: Stopwatch;
  timers?: Timers;
  /** One call per answered (or failed) request. Must not throw; if it does, the tap carries on. */
  onRecord?: (record: TapRecord) => void;
  /** Lines about what is not a record (a client leaving early, a record callback failing). */
  log?: (line: string) => void;
  /** The language of the setup errors (a taken port, a refused upstream); default English. */
  t?: Translate;
}

export interface RunningTap {
  /** What to set ANTHROPIC_BASE_URL to. */
  url: string;
  host: string;
  port: number;
  upstream: string;
  /** Requests in flight. */
  readonly active: number;
  /** Stops listening, cancels what is in flight, releases every connection. */
  close(): Promise<void>;
}

/** A configuration the tap refuses to run with; the message says why and what to do. */
export class TapSetupError extends Error {
  constructor(
    message: string,
    readonly reason: 'upstream' | 'key' | 'proxy' | 'port' | 'loop',
  ) {
    super(message);
    this.name = 'TapSetupError';
  }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function effectivePort(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

function listen(server: http.Server, port: number, host: string, t: Translate): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new TapSetupError(t`port ${port} is already in use on ${host}`, 'port'));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') reject(new TapSetupError(t`cannot listen on ${host}: no such address on this machine`, 'port'));
      else if (error.code === 'EACCES') reject(new TapSetupError(t`not allowed to listen on ${host} port ${port}`, 'port'));
      else reject(error);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

export async function startTap(options: TapOptions): Promise<RunningTap> {
  const t = options.t ?? english;
  const checked = checkHttpUrl(options.upstream.trim(), t);
  if (!checked.ok) throw new TapSetupError(t`the upstream ${checked.reason}`, 'upstream');
  const upstream = new URL(checked.url);
  const route: ProxySettings = { proxyUrl: options.proxyUrl, noProxy: options.noProxy, env: options.env };
  const decision = decideKeySending(checked.url, options.allowedInsecureOrigins ?? [], route, t);
  if (!decision.send) throw new TapSetupError(decision.reason, 'key');
  const choice = chooseProxy(upstream, route);
  if (choice.kind === 'invalid') throw new TapSetupError(choice.reason, 'proxy');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TAP_TIMEOUT_MS;
  const host = options.host ?? DEFAULT_TAP_HOST;
  const log = options.log ?? (() => undefined);

  const undici = await loadUndici();
  const closing = new AbortController();
  // One pooled dispatcher for the tap's life: keep-alive connections to the upstream, as the app itself would hold.
  const dispatcher = routeDispatcher(
    undici,
    choice.kind === 'proxy' ? choice.proxy : undefined,
    { ca: options.ca, rejectUnauthorized: options.rejectUnauthorized, lookup: options.lookup, connectTimeoutMs: timeoutMs, pooled: true },
    {},
    closing.signal,
  );
  let active = 0;
  const context = {
    dispatcher,
    origin: upstream.origin,
    basePath: trimTrailingSlashes(upstream.pathname),
    timeoutMs,
    clock: options.clock ?? systemClock,
    stopwatch: options.stopwatch ?? systemStopwatch,
    timers: options.timers ?? systemTimers,
    record: (record: TapRecord) => {
      try {
        options.onRecord?.(record);
      } catch (error) {
        log(`the tap's record callback failed: ${error instanceof Error ? error.name : 'error'}`);
      }
    },
    note: log,
  };

  const server = http.createServer({ noDelay: true }, (req, res) => {
    active++;
    res.once('close', () => active--);
    new Exchange(context, req, res).start();
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Garbage on the wire gets a 400 and a closed socket, never a crash.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  const close = async (): Promise<void> => {
    closing.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await Promise.allSettled([closed, dispatcher.destroy()]);
  };

  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host, t);
  } catch (error) {
    await close();
    throw error;
  }
  // ANTHROPIC_BASE_URL already pointing at a tap on this port, say: every request would come back here.
  if (effectivePort(upstream) === port && (isLoopbackHost(upstream.hostname) || upstream.hostname === host)) {
    await close();
    throw new TapSetupError(t`the upstream ${upstream.origin} is the tap itself; give --upstream the real API base URL`, 'loop');
  }
  return {
    url: `http://${urlHost(host)}:${port}`,
    host,
    port,
    upstream: checked.url,
    get active() {
      return active;
    },
    close,
  };
}

// A `fetch` built on node:http/https, given to the SDK and used for the status
// page. It exists so that every request honours the proxy settings (Node's
// global fetch ignores them) and reports DNS/TCP/TLS failures with Node's own
// error codes in the `cause` chain. Connections are not kept alive: each probe
// measures what a fresh request from this machine costs, and a server closing
// an idle socket cannot show up as a false ECONNRESET.
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { chooseProxy, type ProxySettings } from './proxy-config';
import { HttpTunnelAgent, HttpsTunnelAgent, type TunnelOptions } from './tunnel-agent';

/** The part of fetch the core uses. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface NodeFetchOptions extends ProxySettings {
  /** Extra trusted certificates (PEM), for TLS-inspecting proxies or test servers. */
  ca?: string | string[];
  /** VS Code's http.proxyStrictSSL=false turns certificate checks off; default on. */
  rejectUnauthorized?: boolean;
  /** Name resolution (default: the system's). */
  lookup?: net.LookupFunction;
  /** How long a proxy may take to open a tunnel. */
  connectTimeoutMs?: number;
}

/** The error fetch rejects with; the underlying Node error is its `cause`, as in undici. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

class ProxySettingError extends Error {
  readonly code = 'ERR_PROXY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ProxySettingError';
  }
}

function headerRecord(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

async function bodyBytes(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  // ReadableStream / FormData: let the web Response machinery serialise it.
  return Buffer.from(await new Response(body).arrayBuffer());
}

function responseHeaders(message: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] ?? '', raw[i + 1] ?? '');
    } catch {
      // A header that is not valid HTTP is dropped, like browsers do.
    }
  }
  return headers;
}

function decoded(message: http.IncomingMessage): Readable {
  const encoding = String(message.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip()
    : encoding === 'deflate' ? zlib.createInflate()
    : encoding === 'br' ? zlib.createBrotliDecompress()
    : undefined;
  if (!decoder) return message;
  message.on('error', (error) => decoder.destroy(error));
  return message.pipe(decoder);
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toResponse(message: http.IncomingMessage, method: string): Response {
  const status = message.statusCode ?? 0;
  if (status < 200 || status > 599) {
    message.destroy();
    throw fetchFailed(new Error(`the server answered with HTTP status ${status}, which fetch cannot represent`));
  }
  const headers = responseHeaders(message);
  if (NULL_BODY_STATUSES.has(status) || method === 'HEAD') {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage ?? '', headers });
  }
  const body = Readable.toWeb(decoded(message)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: message.statusMessage ?? '', headers });
}

export interface NodeFetch {
  fetch: FetchLike;
  /** Releases the agents (open sockets end). */
  close(): void;
}

export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const agents = new Map<string, http.Agent>();

  function agentFor(target: URL): http.Agent {
    const choice = chooseProxy(target, options);
    if (choice.kind === 'invalid') throw new ProxySettingError(choice.reason);
    const key = choice.kind === 'proxy' ? `${target.protocol}|${choice.proxy.href}` : `${target.protocol}|direct`;
    let agent = agents.get(key);
    if (agent) return agent;
    if (choice.kind === 'proxy') {
      const tunnel: TunnelOptions = {
        proxy: choice.proxy,
        ca: options.ca,
        rejectUnauthorized: options.rejectUnauthorized,
        lookup: options.lookup,
        connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      };
      agent = target.protocol === 'https:' ? new HttpsTunnelAgent(tunnel) : new HttpTunnelAgent(tunnel);
    } else {
      agent =
        target.protocol === 'https:' ?
          new https.Agent({ keepAlive: false, ca: options.ca, rejectUnauthorized: options.rejectUnauthorized ?? true })
        : new http.Agent({ keepAlive: false });
    }
    agents.set(key, agent);
    return agent;
  }

  const nodeFetch: FetchLike = async (input, init) => {
    const target = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw fetchFailed(new Error(`unsupported URL scheme ${target.protocol}`));
    }
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init?.headers);
    const body = await bodyBytes(init?.body);
    if (body && headers['content-length'] === undefined) headers['content-length'] = String(body.length);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    let agent: http.Agent;
    try {
      agent = agentFor(target);
    } catch (error) {
      throw fetchFailed(error);
    }
    return new Promise<Response>((resolve, reject) => {
      const request = (target.protocol === 'https:' ? https : http).request(target, {
        method,
        headers,
        agent,
        lookup: options.lookup,
        signal,
      });
      request.once('response', (message) => {
        try {
          resolve(toResponse(message, method));
        } catch (error) {
          reject(error instanceof Error ? error : fetchFailed(error));
        }
      });
      request.once('error', (error: Error) => {
        reject(error.name === 'AbortError' ? abortError(signal) : fetchFailed(error));
      });
      request.end(body);
    });
  };

  return {
    fetch: nodeFetch,
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}

/** What fetch rejects with when aborted: a DOMException named AbortError carrying the reason. */
function abortError(signal: AbortSignal | undefined): Error {
  const error = new DOMException('This operation was aborted', 'AbortError');
  if (signal?.reason !== undefined) Object.defineProperty(error, 'cause', { value: signal.reason });
  return error;
}

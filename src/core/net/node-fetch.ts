// The `fetch` given to the SDK and used for the status page: undici's fetch
// with a dispatcher chosen per request, so that every request honours the
// proxy settings (Node's global fetch ignores them) and reports DNS/TCP/TLS
// failures with Node's own error codes in the `cause` chain. Each request gets
// a dispatcher of its own, closed when the answer has been read: a probe
// measures what a fresh request from this machine costs, a server closing an
// idle socket cannot show up as a false ECONNRESET, and an abort (the
// caller's deadline, or close()) tears down whatever is still pending,
// a CONNECT to a silent proxy included.
//
// undici is loaded on the first request (the build puts it in a bundle of its
// own, like the SDK), so activation does not pay for parsing it.
import type * as net from 'node:net';
import type * as Undici from 'undici';
import { loadOnce } from './load-once';
import { chooseProxy, type ProxySettings } from './proxy-config';
import { ProxySettingError } from './proxy-error';
import { routeDispatcher, type RouteState, type UndiciModule } from './undici-route';

/** The part of fetch the core uses. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface NodeFetchOptions extends ProxySettings {
  /** Extra trusted certificates (PEM), for TLS-inspecting proxies or test servers. */
  ca?: string | string[];
  /** VS Code's http.proxyStrictSSL=false turns certificate checks off; default on. */
  rejectUnauthorized?: boolean;
  /** Name resolution (default: the system's). */
  lookup?: net.LookupFunction;
  /** Bound on opening a connection or a proxy tunnel; the request's own signal bounds it too. */
  connectTimeoutMs?: number;
}

export interface NodeFetch {
  fetch: FetchLike;
  /** The proxy settings its requests follow: the key-sending decision looks at this route. */
  route: ProxySettings;
  /** Cancels pending requests and tunnels, and releases every connection. */
  close(): void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** undici's exports: named (the package, and the bundle esbuild annotates for Node), or under `default` should a build lose the names. */
function undiciExports(loaded: unknown): UndiciModule {
  const module = loaded as UndiciModule & { default?: UndiciModule };
  return typeof module.Agent === 'function' ? module : (module.default ?? module);
}

/** undici, loaded on first use (its own bundle in the build). */
export const loadUndici: () => Promise<UndiciModule> = loadOnce(async () => undiciExports(await import('undici')));

/** The error fetch rejects with; the underlying error is its `cause`, as in undici. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * The Fetch standard refuses some ports outright (1, 9, 25, 6000, 10080...),
 * and undici follows it with a bare "bad port": name it, with a code.
 */
function blockedPort(error: unknown): TypeError | undefined {
  const cause = error instanceof TypeError ? (error.cause as { message?: unknown } | undefined) : undefined;
  if (cause?.message !== 'bad port') return undefined;
  const refused = Object.assign(new Error('fetch refuses this port (it is on the Fetch standard\'s list of blocked ports)', { cause }), { code: 'ERR_BLOCKED_PORT' });
  return new TypeError(error instanceof Error ? error.message : 'fetch failed', { cause: refused });
}

/**
 * undici names a connection that closed under a request UND_ERR_SOCKET
 * ("other side closed") where node:http says ECONNRESET ("socket hang up").
 * The classification and the messages speak Node's codes, so such an error
 * gets an ECONNRESET link in its cause chain; any other error passes as is.
 */
function withNodeCode(error: unknown): unknown {
  const blocked = blockedPort(error);
  if (blocked) return blocked;
  let link: unknown = error;
  let socketClosed: unknown;
  for (let depth = 0; depth < 8 && typeof link === 'object' && link !== null; depth++) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code.startsWith('E')) return error;
    if (code === 'UND_ERR_SOCKET') socketClosed = link;
    link = (link as { cause?: unknown }).cause;
  }
  if (socketClosed === undefined) return error;
  const reset = Object.assign(new Error('the connection closed before the answer was complete (socket hang up)', { cause: socketClosed }), { code: 'ECONNRESET' });
  return new TypeError(error instanceof Error ? error.message : 'fetch failed', { cause: reset });
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Neither content-length nor chunked: only the connection's end ends the body. */
function endsWithConnection(response: Response): boolean {
  const chunked = /\bchunked\b/i.test(response.headers.get('transfer-encoding') ?? '');
  return !chunked && response.headers.get('content-length') === null;
}

/**
 * The answer with a body that fails, rather than ends, when the connection
 * was reset under it: when only the connection's end ends the body, undici
 * reports a reset as the clean end of a complete body. (Bodies with a length
 * or chunks, undici checks itself; their errors get Node's code here.)
 */
function guardedResponse(response: Response, state: RouteState): Response {
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
  const checkReset = endsWithConnection(response);
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (!done) {
          if (value) controller.enqueue(value);
          return;
        }
        if (checkReset && state.socketError) controller.error(new TypeError('terminated', { cause: state.socketError }));
        else controller.close();
      } catch (error) {
        controller.error(withNodeCode(error));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const guarded = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(guarded, 'url', { value: response.url });
  return guarded;
}

export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const live = new Set<Undici.Dispatcher>();
  const closing = new AbortController();
  // Timers take whole milliseconds within a 32-bit range; budgets computed by callers may be fractional.
  const connectTimeoutMs = Math.min(2 ** 31 - 1, Math.max(1, Math.ceil(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS)));

  const nodeFetch: FetchLike = async (input, init) => {
    const target = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw fetchFailed(new Error(`unsupported URL scheme ${target.protocol}`));
    }
    const signal = init?.signal ? AbortSignal.any([init.signal, closing.signal]) : closing.signal;
    if (signal.aborted) throw abortError(signal);
    const choice = chooseProxy(target, options);
    if (choice.kind === 'invalid') throw fetchFailed(new ProxySettingError(choice.reason));
    const undici = await loadUndici();
    if (signal.aborted) throw abortError(signal);
    const state: RouteState = {};
    const route = { ca: options.ca, rejectUnauthorized: options.rejectUnauthorized, lookup: options.lookup, connectTimeoutMs };
    const dispatcher = routeDispatcher(undici, choice.kind === 'proxy' ? choice.proxy : undefined, route, state, signal);
    live.add(dispatcher);
    const release = () => {
      signal.removeEventListener('abort', destroy);
      live.delete(dispatcher);
    };
    const destroy = () => {
      release();
      dispatcher.destroy().catch(() => undefined);
    };
    signal.addEventListener('abort', destroy, { once: true });
    try {
      const response = await undici.fetch(input instanceof Request ? input.url : input, {
        // Redirects are answers to report, not to follow (a redirected API base URL is a setting to fix).
        redirect: 'manual',
        ...(init as Undici.RequestInit),
        signal,
        dispatcher,
      });
      // A graceful close: it waits until the body has been read (or cancelled).
      dispatcher.close().then(release, release);
      return guardedResponse(response, state);
    } catch (error) {
      destroy();
      if (state.status !== undefined && (state.status < 200 || state.status > 599)) {
        throw fetchFailed(new Error(`the server answered with HTTP status ${state.status}, which fetch cannot represent`, { cause: error }));
      }
      throw withNodeCode(error);
    }
  };

  return {
    fetch: nodeFetch,
    route: { proxyUrl: options.proxyUrl, noProxy: options.noProxy, env: options.env },
    close() {
      closing.abort();
      for (const dispatcher of live) void dispatcher.destroy().catch(() => undefined);
      live.clear();
    },
  };
}

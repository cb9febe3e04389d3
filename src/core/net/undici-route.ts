// The undici dispatcher for one request: straight to the target, or through
// a CONNECT tunnel (undici's ProxyAgent; plain-http targets are tunnelled
// too, so the proxy only ever sees CONNECT). Undici does the work; this file
// adds what it leaves out:
// - the proxy's own failures become ProxyTunnelError (undici reports a 407 as
//   a generic "aborted" error, which reads like our own cancellation);
// - a deadline and a cancel that cover the tunnel: undici's CONNECT waits for
//   its headers timeout (300 s) and is not tied to the request's signal;
// - a note of a connection reset, which undici counts as the clean end of a
//   body that has neither content-length nor chunking (client-h1.js treats
//   ECONNRESET after the headers as "message complete").
import type * as net from 'node:net';
import type * as Undici from 'undici';
import { proxyLabel, ProxyTunnelError } from './proxy-error';

export type UndiciModule = typeof Undici;

export interface RouteOptions {
  ca?: string | string[];
  rejectUnauthorized?: boolean;
  lookup?: net.LookupFunction;
  /** Bound on opening a connection (TCP + TLS), and on the proxy's CONNECT answer. */
  connectTimeoutMs: number;
  /**
   * As many connections per origin as requests in flight (the traffic tap's
   * long-lived dispatcher); default one, all a single request needs.
   */
  pooled?: boolean;
}

/** What the route saw on its sockets. */
export interface RouteState {
  /** The connection was reset (ECONNRESET) after it was handed to undici. */
  socketError?: Error;
  /** The status line's code, also when fetch cannot represent it (600, 999). */
  status?: number;
}

/** Notes the answer's status before fetch sees it: fetch throws a RangeError that does not name it. */
function recordStatus(state: RouteState): Undici.Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) =>
    dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, statusCode, headers, socket) => handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
      onResponseStart: (controller, statusCode, headers, statusMessage) => {
        state.status = statusCode;
        handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
      },
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
}

type Connector = Undici.buildConnector.connector;

/** Wraps a connector so that errors on the sockets it hands out are remembered. */
function noteSocketErrors(connect: Connector, state: RouteState): Connector {
  return (options, callback) => {
    connect(options, (...args) => {
      const [error, socket] = args;
      if (!error && socket) {
        socket.on('error', (socketError: NodeJS.ErrnoException) => {
          if (socketError.code === 'ECONNRESET') state.socketError ??= socketError;
        });
      }
      callback(...args);
    });
  };
}

interface ConnectAnswer {
  statusCode: number;
  socket: { destroy(): void };
}

/** A pool to the proxy whose CONNECT honours the deadline and reports the proxy's failures as its own. */
type PoolFactory = (origin: URL, options: object) => Undici.Dispatcher;

function proxyPool(undici: UndiciModule, proxy: URL, options: RouteOptions, signal: AbortSignal): PoolFactory {
  return (origin, poolOptions) => {
    const pool = new undici.Pool(origin, { ...(poolOptions as Undici.Pool.Options), headersTimeout: options.connectTimeoutMs });
    const connect = pool.connect.bind(pool) as (params: Undici.Dispatcher.ConnectOptions) => Promise<ConnectAnswer>;
    const tunnel = async (params: Undici.Dispatcher.ConnectOptions): Promise<ConnectAnswer> => {
      const timer = AbortSignal.timeout(options.connectTimeoutMs);
      const bounded = AbortSignal.any([signal, timer]);
      let answer: ConnectAnswer;
      try {
        answer = await connect({ ...params, signal: bounded });
      } catch (error) {
        if (timer.aborted) {
          throw new ProxyTunnelError(`proxy ${proxyLabel(proxy)} did not open a tunnel to ${params.path} in time (connect timed out)`);
        }
        if (signal.aborted) throw error;
        const reason = error instanceof Error ? error.message : 'unknown error';
        throw new ProxyTunnelError(`proxy ${proxyLabel(proxy)} could not be reached: ${reason}`, undefined, { cause: error });
      }
      if (answer.statusCode !== 200) {
        answer.socket.destroy();
        throw new ProxyTunnelError(`proxy ${proxyLabel(proxy)} answered ${answer.statusCode} to CONNECT ${params.path}`, answer.statusCode);
      }
      return answer;
    };
    Object.defineProperty(pool, 'connect', { value: tunnel });
    return pool;
  };
}

/** The dispatcher for one request; `signal` is the request's own, and its abort cancels a pending tunnel. */
export function routeDispatcher(
  undici: UndiciModule,
  proxy: URL | undefined,
  options: RouteOptions,
  state: RouteState,
  signal: AbortSignal,
): Undici.Dispatcher {
  const tls = { ca: options.ca, rejectUnauthorized: options.rejectUnauthorized ?? true };
  const tagged = (origin: string | URL, clientOptions: Undici.Agent.Options): Undici.Dispatcher => {
    const connect = clientOptions.connect;
    const tagging = { ...clientOptions, connect: noteSocketErrors(typeof connect === 'function' ? connect : undici.buildConnector({ ...connect }), state) };
    return options.pooled ? new undici.Pool(origin, tagging) : new undici.Client(origin, tagging);
  };
  const dispatcher: Undici.Dispatcher =
    proxy ?
      new undici.ProxyAgent({
        uri: proxy.href,
        proxyTls: { ...tls, lookup: options.lookup, timeout: options.connectTimeoutMs } as Undici.buildConnector.BuildOptions,
        requestTls: tls,
        clientFactory: proxyPool(undici, proxy, options, signal),
        factory: tagged,
      })
    : new undici.Agent({ connect: { ...tls, lookup: options.lookup, timeout: options.connectTimeoutMs }, factory: tagged });
  return dispatcher.compose(recordStatus(state));
}

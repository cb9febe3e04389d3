// A raw HTTP CONNECT tunnel and node:http agents over it, for the connection
// diagnostics only: they inspect each layer themselves (the TCP socket, the
// target's certificate chain inside the tunnel, a raw request), which needs
// the socket in hand. Requests (probes, the status page) go through undici's
// ProxyAgent instead (node-fetch.ts).
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { proxyLabel, ProxyTunnelError } from './proxy-error';

export { ProxyTunnelError };

export interface TunnelOptions {
  proxy: URL;
  /** Trust for the target's certificate (and an https proxy's). */
  ca?: string | string[];
  rejectUnauthorized?: boolean;
  lookup?: net.LookupFunction;
  /** How long the proxy may take to open the tunnel. */
  connectTimeoutMs: number;
}

function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/** Opens a raw tunnel to host:port through the proxy. */
export function openTunnel(options: TunnelOptions, host: string, port: number): Promise<net.Socket> {
  const { proxy } = options;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const headers: Record<string, string> = { host: authority };
  const authorization = proxyAuthorization(proxy);
  if (authorization) headers['proxy-authorization'] = authorization;
  const requestOptions: https.RequestOptions = {
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80),
    method: 'CONNECT',
    path: authority,
    headers,
    agent: false,
    lookup: options.lookup,
    ca: options.ca,
    rejectUnauthorized: options.rejectUnauthorized,
  };
  return new Promise((resolve, reject) => {
    const request = (proxy.protocol === 'https:' ? https : http).request(requestOptions);
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    request.setTimeout(options.connectTimeoutMs, () => {
      const error = new ProxyTunnelError(`proxy ${proxyLabel(proxy)} did not open a tunnel to ${authority} in time (connect timed out)`);
      fail(error);
    });
    request.once('connect', (response: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      if (settled) {
        socket.destroy();
        return;
      }
      request.setTimeout(0);
      if (response.statusCode !== 200) {
        socket.destroy();
        fail(new ProxyTunnelError(`proxy ${proxyLabel(proxy)} answered ${response.statusCode ?? '?'} to CONNECT ${authority}`, response.statusCode));
        return;
      }
      settled = true;
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    request.once('response', (response: http.IncomingMessage) => {
      response.resume();
      fail(new ProxyTunnelError(`proxy ${proxyLabel(proxy)} answered ${response.statusCode ?? '?'} instead of opening a tunnel`, response.statusCode));
    });
    request.once('error', (error: Error) => {
      fail(new ProxyTunnelError(`proxy ${proxyLabel(proxy)} could not be reached: ${error.message}`, undefined, { cause: error }));
    });
    request.end();
  });
}

type Callback = (error: Error | null, stream: Duplex) => void;

function targetOf(options: http.ClientRequestArgs): { host: string; port: number; servername: string } {
  const host = String(options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '');
  const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
  return { host, port, servername: (options as tls.ConnectionOptions).servername ?? host };
}

/** Agent for https targets behind a proxy: CONNECT, then TLS to the target inside the tunnel. */
export class HttpsTunnelAgent extends https.Agent {
  constructor(private readonly tunnel: TunnelOptions) {
    super({ keepAlive: false });
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const { host, port, servername } = targetOf(options);
    openTunnel(this.tunnel, host, port).then(
      (socket) => {
        const secure = tls.connect({
          socket,
          servername: servername && !/^[\d.:]+$/.test(servername) ? servername : undefined,
          ca: this.tunnel.ca,
          rejectUnauthorized: this.tunnel.rejectUnauthorized ?? true,
          ALPNProtocols: ['http/1.1'],
        });
        callback?.(null, secure);
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

/** Agent for plain-http targets behind a proxy: the HTTP request travels inside the tunnel. */
export class HttpTunnelAgent extends http.Agent {
  constructor(private readonly tunnel: TunnelOptions) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const { host, port } = targetOf(options);
    openTunnel(this.tunnel, host, port).then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

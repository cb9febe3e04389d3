// A front on a fixed 127.0.0.1 port that passes requests through to a loopback
// target (the simulator) or injects one network fault at a time, switchable
// while a test runs: refuse connections, reset mid-body, hang, loop redirects,
// answer with a CDN's HTML 502, or present a certificate nobody trusts. The
// fault matrix uses it to measure how each fault looks and how soon health
// comes back once it clears.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { KeyPair } from './certificates';
import { startConnectProxy } from './connect-proxy';
import { forwardRequest } from './servers';

export type FrontFault = 'none' | 'refuse' | 'reset' | 'hang' | 'redirect-loop' | 'html-502' | 'untrusted-tls';

export interface FaultFront {
  url: string;
  port: number;
  fault(): FrontFault;
  setFault(fault: FrontFault): Promise<void>;
  close(): Promise<void>;
}

export interface FaultFrontOptions {
  /** The loopback origin to pass requests to. */
  target: string;
  /** Serve HTTPS: `trusted` normally, `untrusted` during the untrusted-tls fault. */
  tls?: { trusted: KeyPair; untrusted: KeyPair };
}

/** Listens on 127.0.0.1 at `port` (0: any free port), again after a close to bring a refused port back. */
function listenAt(server: net.Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Ends every connection and stops listening: from now on the port refuses. */
function closeNow(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

export async function startFaultFront(options: FaultFrontOptions): Promise<FaultFront> {
  const target = new URL(options.target);
  if (target.hostname !== '127.0.0.1') throw new Error('the fault front passes to 127.0.0.1 only');
  let current: FrontFault = 'none';
  const sockets = new Set<net.Socket>();

  const handler: http.RequestListener = (req, res) => {
    switch (current) {
      case 'hang':
        return; // read the request, never answer
      case 'redirect-loop':
        res.writeHead(302, { location: req.url ?? '/', 'content-length': '0' });
        res.end();
        return;
      case 'html-502':
        res.writeHead(502, { 'content-type': 'text/html', server: 'cloudflare' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
        return;
      case 'reset':
        // Headers and the start of a body with no length: only the reset tells the client it is cut short.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[{"type":"model","id":"claude-', () => res.socket?.destroy());
        return;
      default:
        forwardRequest(target, req, res);
    }
  };

  const server: http.Server = options.tls
    ? https.createServer({ key: options.tls.trusted.key, cert: options.tls.trusted.cert }, handler)
    : http.createServer(handler);
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  server.on('secureConnection', track);

  const listen = (port: number) => listenAt(server, port);
  const stop = () => closeNow(server, sockets);

  const port = await listen(0);
  const scheme = options.tls ? 'https' : 'http';

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    fault: () => current,
    async setFault(fault) {
      const previous = current;
      current = fault;
      // Connections held by the previous fault (a hang, a kept-alive socket) end with it.
      for (const socket of sockets) socket.destroy();
      if (options.tls && (fault === 'untrusted-tls') !== (previous === 'untrusted-tls')) {
        const pair = fault === 'untrusted-tls' ? options.tls.untrusted : options.tls.trusted;
        (server as https.Server).setSecureContext({ key: pair.key, cert: pair.cert });
      }
      if (fault === 'refuse' && server.listening) await stop();
      if (fault !== 'refuse' && !server.listening) await listen(port);
    },
    close: stop,
  };
}

export type ProxyFault = 'none' | 'proxy-407' | 'proxy-hang' | 'proxy-refuse';

export interface ProxyFront {
  url: string;
  port: number;
  fault(): ProxyFault;
  setFault(fault: ProxyFault): Promise<void>;
  /** Every CONNECT the proxies behind the front answered, in order. */
  connects(): { authority: string; status: number }[];
  close(): Promise<void>;
}

/**
 * A CONNECT proxy on a fixed 127.0.0.1 port that can fail the way proxies do:
 * demand credentials the client lacks (407), accept and never answer, or
 * refuse connections. Bytes are switched at the TCP level to a working proxy
 * or one that demands credentials, so the client always speaks to the same
 * address, as it would to a real proxy that breaks and comes back.
 */
export async function startProxyFront(): Promise<ProxyFront> {
  const open = await startConnectProxy();
  const locked = await startConnectProxy({ username: 'proxy-user', password: 'not-given' });
  let current: ProxyFault = 'none';
  const sockets = new Set<net.Socket>();
  const keep = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    keep(client);
    client.on('error', () => undefined);
    if (current === 'proxy-hang') return; // accepted, never a byte
    const upstream = net.connect({ host: '127.0.0.1', port: current === 'proxy-407' ? locked.port : open.port });
    keep(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) => listenAt(server, port);
  const port = await listen(0);
  const destroyAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const stop = () => closeNow(server, sockets);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    fault: () => current,
    async setFault(fault) {
      current = fault;
      // Tunnels and hung connections of the previous state end with it.
      destroyAll();
      if (fault === 'proxy-refuse' && server.listening) await stop();
      if (fault !== 'proxy-refuse' && !server.listening) await listen(port);
    },
    connects: () => [...open.requests, ...locked.requests].map(({ authority, status }) => ({ authority, status })),
    async close() {
      await stop();
      await Promise.all([open.close(), locked.close()]);
    },
  };
}

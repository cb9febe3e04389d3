// A CONNECT proxy on 127.0.0.1, optionally demanding Basic credentials (407
// otherwise). It tunnels to loopback targets only, so nothing a test does
// through it can leave the machine, and it records what it was asked.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  port: number;
  url: string;
  /** Every CONNECT authority asked for, with whether it was let through. */
  requests: { authority: string; status: number }[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startConnectProxy(options: { username?: string; password?: string; delayMs?: number } = {}): Promise<ConnectProxy> {
  const requests: ConnectProxy['requests'] = [];
  const sockets = new Set<net.Socket>();
  const expected = options.username !== undefined ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` : undefined;
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('CONNECT only\n');
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = req.url ?? '';
    const answer = (status: number, text: string, extra = '') => {
      requests.push({ authority, status });
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}content-length: 0\r\n\r\n`);
    };
    const proceed = () => {
      if (expected !== undefined && req.headers['proxy-authorization'] !== expected) {
        answer(407, 'Proxy Authentication Required', 'proxy-authenticate: Basic realm="loopback"\r\n');
        return;
      }
      const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
      if (!match || !LOOPBACK.has(match[1]!)) {
        answer(403, 'Forbidden');
        return;
      }
      const upstream = net.connect({ host: match[1]!, port: Number(match[2]) });
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      upstream.once('connect', () => {
        requests.push({ authority, status: 200 });
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.once('error', () => {
        if (!client.destroyed) answer(502, 'Bad Gateway');
      });
      client.once('error', () => upstream.destroy());
    };
    if (options.delayMs) setTimeout(proceed, options.delayMs);
    else proceed();
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// A CONNECT proxy on 127.0.0.1, optionally demanding Basic credentials (407
// otherwise). It tunnels to loopback targets only, so nothing a test does
// through it can leave the machine, and it records what it was asked.
import * as http from 'node:http';
import * as net from 'node:net';
import { keepSockets, listenOnLoopback } from './listen';

export interface ConnectProxy {
  port: number;
  url: string;
  /** Every CONNECT, in order: the authority asked for, the Proxy-Authorization sent, and whether it was let through. */
  requests: { authority: string; authorization: string | undefined; status: number }[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startConnectProxy(options: { username?: string; password?: string; delayMs?: number } = {}): Promise<ConnectProxy> {
  const requests: ConnectProxy['requests'] = [];
  const expected = options.username !== undefined ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` : undefined;
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('CONNECT only\n');
  });
  const sockets = keepSockets(server);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = req.url ?? '';
    const authorization = req.headers['proxy-authorization'];
    const answer = (status: number, text: string, extra = '') => {
      requests.push({ authority, authorization, status });
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}content-length: 0\r\n\r\n`);
    };
    const proceed = () => {
      if (expected !== undefined && authorization !== expected) {
        answer(407, 'Proxy Authentication Required', 'proxy-authenticate: Basic realm="loopback"\r\n');
        return;
      }
      const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
      if (!match || !LOOPBACK.has(match[1]!)) {
        answer(403, 'Forbidden');
        return;
      }
      const upstream = net.connect({ host: match[1]!, port: Number(match[2]) });
      sockets.keep(upstream);
      upstream.once('connect', () => {
        requests.push({ authority, authorization, status: 200 });
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
  const port = await listenOnLoopback(server);
  return { port, url: `http://127.0.0.1:${port}`, requests, close: sockets.close };
}

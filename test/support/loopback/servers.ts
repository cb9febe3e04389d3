// Small loopback servers for network tests: an HTTPS server (optionally a
// reverse proxy in front of another loopback server), a TCP server that
// accepts and never speaks, and a port with nothing listening.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

function track(server: net.Server): { close(): Promise<void> } {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export interface HttpsServerOptions {
  key: string;
  /** The leaf, followed by any intermediates or the root to send along. */
  cert: string;
  /** Forward every request to this loopback origin (e.g. the simulator); otherwise answer 404 JSON. */
  forwardTo?: string;
}

/** An HTTPS server on 127.0.0.1 with the given certificate. */
export async function startHttpsServer(options: HttpsServerOptions): Promise<LoopbackServer> {
  const target = options.forwardTo ? new URL(options.forwardTo) : undefined;
  if (target && target.hostname !== '127.0.0.1') throw new Error('tests forward to 127.0.0.1 only');
  const server = https.createServer({ key: options.key, cert: options.cert }, (req, res) => {
    if (!target) {
      res.writeHead(404, { 'content-type': 'application/json', server: 'loopback-https' });
      res.end('{"type":"error","error":{"type":"not_found_error","message":"Not Found"}}');
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const tracker = track(server);
  const port = await listen(server);
  return { port, url: `https://127.0.0.1:${port}`, close: () => tracker.close() };
}

/** Accepts TCP connections and never sends a byte. */
export async function startSilentServer(): Promise<LoopbackServer> {
  const server = net.createServer(() => undefined);
  const tracker = track(server);
  const port = await listen(server);
  return { port, url: `http://127.0.0.1:${port}`, close: () => tracker.close() };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Small loopback servers for network tests: a plain HTTP server with a
// handler per test (for answers the simulator does not give), an HTTPS server
// (optionally a reverse proxy in front of another loopback server), a TCP
// server that accepts and never speaks, and a port with nothing listening.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { keepSockets, listenOnLoopback } from './listen';

export interface LoopbackServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering with the test's own handler. */
export async function startHttpServer(handler: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { port, url: `http://127.0.0.1:${port}`, close: sockets.close };
}

/** Passes one request to a loopback origin and its answer back; a 502 when the origin fails. */
export function forwardRequest(target: URL, req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
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
    forwardRequest(target, req, res);
  });
  // A TLS socket closes with the TCP socket under it, which keepSockets holds.
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { port, url: `https://127.0.0.1:${port}`, close: sockets.close };
}

/** Accepts TCP connections and never sends a byte. */
export async function startSilentServer(): Promise<LoopbackServer> {
  const server = net.createServer(() => undefined);
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { port, url: `http://127.0.0.1:${port}`, close: sockets.close };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

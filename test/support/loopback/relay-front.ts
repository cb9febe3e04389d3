// A relay (中转) on 127.0.0.1 in front of a loopback API (the simulator): it
// passes every request on and the answer back, as the API relays users in
// China put between themselves and api.anthropic.com do. Optionally it drops
// the API's request-id and anthropic-ratelimit-* headers and holds each
// answer back, as many relays do. It writes down every header it received,
// so tests can prove which keys reached it.
import * as http from 'node:http';
import { keepSockets, listenOnLoopback } from './listen';
import type { LoopbackServer } from './servers';

export interface RelayFrontOptions {
  /** Drop request-id and anthropic-ratelimit-* from the answers. */
  stripHeaders?: boolean;
  /** Hold each answer this long before passing it on (server side, like a slow relay). */
  delayMs?: number;
}

export interface RelayFront extends LoopbackServer {
  /** Every header name and value each request arrived with, in order. */
  received: string[][];
}

function isStripped(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'request-id' || lower.startsWith('anthropic-ratelimit-');
}

export async function startRelayFront(target: string, options: RelayFrontOptions = {}): Promise<RelayFront> {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1') throw new Error('the relay front passes to 127.0.0.1 only');
  const received: string[][] = [];
  const server = http.createServer((req, res) => {
    received.push([...req.rawHeaders]);
    const headers = { ...req.headers, host: upstream.host };
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      const passed = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !(options.stripHeaders && isStripped(name))));
      const send = () => {
        res.writeHead(answer.statusCode ?? 502, passed);
        answer.pipe(res);
      };
      if (options.delayMs) setTimeout(send, options.delayMs);
      else send();
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { port, url: `http://127.0.0.1:${port}`, close: sockets.close, received };
}

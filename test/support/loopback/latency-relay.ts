// A TCP relay on 127.0.0.1 that holds every chunk for `oneWayMs` in each
// direction, so loopback servers behind it answer with a round-trip time like
// a real network's. Bytes pass unchanged (TLS goes through end to end).
import * as net from 'node:net';
import { keepSockets, listenOnLoopback } from './listen';

export interface LatencyRelay {
  port: number;
  close(): Promise<void>;
}

function delayed(from: net.Socket, to: net.Socket, oneWayMs: number): void {
  // Timers with the same delay fire in the order they were set, so chunks keep their order.
  from.on('data', (chunk: Buffer) => setTimeout(() => to.destroyed || to.write(chunk), oneWayMs));
  from.on('end', () => setTimeout(() => to.end(), oneWayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), oneWayMs));
}

export async function startLatencyRelay(targetPort: number, oneWayMs: number): Promise<LatencyRelay> {
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    sockets.keep(upstream);
    delayed(client, upstream, oneWayMs);
    delayed(upstream, client, oneWayMs);
  });
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { port, close: sockets.close };
}

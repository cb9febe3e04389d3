// Listening on 127.0.0.1 and closing for good: a test server's close() must
// not wait for keep-alive or tunnelled connections a client left open, so
// every socket it accepted or opened is kept and destroyed on close.
import type * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SocketKeeper {
  /** Keeps a socket (an accepted one, or one opened upstream) until it closes. */
  keep: (socket: net.Socket) => void;
  /** Destroys every kept socket, then closes the server. */
  close: () => Promise<void>;
}

export function keepSockets(server: net.Server): SocketKeeper {
  const sockets = new Set<net.Socket>();
  const keep = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', keep);
  return {
    keep,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Listens on a free loopback port and resolves with it. */
export function listenOnLoopback(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

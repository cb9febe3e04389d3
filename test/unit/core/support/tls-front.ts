// A TLS front on 127.0.0.1 that forwards the decrypted bytes to a plain TCP
// port (the simulator), so the real SDK can be tested over real TLS.
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as tls from 'node:tls';

const dir = join(__dirname, '..', 'fixtures', 'tls');
export const TEST_CA = readFileSync(join(dir, 'ca.crt'), 'utf8');

export interface TlsFront {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startTlsFront(targetPort: number, certificate: 'valid' | 'expired' = 'valid'): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(
    {
      key: readFileSync(join(dir, 'server.key')),
      cert: readFileSync(join(dir, certificate === 'valid' ? 'server.crt' : 'expired.crt')),
    },
    (secure) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      secure.pipe(upstream).pipe(secure);
      secure.on('error', () => upstream.destroy());
      upstream.on('error', () => secure.destroy());
      sockets.add(upstream);
    },
  );
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// A DNS server on 127.0.0.1 (UDP) that answers every query NXDOMAIN, and a
// lookup function that resolves through it: DNS failures without a packet
// leaving the machine.
import * as dgram from 'node:dgram';
import { Resolver } from 'node:dns';
import type { LookupFunction } from 'node:net';

export interface NxdomainServer {
  lookup: LookupFunction;
  queries: number;
  close(): Promise<void>;
}

export async function startNxdomainServer(): Promise<NxdomainServer> {
  const socket = dgram.createSocket('udp4');
  const state = { queries: 0 };
  socket.on('message', (query, remote) => {
    if (query.length < 12) return;
    state.queries++;
    const reply = Buffer.from(query);
    // QR=1, opcode copied, RD copied, RA=1, RCODE=3 (NXDOMAIN); no answers.
    reply[2] = 0x80 | ((query[2] ?? 0) & 0x79);
    reply[3] = 0x80 | 0x03;
    reply.writeUInt16BE(0, 6);
    reply.writeUInt16BE(0, 8);
    reply.writeUInt16BE(0, 10);
    socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${socket.address().port}`]);
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolver.resolve4(hostname, (error, addresses) => {
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
      if (error) {
        (callback as (err: NodeJS.ErrnoException | null) => void)(error);
        return;
      }
      const address = addresses[0] ?? '';
      if (all) (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, addresses.map((a) => ({ address: a, family: 4 })));
      else (callback as (err: null, address: string, family: number) => void)(null, address, 4);
    });
  };
  return {
    lookup,
    get queries() {
      return state.queries;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

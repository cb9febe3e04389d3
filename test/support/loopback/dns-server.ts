// A tiny authoritative DNS responder on 127.0.0.1 (UDP, node:dgram) for tests:
// A and AAAA answers per name, NXDOMAIN for unknown names, optional silence
// and delay. Node's Resolver reaches it with setServers(['127.0.0.1:PORT']).
import * as dgram from 'node:dgram';

export type DnsRecord = { a?: string[]; aaaa?: string[] } | 'nxdomain' | 'silent';

export interface DnsServer {
  port: number;
  /** "127.0.0.1:PORT", as Resolver.setServers takes it. */
  address: string;
  /** Names asked for, with their type ("A" or "AAAA"). */
  queries: { name: string; type: string }[];
  set(name: string, record: DnsRecord): void;
  close(): Promise<void>;
}

const TYPE_A = 1;
const TYPE_AAAA = 28;

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const parts = (text: string) => (text === '' ? [] : text.split(':'));
  const left = parts(head);
  const right = address.includes('::') ? parts(tail) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((group, i) => out.writeUInt16BE(parseInt(group, 16), i * 2));
  return out;
}

function readQuestion(packet: Buffer): { name: string; type: number; end: number } | undefined {
  let offset = 12;
  const labels: string[] = [];
  while (offset < packet.length) {
    const length = packet[offset]!;
    if (length === 0) break;
    labels.push(packet.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += 1 + length;
  }
  if (offset + 5 > packet.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: packet.readUInt16BE(offset + 1), end: offset + 5 };
}

function answer(query: Buffer, question: { type: number; end: number }, record: Exclude<DnsRecord, 'silent'>): Buffer {
  const nxdomain = record === 'nxdomain';
  const addresses = nxdomain ? [] : question.type === TYPE_A ? (record.a ?? []) : question.type === TYPE_AAAA ? (record.aaaa ?? []) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  const queryFlags = query.readUInt16BE(2);
  header.writeUInt16BE(0x8000 | (queryFlags & 0x7800) | 0x0400 | (queryFlags & 0x0100) | 0x0080 | (nxdomain ? 3 : 0), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const records = addresses.map((address) => {
    const data = question.type === TYPE_A ? ipv4Bytes(address) : ipv6Bytes(address);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(question.type, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, question.end), ...records]);
}

export async function startDnsServer(records: Record<string, DnsRecord> = {}, options: { delayMs?: number } = {}): Promise<DnsServer> {
  const table = new Map(Object.entries(records).map(([name, record]) => [name.toLowerCase(), record]));
  const queries: DnsServer['queries'] = [];
  const socket = dgram.createSocket('udp4');
  const timers = new Set<NodeJS.Timeout>();
  socket.on('message', (packet, peer) => {
    if (packet.length < 12) return;
    const question = readQuestion(packet);
    if (!question) return;
    queries.push({ name: question.name, type: question.type === TYPE_A ? 'A' : question.type === TYPE_AAAA ? 'AAAA' : String(question.type) });
    const record = table.get(question.name) ?? 'nxdomain';
    if (record === 'silent') return;
    const reply = answer(packet, question, record);
    const send = () => socket.send(reply, peer.port, peer.address);
    if (options.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, options.delayMs);
      timers.add(timer);
    } else {
      send();
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const port = socket.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    queries,
    set: (name, record) => table.set(name.toLowerCase(), record),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        socket.close(() => resolve());
      }),
  };
}

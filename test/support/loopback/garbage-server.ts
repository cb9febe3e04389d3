// A raw TCP server on 127.0.0.1 that answers every HTTP request with whatever
// the test scripts: a status line the client may not accept, duplicate or
// invalid headers, a content-length that lies, a gzip bomb, deeply nested JSON,
// bytes that are not UTF-8, a body that drips slower than any deadline, or a
// reset halfway. The fuzz tests generate the scripts; the client under test
// must turn each into a result or a clear error, within its deadline.
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

export type BodyScript =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  /** `{"a":{"a":…}}` nested this deep, with `leaf` at the bottom. */
  | { kind: 'deep-json'; depth: number; leaf: string }
  /** This many zero bytes, gzipped (a few hundred kB on the wire for 200 MB). */
  | { kind: 'gzip-bomb'; inflatedBytes: number };

export interface AnswerScript {
  /** The whole status line, e.g. `HTTP/1.1 200 OK`, or something that is not one. */
  statusLine: string;
  /** Written as given, in order: duplicates and invalid values included. */
  headers: [string, string][];
  body: BodyScript;
  /** Add a content-length of the body's length plus this (negative: it lies short, positive: long). */
  contentLengthSkew?: number;
  /** Send the body in chunks of this size, one every `dripMs`. */
  dripBytes?: number;
  dripMs?: number;
  /** Destroy the socket after this many body bytes. */
  resetAfterBytes?: number;
}

export interface GarbageServer {
  url: string;
  /** The script for the next requests. */
  script(answer: AnswerScript): void;
  /** Requests' head lines received so far (to check what was sent, e.g. that no key leaked). */
  requestHeads: string[];
  close(): Promise<void>;
}

const MAX_REQUEST_HEAD = 64 * 1024;

export function bodyBytes(body: BodyScript): Buffer {
  switch (body.kind) {
    case 'text':
      return Buffer.from(body.text);
    case 'bytes':
      return Buffer.from(body.bytes);
    case 'deep-json':
      return Buffer.from(`${'{"a":'.repeat(body.depth)}${body.leaf}${'}'.repeat(body.depth)}`);
    case 'gzip-bomb':
      return bombCache(body.inflatedBytes);
  }
}

const bombs = new Map<number, Buffer>();
/**
 * Concatenated gzip members of 1 MiB of zeros each (a valid gzip stream, and
 * about 1 kB per member on the wire), so making a 200 MB bomb never holds 200 MB.
 */
function bombCache(inflatedBytes: number): Buffer {
  let bomb = bombs.get(inflatedBytes);
  if (!bomb) {
    const MIB = 1024 * 1024;
    const member = zlib.gzipSync(Buffer.alloc(MIB), { level: 9 });
    const members = Math.max(1, Math.ceil(inflatedBytes / MIB));
    bomb = Buffer.concat(Array.from({ length: members }, () => member));
    bombs.set(inflatedBytes, bomb);
  }
  return bomb;
}

export async function startGarbageServer(): Promise<GarbageServer> {
  let answer: AnswerScript = { statusLine: 'HTTP/1.1 200 OK', headers: [], body: { kind: 'text', text: '{}' } };
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requestHeads: string[] = [];

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (data: Buffer) => {
      if (head.length > MAX_REQUEST_HEAD) return;
      head += data.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      requestHeads.push(head.slice(0, end));
      head = `${'x'.repeat(MAX_REQUEST_HEAD + 1)}`; // one answer per connection
      respond(socket, answer);
    });
  });

  function respond(socket: net.Socket, script: AnswerScript): void {
    const body = bodyBytes(script.body);
    const lines = [script.statusLine, ...script.headers.map(([name, value]) => `${name}: ${value}`)];
    if (script.contentLengthSkew !== undefined) lines.push(`content-length: ${Math.max(0, body.length + script.contentLengthSkew)}`);
    if (script.body.kind === 'gzip-bomb') lines.push('content-encoding: gzip');
    lines.push('connection: close');
    socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    const limit = script.resetAfterBytes !== undefined ? Math.min(script.resetAfterBytes, body.length) : body.length;
    const finish = () => {
      if (script.resetAfterBytes !== undefined) socket.resetAndDestroy();
      else socket.end();
    };
    if (!script.dripBytes || !script.dripMs) {
      socket.write(body.subarray(0, limit));
      finish();
      return;
    }
    let offset = 0;
    const step = script.dripBytes;
    const drip = () => {
      if (socket.destroyed) return;
      if (offset >= limit) return finish();
      socket.write(body.subarray(offset, Math.min(limit, offset + step)));
      offset += step;
      const timer = setTimeout(() => {
        timers.delete(timer);
        drip();
      }, script.dripMs);
      timers.add(timer);
    };
    drip();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    script: (next) => {
      answer = next;
    },
    requestHeads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

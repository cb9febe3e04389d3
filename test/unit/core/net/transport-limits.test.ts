// Where the transport's answers end: deadlines that cover a proxy tunnel,
// bodies capped after decompression, and bodies cut short reported as cut.
// Raw sockets on 127.0.0.1 play the hosts node:http would not imitate.
import assert from 'node:assert/strict';
import type { RequestListener } from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { ManualClock } from '../../../support/manual-clock';
import { createNodeFetch } from '../../../../src/core/net/node-fetch';
import { runProbe } from '../../../../src/core/probe/run-probe';
import { fetchStatusPage } from '../../../../src/core/statuspage/fetch';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';
import { probeLocalServer } from '../support/probe-local';
import { startHttpServer } from '../../../support/loopback/servers';

const LOOPBACK_VIA_PROXY = { CLAUDE_HEALTH_PROXY_LOOPBACK: '1' };

interface RawServer {
  url: string;
  /** Resolves when every connection the server accepted has closed. */
  allClosed(): Promise<void>;
  accepted(): number;
  close(): Promise<void>;
}

/** A TCP server whose every connection is handed to `onConnection` as a raw socket. */
async function startRawServer(onConnection: (socket: net.Socket) => void): Promise<RawServer> {
  const open = new Set<net.Socket>();
  let accepted = 0;
  let waiters: (() => void)[] = [];
  const server = net.createServer((socket) => {
    accepted++;
    open.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open.delete(socket);
      if (open.size === 0) for (const wake of waiters.splice(0)) wake();
    });
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    allClosed: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        waiters = [];
        server.close(() => resolve());
      }),
  };
}

/** Reads the request head, then answers with `head` and lets `then` go on with the socket. */
function answerWith(head: string, then: (socket: net.Socket) => void): (socket: net.Socket) => void {
  return (socket) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.write(head);
      then(socket);
    };
    socket.on('data', onData);
  };
}

/** A proxy that takes the CONNECT and says nothing (reading, so that it sees the client leave). */
const readButNeverAnswer = (socket: net.Socket) => void socket.resume();

const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));

describe('transport limits: deadlines, sizes and cut-off bodies', function () {
  this.timeout(20_000);

  describe('a proxy that never answers CONNECT', () => {
    // The SDK and undici load on first use; load them first so the deadlines below time the tunnel only.
    before(async () => {
      const server = await startHttpServer((_req, res) => res.end('{}'));
      const transport = createNodeFetch({ env: {} });
      await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs: 10_000, fetch: transport.fetch, clock });
      transport.close();
      await server.close();
    });

    it('is bounded by the probe deadline, and the tunnel is torn down with it', async () => {
      const silent = await startRawServer(readButNeverAnswer);
      const transport = createNodeFetch({ proxyUrl: silent.url, env: LOOPBACK_VIA_PROXY });
      try {
        const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: 'http://127.0.0.1:9999', timeoutMs: 1000, fetch: transport.fetch, clock });
        assert.equal(result?.outcome, 'timeout');
        assert.equal(silent.accepted(), 1, 'the proxy was asked');
        // No close() yet: the deadline alone released the connection to the proxy.
        await silent.allClosed();
      } finally {
        transport.close();
        await silent.close();
      }
    });

    it('is bounded by the status page deadline too (no connect timeout passed)', async () => {
      const silent = await startRawServer(readButNeverAnswer);
      const transport = createNodeFetch({ env: { ...LOOPBACK_VIA_PROXY, HTTP_PROXY: silent.url } });
      try {
        const result = await fetchStatusPage({ url: 'http://127.0.0.1:9999/api/v2/summary.json', fetch: transport.fetch, clock, timeoutMs: 1000 });
        assert.equal(result.kind === 'failed' && result.error.kind, 'timeout');
        await silent.allClosed();
      } finally {
        transport.close();
        await silent.close();
      }
    });

    it('is cancelled by close(), even for a request without a deadline', async () => {
      const silent = await startRawServer(readButNeverAnswer);
      const transport = createNodeFetch({ proxyUrl: silent.url, env: LOOPBACK_VIA_PROXY });
      const pending = transport.fetch('http://127.0.0.1:9999/');
      const outcome = pending.then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.name : 'failed'),
      );
      while (silent.accepted() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      transport.close();
      assert.equal(await outcome, 'AbortError');
      await silent.allClosed();
      await silent.close();
    });

    it('gives up at connectTimeoutMs with a proxy error when that comes first', async () => {
      const silent = await startRawServer(readButNeverAnswer);
      const transport = createNodeFetch({ proxyUrl: silent.url, env: LOOPBACK_VIA_PROXY, connectTimeoutMs: 200 });
      try {
        const request = transport.fetch('http://127.0.0.1:9999/', { signal: AbortSignal.timeout(10_000) });
        const error: unknown = await request.then(
          () => assert.fail('the silent proxy answered'),
          (failure: unknown) => failure,
        );
        assert.ok(error instanceof TypeError);
        assert.equal((error.cause as { name?: string; code?: string }).name, 'ProxyTunnelError');
        assert.equal((error.cause as { code?: string }).code, 'ERR_PROXY_TUNNEL');
        assert.match(String((error.cause as Error).message), /did not open a tunnel .* in time/);
        await silent.allClosed();
      } finally {
        transport.close();
        await silent.close();
      }
    });
  });

  describe('body size, after decompression', () => {
    const probeAnswer = (handler: RequestListener) => probeLocalServer(handler, clock, 10_000);

    it('stops reading a 50 MB probe answer at the cap', async () => {
      let written = 0;
      const result = await probeAnswer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const total = 50 * 1024 * 1024;
        const pump = () => {
          while (written < total) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (written = Math.min(written, total)));
        pump();
      });
      assert.equal(result.outcome, 'server_error');
      assert.match(result.message, /larger than 2048 kB/);
      assert.ok(written < 50 * 1024 * 1024, `the server wrote only part of it (${written} bytes)`);
    });

    it('stops inflating a gzip bomb (200 MB of zeros, about 200 kB on the wire) at the cap', async () => {
      const result = await probeAnswer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        const zeros = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const source = new Readable({
          read() {
            this.push(sent++ < 200 ? zeros : null);
          },
        });
        source.pipe(createGzip()).pipe(res);
      });
      assert.equal(result.outcome, 'server_error');
      assert.match(result.message, /larger than 2048 kB/);
    });
  });

  it('names a port that fetch refuses instead of a bare "bad port"', async () => {
    const transport = createNodeFetch({ env: {} });
    try {
      const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: 'http://127.0.0.1:6000', timeoutMs: 2000, fetch: transport.fetch, clock });
      assert.equal(result?.outcome, 'network_error');
      assert.equal(result?.networkCode, 'ERR_BLOCKED_PORT');
      assert.match(result?.message ?? '', /refuses this port/);
    } finally {
      transport.close();
    }
  });

  describe('bodies cut short', () => {
    it('reports a message stream reset after its first event as a reset, not ok', async () => {
      const head = 'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nrequest-id: req_cut\r\nconnection: close\r\n\r\n';
      const firstEvent =
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":0}}}\n\n';
      const server = await startRawServer(
        answerWith(head, (socket) => {
          socket.write(firstEvent, () => setTimeout(() => socket.resetAndDestroy(), 50));
        }),
      );
      const transport = createNodeFetch({ env: {} });
      try {
        const [result] = await runProbe({ mode: 'message', models: ['claude-haiku-4-5'], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs: 5000, fetch: transport.fetch, clock });
        assert.equal(result?.outcome, 'network_error');
        assert.equal(result?.networkCode, 'ECONNRESET');
        assertNoSentinel(JSON.stringify(result), 'result');
      } finally {
        transport.close();
        await server.close();
      }
    });

    it('reports a status page reset mid-body as a reset, not as malformed JSON', async () => {
      const server = await startRawServer(
        answerWith('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n', (socket) => {
          socket.write('{"page":{"id":"x","name":"Claude"', () => setTimeout(() => socket.resetAndDestroy(), 50));
        }),
      );
      const transport = createNodeFetch({ env: {} });
      try {
        const result = await fetchStatusPage({ url: `${server.url}/api/v2/summary.json`, fetch: transport.fetch, clock, timeoutMs: 5000 });
        assert.equal(result.kind, 'failed');
        assert.equal(result.kind === 'failed' && result.error.kind, 'network');
        assert.equal(result.kind === 'failed' && result.error.code, 'ECONNRESET');
      } finally {
        transport.close();
        await server.close();
      }
    });

    it('reports a status page that drips past the deadline as a timeout', async () => {
      const timers = new Set<NodeJS.Timeout>();
      const server = await startRawServer(
        answerWith('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"page":', (socket) => {
          const timer = setInterval(() => socket.write(' '), 30);
          timers.add(timer);
          socket.on('close', () => clearInterval(timer));
        }),
      );
      const transport = createNodeFetch({ env: {} });
      try {
        const result = await fetchStatusPage({ url: `${server.url}/api/v2/summary.json`, fetch: transport.fetch, clock, timeoutMs: 400 });
        assert.equal(result.kind === 'failed' && result.error.kind, 'timeout', JSON.stringify(result));
      } finally {
        for (const timer of timers) clearInterval(timer);
        transport.close();
        await server.close();
      }
    });

    it('still reads a body that the server ends cleanly by closing the connection', async () => {
      const server = await startRawServer(
        answerWith('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n', (socket) => {
          socket.end('all of it');
        }),
      );
      const transport = createNodeFetch({ env: {} });
      try {
        const response = await transport.fetch(server.url);
        assert.equal(await response.text(), 'all of it');
      } finally {
        transport.close();
        await server.close();
      }
    });
  });
});

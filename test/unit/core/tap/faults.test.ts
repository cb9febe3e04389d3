// The tap when the upstream fails: refused, silent, reset before or during
// the answer, a TLS handshake that fails, an answer that is not HTTP. The
// client always hears back within the timeout, in the API's error shape when
// nothing was answered yet, and the tap records a network observation.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { testCertificates } from '../../../support/loopback/certificates';
import { startGarbageServer, type GarbageServer } from '../../../support/loopback/garbage-server';
import { listenOnLoopback, keepSockets } from '../../../support/loopback/listen';
import { closedPort, startHttpsServer, startSilentServer } from '../../../support/loopback/servers';
import { SimClient } from '../../../support/sim-client';
import { API_HEADERS, messageBody, send, startCollectingTap, waitFor, type Sent } from './support';

const TIMEOUT_MS = 800;

function assertGatewayError(answer: Sent, status: number, message: RegExp): void {
  assert.equal(answer.status, status);
  const document = JSON.parse(answer.body.toString());
  assert.equal(document.type, 'error');
  assert.equal(document.error.type, 'api_error');
  assert.match(document.error.message, /^claude-health tap: /);
  assert.match(document.error.message, message);
}

/** A server that accepts, reads the request, and resets the connection without a byte of answer. */
async function startResettingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.resetAndDestroy());
  });
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, close: sockets.close };
}

describe('traffic tap: upstream faults', () => {
  it('answers 502 in the API error shape when the upstream refuses the connection, and records network', async () => {
    const port = await closedPort();
    const { tap, records } = await startCollectingTap({ upstream: `http://127.0.0.1:${port}`, timeoutMs: TIMEOUT_MS });
    try {
      const answer = await send(tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody() });
      assertGatewayError(answer, 502, /ECONNREFUSED/);
      await waitFor(() => records.length === 1, 'the record');
      assert.equal(records[0]?.kind, 'network');
      assert.equal(records[0]?.networkCode, 'ECONNREFUSED');
      assert.equal(records[0]?.clientStatus, 502);
      assert.equal(records[0]?.status, undefined);
      assert.equal(records[0]?.model, undefined, 'the body was never read by anyone: no model is claimed');
    } finally {
      await tap.close();
    }
  });

  it('answers 504 within the timeout when the upstream accepts and never speaks', async () => {
    const silent = await startSilentServer();
    const { tap, records } = await startCollectingTap({ upstream: silent.url, timeoutMs: TIMEOUT_MS });
    try {
      const started = Date.now();
      const answer = await send(tap.url, '/v1/models', { headers: API_HEADERS });
      const elapsed = Date.now() - started;
      assertGatewayError(answer, 504, /did not answer (within 800 ms|in time)/);
      assert.ok(elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + 5_000, `answered after ${elapsed} ms`);
      await waitFor(() => records.length === 1, 'the record');
      assert.equal(records[0]?.kind, 'network');
      assert.equal(records[0]?.clientStatus, 504);
    } finally {
      await tap.close();
      await silent.close();
    }
  });

  it('answers 504 when the simulator hangs, and 502 when it resets a request before answering', async () => {
    const sim = await SimClient.start();
    const resetting = await startResettingServer();
    const hanging = await startCollectingTap({ upstream: sim.url, timeoutMs: TIMEOUT_MS });
    const reset = await startCollectingTap({ upstream: resetting.url, timeoutMs: TIMEOUT_MS });
    try {
      await sim.script([{ kind: 'hang' }]);
      assertGatewayError(await send(hanging.tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody() }), 504, /in time|within/);
      assertGatewayError(await send(reset.tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody() }), 502, /ECONNRESET/);
      await waitFor(() => hanging.records.length === 1 && reset.records.length === 1, 'the records');
      assert.equal(hanging.records[0]?.kind, 'network');
      assert.equal(reset.records[0]?.kind, 'network');
      assert.equal(reset.records[0]?.networkCode, 'ECONNRESET');
    } finally {
      await hanging.tap.close();
      await reset.tap.close();
      await resetting.close();
      await sim.close();
    }
  });

  it('cuts the client stream when the upstream resets mid-answer, as the client would have seen it directly', async () => {
    const sim = await SimClient.start();
    const { tap, records } = await startCollectingTap({ upstream: sim.url, timeoutMs: TIMEOUT_MS });
    try {
      for (const stream of [false, true]) {
        await sim.script([{ kind: 'reset' }]);
        const answer = await send(tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody('claude-haiku-4-5', { stream }) });
        assert.equal(answer.status, 200);
        assert.equal(answer.broken, true, `the ${stream ? 'stream' : 'body'} was cut, not ended`);
      }
      await waitFor(() => records.length === 2, 'the records');
      for (const record of records) {
        assert.equal(record.kind, 'network');
        assert.equal(record.status, 200);
        assert.equal(record.clientStatus, 0);
      }
    } finally {
      await tap.close();
      await sim.close();
    }
  });

  it('answers 502 naming TLS when the upstream certificate is not trusted, and passes through once it is', async () => {
    const certs = testCertificates();
    const sim = await SimClient.start();
    const selfSigned = await startHttpsServer({ ...certs.selfSigned, forwardTo: sim.url });
    const valid = await startHttpsServer({ key: certs.valid.key, cert: certs.valid.cert, forwardTo: sim.url });
    const untrusting = await startCollectingTap({ upstream: selfSigned.url, timeoutMs: 5_000 });
    const trusting = await startCollectingTap({ upstream: valid.url, ca: certs.ca.cert, timeoutMs: 5_000 });
    try {
      assertGatewayError(await send(untrusting.tap.url, '/v1/models', { headers: API_HEADERS }), 502, /TLS|certificate/i);
      await waitFor(() => untrusting.records.length === 1, 'the record');
      assert.equal(untrusting.records[0]?.kind, 'network');
      assert.equal(untrusting.records[0]?.networkCode, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      const answer = await send(trusting.tap.url, '/v1/models?limit=1', { headers: API_HEADERS });
      assert.equal(answer.status, 200);
    } finally {
      await untrusting.tap.close();
      await trusting.tap.close();
      await selfSigned.close();
      await valid.close();
      await sim.close();
    }
  });

  describe('an answer that is not HTTP', () => {
    let garbage: GarbageServer;
    before(async () => {
      garbage = await startGarbageServer();
    });
    after(() => garbage.close());

    it('answers 502 for a status line that is not one', async () => {
      garbage.script({ statusLine: 'HTTP/1.1 abc nonsense', headers: [], body: { kind: 'text', text: 'x' } });
      const { tap, records } = await startCollectingTap({ upstream: garbage.url, timeoutMs: TIMEOUT_MS });
      try {
        assertGatewayError(await send(tap.url, '/v1/models', { headers: API_HEADERS }), 502, /upstream/);
        await waitFor(() => records.length === 1, 'the record');
        assert.equal(records[0]?.kind, 'network');
      } finally {
        await tap.close();
      }
    });

    it('passes a body that drips slower than the timeout only until the timeout, then cuts it', async () => {
      garbage.script({ statusLine: 'HTTP/1.1 200 OK', headers: [['content-type', 'text/event-stream']], body: { kind: 'text', text: 'event: ping\ndata: {}\n\n'.repeat(50) }, dripBytes: 10, dripMs: 5_000 });
      const { tap, records } = await startCollectingTap({ upstream: garbage.url, timeoutMs: TIMEOUT_MS });
      try {
        const answer = await send(tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody() });
        assert.equal(answer.status, 200);
        assert.equal(answer.broken, true);
        assert.equal(answer.body.toString(), 'event: pin', 'the first drip came through at once');
        await waitFor(() => records.length === 1, 'the record');
        assert.equal(records[0]?.kind, 'network');
        assert.equal(records[0]?.networkCode, 'UND_ERR_BODY_TIMEOUT');
      } finally {
        await tap.close();
      }
    });
  });
});

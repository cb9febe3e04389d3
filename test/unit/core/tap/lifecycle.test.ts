// The tap's edges: a client that leaves early cancels the upstream request,
// 200 concurrent connections leave no socket behind, the key reaches the
// upstream and nothing else, the proxy route is the probes' own, and the
// configurations it must refuse are refused before any request.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { startTap, TapSetupError } from '../../../../src/core/tap/tap-server';
import { testCertificates } from '../../../support/loopback/certificates';
import { startConnectProxy } from '../../../support/loopback/connect-proxy';
import { startRecordingFront } from '../../../support/loopback/recording-front';
import { closedPort, startHttpServer, startHttpsServer } from '../../../support/loopback/servers';
import { SimClient } from '../../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';
import { API_HEADERS, messageBody, send, startCollectingTap, waitFor } from './support';

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap').length;
}

describe('traffic tap: lifecycle', () => {
  it('cancels the upstream request when the client disconnects mid-stream, and before the answer', async () => {
    const upstreamClosed: string[] = [];
    const upstream = await startHttpServer((req, res) => {
      res.on('close', () => upstreamClosed.push(req.url ?? ''));
      if (req.url === '/v1/silent') return; // holds the request, never answers
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write('event: ping\ndata: {"type":"ping"}\n\n'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const { tap, records, lines } = await startCollectingTap({ upstream: upstream.url, timeoutMs: 30_000 });
    try {
      const url = new URL(tap.url);
      await new Promise<void>((resolve, reject) => {
        const request = http.request({ host: url.hostname, port: url.port, path: '/v1/stream', method: 'POST', headers: API_HEADERS, agent: false }, (response) => {
          response.once('data', () => {
            request.destroy();
            resolve();
          });
        });
        request.on('error', () => undefined);
        request.once('error', reject);
        request.end(messageBody());
      });
      await waitFor(() => upstreamClosed.includes('/v1/stream'), 'the upstream stream to be cancelled');
      await waitFor(() => records.length === 1, 'the record of the cut stream');
      assert.equal(records[0]?.status, 200);
      assert.equal(records[0]?.kind, 'ok', 'the API answered fine; the client left');
      const silent = http.request({ host: url.hostname, port: url.port, path: '/v1/silent', agent: false });
      silent.on('error', () => undefined);
      silent.end();
      await waitFor(() => tap.active === 1, 'the silent request to be in flight');
      await new Promise((resolve) => setTimeout(resolve, 50)); // let it reach the upstream: nothing to wait on from here
      silent.destroy();
      await waitFor(() => upstreamClosed.includes('/v1/silent'), 'the unanswered upstream request to be cancelled');
      await waitFor(() => lines.some((line) => /client closed the connection before the answer/.test(line)), 'the log line');
      assert.equal(records.length, 1, 'a request the client gave up on is not an API observation');
      await waitFor(() => tap.active === 0, 'no request in flight');
    } finally {
      await tap.close();
      await upstream.close();
    }
  });

  it('serves 200 concurrent connections, answers each, and leaves no socket open after close', async () => {
    const sim = await SimClient.start();
    const baseline = tcpHandles();
    const { tap, records } = await startCollectingTap({ upstream: sim.url });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody('claude-haiku-4-5', { stream: i % 2 === 0 }) }),
      ),
    );
    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
    assert.ok(answers.every((answer) => !answer.broken && answer.body.length > 0));
    await waitFor(() => records.length === 200, '200 records');
    await waitFor(() => tap.active === 0, 'every exchange to end');
    await tap.close();
    await waitFor(() => tcpHandles() <= baseline, `the tap's sockets to close (baseline ${baseline}, now ${tcpHandles()})`);
    await sim.close();
  });

  it('keeps many requests in flight to the upstream at once, not one after another', async () => {
    // The upstream answers only once all of them are waiting: a tap that queued them on one connection would never get there.
    const together = 20;
    const waiting: http.ServerResponse[] = [];
    const upstream = await startHttpServer((_req, res) => {
      waiting.push(res);
      if (waiting.length === together) for (const held of waiting) held.end('{}');
    });
    const { tap } = await startCollectingTap({ upstream: upstream.url });
    try {
      const answers = await Promise.all(Array.from({ length: together }, () => send(tap.url, '/v1/models', { headers: API_HEADERS })));
      assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
    } finally {
      await tap.close();
      await upstream.close();
    }
  });

  it('forwards the key to the upstream only: never in a record or a log line, on success or failure', async () => {
    const sim = await SimClient.start();
    const front = await startRecordingFront(sim.url);
    const { tap, records, lines } = await startCollectingTap({ upstream: front.url, timeoutMs: 1_000 });
    const refused = await startCollectingTap({ upstream: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 1_000 });
    try {
      const keyed = [
        { ...API_HEADERS, 'x-api-key': SENTINEL_KEY },
        { 'content-type': 'application/json', 'anthropic-version': '2026-10-21', authorization: `Bearer ${SENTINEL_KEY}` },
      ];
      await sim.script([{ kind: 'unauthorized' }, { kind: 'stream_overloaded' }]);
      for (const headers of keyed) {
        for (const stream of [false, true]) await send(tap.url, `/v1/messages?key=${SENTINEL_KEY}`, { method: 'POST', headers, body: messageBody('claude-haiku-4-5', { stream }) });
        await send(refused.tap.url, '/v1/messages', { method: 'POST', headers, body: messageBody() });
      }
      await waitFor(() => records.length === 4 && refused.records.length === 2, 'the records');
      const upstreamSaw = front.exchanges.map((exchange) => exchange.rawHeaders.join('\n')).join('\n');
      assert.ok(upstreamSaw.includes(`x-api-key\n${SENTINEL_KEY}`) && upstreamSaw.includes(`Bearer ${SENTINEL_KEY}`), 'the upstream got the key both ways');
      for (const [where, text] of [['records', JSON.stringify([...records, ...refused.records])], ['log', [...lines, ...refused.lines].join('\n')]] as const) {
        assertNoSentinel(text, where);
      }
    } finally {
      await tap.close();
      await refused.tap.close();
      await front.close();
      await sim.close();
    }
  });

  it('goes through the proxy the environment names, as the probes do, and keeps the key from plain http through it', async () => {
    const certs = testCertificates();
    const sim = await SimClient.start();
    const https = await startHttpsServer({ key: certs.valid.key, cert: certs.valid.cert, forwardTo: sim.url });
    const proxy = await startConnectProxy();
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, CLAUDE_HEALTH_PROXY_LOOPBACK: '1' };
    const { tap } = await startCollectingTap({ upstream: https.url, ca: certs.ca.cert, env });
    try {
      const answer = await send(tap.url, '/v1/models?limit=1', { headers: API_HEADERS });
      assert.equal(answer.status, 200);
      assert.deepEqual(proxy.requests.map((request) => request.authority), [`127.0.0.1:${https.port}`]);
      await assert.rejects(startTap({ upstream: sim.url, env }), (error: unknown) => error instanceof TapSetupError && error.reason === 'key' && /proxy/.test(error.message));
      const allowed = await startTap({ upstream: sim.url, env, allowedInsecureOrigins: [sim.url] });
      await allowed.close();
    } finally {
      await tap.close();
      await proxy.close();
      await https.close();
      await sim.close();
    }
  });

  it('refuses plain http to another machine, a bad upstream, an upstream that is itself, and a taken port', async () => {
    await assert.rejects(startTap({ upstream: 'http://192.0.2.10:8080', env: {} }), (error: unknown) => error instanceof TapSetupError && error.reason === 'key');
    await assert.rejects(startTap({ upstream: 'ftp://example.com', env: {} }), (error: unknown) => error instanceof TapSetupError && error.reason === 'upstream');
    const port = await closedPort();
    await assert.rejects(startTap({ upstream: `http://localhost:${port}`, port, env: {} }), (error: unknown) => error instanceof TapSetupError && error.reason === 'loop');
    const first = await startTap({ upstream: 'https://api.anthropic.com', env: {} });
    try {
      await assert.rejects(startTap({ upstream: 'https://api.anthropic.com', port: first.port, env: {} }), (error: unknown) => error instanceof TapSetupError && error.reason === 'port');
    } finally {
      await first.close();
    }
  });
});

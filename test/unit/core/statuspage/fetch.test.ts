import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { ManualClock } from '../../../support/manual-clock';
import { createNodeFetch, type NodeFetch } from '../../../../src/core/net/node-fetch';
import { fetchStatusPage } from '../../../../src/core/statuspage/fetch';
import { SimClient } from '../../../support/sim-client';
import { closedPort, startHttpServer, type LoopbackServer } from '../../../support/loopback/servers';

function pageFault(fault: 'html_error' | 'malformed_json' | 'hang') {
  return { name: `page-${fault}`, description: `the status page answers with ${fault}`, phases: [{ name: 'only', statusPage: { indicator: 'none', fault } }] };
}

describe('status page fetch (against the simulator)', () => {
  let sim: SimClient;
  let transport: NodeFetch;
  const clock = new ManualClock();

  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy' });
    transport = createNodeFetch({ env: {} });
  });
  after(async () => {
    transport.close();
    await sim.close();
  });
  beforeEach(async () => {
    await sim.useScenario('healthy');
  });

  it('reads a fresh summary, then gets a 304 for the same validators', async () => {
    const url = `${sim.url}/api/v2/summary.json`;
    const first = await fetchStatusPage({ url, fetch: transport.fetch, clock });
    assert.equal(first.kind, 'fresh');
    if (first.kind !== 'fresh') return;
    assert.equal(first.snapshot.indicator, 'none');
    assert.ok(first.snapshot.components.some((c) => c.id === 'k8w3r06qmzrp'));
    assert.ok(first.validators.etag);
    const second = await fetchStatusPage({ url, fetch: transport.fetch, clock, validators: first.validators });
    assert.equal(second.kind, 'not_modified');
    const onlyDate = await fetchStatusPage({ url, fetch: transport.fetch, clock, validators: { lastModified: first.validators.lastModified } });
    assert.equal(onlyDate.kind, 'not_modified');
    const requests = await sim.requests();
    assert.deepEqual(
      requests.filter((r) => r.path === '/api/v2/summary.json').map((r) => r.status),
      [200, 304, 304],
    );
  });

  it('classifies an HTML error page', async () => {
    await sim.useScenario(pageFault('html_error'));
    const result = await fetchStatusPage({ url: `${sim.url}/api/v2/summary.json`, fetch: transport.fetch, clock });
    assert.deepEqual(result, { kind: 'failed', error: { kind: 'http_status', httpStatus: 503, message: 'HTTP 503 (an HTML error page)' } });
  });

  it('classifies malformed (truncated) JSON', async () => {
    await sim.useScenario(pageFault('malformed_json'));
    const result = await fetchStatusPage({ url: `${sim.url}/api/v2/summary.json`, fetch: transport.fetch, clock });
    assert.equal(result.kind, 'failed');
    if (result.kind === 'failed') {
      assert.equal(result.error.kind, 'invalid_json');
      assert.match(result.error.message, /malformed JSON \(\d+ bytes; truncated\?\)/);
    }
  });

  it('gives up on a page that hangs, as a timeout', async () => {
    await sim.useScenario(pageFault('hang'));
    const result = await fetchStatusPage({ url: `${sim.url}/api/v2/summary.json`, fetch: transport.fetch, clock, timeoutMs: 300 });
    assert.deepEqual(result, { kind: 'failed', error: { kind: 'timeout', message: 'no complete answer within 0.3 s' } });
  });

  it('reports a refused connection with its code', async () => {
    const port = await closedPort();
    const result = await fetchStatusPage({ url: `http://127.0.0.1:${port}/api/v2/summary.json`, fetch: transport.fetch, clock });
    assert.deepEqual(result, { kind: 'failed', error: { kind: 'network', code: 'ECONNREFUSED', message: 'ECONNREFUSED: connection refused' } });
  });
});

describe('status page fetch (odd answers from a local server)', () => {
  let server: LoopbackServer;
  let transport: NodeFetch;
  const clock = new ManualClock();
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/portal': (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Please log in to the hotel Wi-Fi</body></html>');
    },
    '/huge': (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', pump);
        else res.end('{}');
      };
      pump();
    },
    '/declared-huge': (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      res.write('{');
    },
    '/cut': (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"status":{"indicator":"none"');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    '/empty': (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    },
    '/teapot': (res) => {
      res.writeHead(418);
      res.end('short and stout');
    },
    '/not-statuspage': (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"hello":"world"}');
    },
    '/gzip': (res) => {
      const body = gzipSync(JSON.stringify({ status: { indicator: 'minor', description: 'Minor' }, components: [] }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(body);
    },
  };

  before(async () => {
    server = await startHttpServer((req, res) => routes[req.url ?? '']?.(res));
    transport = createNodeFetch({ env: {} });
  });
  after(async () => {
    transport.close();
    await server.close();
  });

  const read = (path: string, maxBytes?: number) => fetchStatusPage({ url: `${server.url}${path}`, fetch: transport.fetch, clock, maxBytes, timeoutMs: 5000 });

  it('says so when a 200 is an HTML page (captive portal)', async () => {
    assert.deepEqual(await read('/portal'), {
      kind: 'failed',
      error: { kind: 'not_json', httpStatus: 200, message: 'an HTML page instead of JSON (a captive portal or proxy?)' },
    });
  });

  it('caps the body size, whether declared or streamed', async () => {
    const streamed = await read('/huge', 256 * 1024);
    assert.equal(streamed.kind === 'failed' && streamed.error.kind, 'too_large');
    const declared = await read('/declared-huge');
    assert.equal(declared.kind === 'failed' && declared.error.kind, 'too_large');
  });

  it('classifies a body cut off mid-way as a network error', async () => {
    const result = await read('/cut');
    assert.equal(result.kind, 'failed');
    if (result.kind === 'failed') {
      assert.equal(result.error.kind, 'network');
      assert.equal(result.error.code, 'ECONNRESET');
    }
  });

  it('classifies empty, non-200 and non-Statuspage answers', async () => {
    const empty = await read('/empty');
    assert.equal(empty.kind === 'failed' && empty.error.message, 'an empty answer instead of JSON');
    const teapot = await read('/teapot');
    assert.equal(teapot.kind === 'failed' && teapot.error.httpStatus, 418);
    const other = await read('/not-statuspage');
    assert.equal(other.kind === 'failed' && other.error.kind, 'unrecognised');
  });

  it('decodes a gzip body', async () => {
    const result = await read('/gzip');
    assert.equal(result.kind === 'fresh' && result.snapshot.indicator, 'minor');
  });
});

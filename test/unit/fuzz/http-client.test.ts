// Property tests of the HTTP client against a raw TCP server answering with
// generated garbage (invalid status lines, duplicate or invalid headers,
// lying content-lengths, gzip bombs, deep JSON, bytes that are not UTF-8,
// slow drips, resets): fetchStatusPage and runProbe, through createNodeFetch,
// always return a result, within their deadline, without the key, and a body
// cut short is never a success. Memory stays bounded on a 200 MB gzip bomb
// and a 50 MB body.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { systemClock } from '../../../src/core/clock';
import { createNodeFetch, type NodeFetch } from '../../../src/core/net/node-fetch';
import { runProbe } from '../../../src/core/probe/run-probe';
import { DEFAULT_PROBE_MODEL } from '../../../src/core/settings';
import type { ProbeResult } from '../../../src/core/probe/types';
import { fetchStatusPage, type StatusPageResult } from '../../../src/core/statuspage/fetch';
import { fuzzAsync } from '../../support/fuzz';
import { bodyBytes, startGarbageServer, type AnswerScript, type BodyScript, type GarbageServer } from '../../support/loopback/garbage-server';
import { SimClient } from '../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const TIMEOUT_MS = 400;
/** A hang guard, not a speed check: far above the deadline on a loaded machine. */
const SLACK_MS = 5000;
const MIB = 1024 * 1024;

const STATUS_LINES = [
  'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.0 200 OK', 'HTTP/1.1 529 Overloaded', 'HTTP/1.1 503 Service Unavailable',
  'HTTP/1.1 302 Found', 'HTTP/1.1 304 Not Modified', 'HTTP/1.1 204 No Content', 'HTTP/1.1 429 Too Many Requests', 'HTTP/1.1 099 Low',
  'HTTP/1.1 1000 High', 'HTTP/2 200', 'HTTP/1.1 200', 'HTTP/1.1 OK', 'garbage', '', 'HTTP/1.1 200 OK\u0000', `HTTP/1.1 401 ${SENTINEL_KEY}`,
];

const HEADERS: [string, string][] = [
  ['content-type', 'application/json'], ['content-type', 'application/json'], ['content-type', 'text/html'], ['content-type', 'text/event-stream'],
  ['content-type', 'application/json; charset=latin1'], ['content-length', '0'], ['content-length', '-1'], ['content-length', 'abc'],
  ['content-length', '99999999999999999999'], ['transfer-encoding', 'chunked'], ['transfer-encoding', 'gzip, chunked'], ['content-encoding', 'gzip'],
  ['content-encoding', 'br'], ['retry-after', 'soon'], ['retry-after', '-5'], ['retry-after', '1e308'], ['request-id', SENTINEL_KEY],
  ['x-echo', `x-api-key: ${SENTINEL_KEY}`], ['bad header', 'x'], ['x-ctl', 'a\u0001b'], ['etag', '"v1"'], ['last-modified', 'yesterday'],
  ['anthropic-ratelimit-requests-limit', 'NaN'], ['set-cookie', 'a=b'], ['location', '/v1/models'], ['location', 'http://example.invalid/'],
];

/** Filled in with real answers from the simulator, so that a success is possible and truncation matters. */
const VALID = { summary: '{}', models: '{"data":[],"has_more":false,"first_id":null,"last_id":null}' };

const body: fc.Arbitrary<BodyScript> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('summary', 'models').map((which) => ({ kind: 'text' as const, text: VALID[which] })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => ({ kind: 'text' as const, text: `{"type":"error","error":{"type":"authentication_error","message":"${s} ${SENTINEL_KEY}"}}` })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'text' as const, text: `event: message_start\ndata: {"type":"message_start","key":"${SENTINEL_KEY}"}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error"}}\n\n` }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
  { weight: 1, arbitrary: fc.constantFrom(10, 1000, 100_000).map((depth) => ({ kind: 'deep-json' as const, depth, leaf: '"x"' })) },
  { weight: 1, arbitrary: fc.constantFrom(1, 8).map((mib) => ({ kind: 'gzip-bomb' as const, inflatedBytes: mib * MIB })) },
);

const script: fc.Arbitrary<AnswerScript> = fc.record(
  {
    statusLine: fc.constantFrom(...STATUS_LINES),
    headers: fc.array(fc.constantFrom(...HEADERS), { maxLength: 6 }),
    body,
    contentLengthSkew: fc.integer({ min: -20, max: 20 }),
    drip: fc.option(fc.record({ dripBytes: fc.integer({ min: 1, max: 64 }), dripMs: fc.constantFrom(20, 150, 600) }), { freq: 8, nil: undefined }),
    resetAfterBytes: fc.integer({ min: 0, max: 400 }),
  },
  { requiredKeys: ['statusLine', 'headers', 'body'] },
).map(({ drip, ...rest }) => ({ ...rest, ...(drip ?? {}) }));

/** The client can tell the body was cut short: the socket was reset inside it, or it promised more than it sent. */
function truncated(answer: AnswerScript): boolean {
  const length = bodyBytes(answer.body).length;
  if (answer.resetAfterBytes !== undefined && answer.resetAfterBytes < length) return true;
  return answer.contentLengthSkew !== undefined && answer.contentLengthSkew > 0;
}

describe('HTTP client against a garbage server (fuzz)', function () {
  this.timeout(120_000);
  let server: GarbageServer;
  let transport: NodeFetch;

  before(async () => {
    const sim = await SimClient.start({ scenario: 'healthy', requiredApiKey: SENTINEL_KEY });
    try {
      VALID.summary = await (await fetch(`${sim.url}/api/v2/summary.json`)).text();
      VALID.models = await (await fetch(`${sim.url}/v1/models?limit=1`, { headers: { 'x-api-key': SENTINEL_KEY, 'anthropic-version': '2023-06-01' } })).text();
    } finally {
      await sim.close();
    }
    server = await startGarbageServer();
    transport = createNodeFetch({ env: {}, connectTimeoutMs: TIMEOUT_MS });
  });
  after(async () => {
    transport.close();
    await server.close();
  });

  async function both(answer: AnswerScript, mode: 'models' | 'message'): Promise<{ page: StatusPageResult; probes: ProbeResult[]; ms: number }> {
    server.script(answer);
    const started = performance.now();
    const page = await fetchStatusPage({ url: `${server.url}/api/v2/summary.json`, fetch: transport.fetch, clock: systemClock, timeoutMs: TIMEOUT_MS });
    const probes = await runProbe({ mode, models: mode === 'message' ? [DEFAULT_PROBE_MODEL, DEFAULT_PROBE_MODEL] : [], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs: TIMEOUT_MS, fetch: transport.fetch, clock: systemClock });
    return { page, probes, ms: performance.now() - started };
  }

  it('returns a result within its deadline, never the key, and never a success from a truncated body', async () => {
    await fuzzAsync(
      fc.asyncProperty(script, fc.constantFrom<'models' | 'message'>('models', 'models', 'models', 'message'), async (answer, mode) => {
        const { page, probes, ms } = await both(answer, mode);
        // Two sequential calls, each with its own deadline.
        assert.ok(ms < 2 * TIMEOUT_MS + SLACK_MS, `took ${Math.round(ms)} ms`);
        assert.ok(['fresh', 'not_modified', 'failed'].includes(page.kind));
        assert.equal(probes.length, mode === 'message' ? 2 : 1);
        assertNoSentinel(JSON.stringify(page), 'status page result');
        assertNoSentinel(JSON.stringify(probes), 'probe results');
        if (truncated(answer)) {
          assert.notEqual(page.kind, 'fresh', `a truncated body read as a fresh page: ${JSON.stringify(page).slice(0, 300)}`);
          for (const probe of probes) assert.notEqual(probe.outcome, 'ok', `a truncated body read as ok: ${JSON.stringify(probe)}`);
        }
      }),
      40,
    );
  });

  it('reads a valid answer as a success (the generator can succeed)', async () => {
    const headers: [string, string][] = [['content-type', 'application/json']];
    const page = await both({ statusLine: 'HTTP/1.1 200 OK', headers, body: { kind: 'text', text: VALID.summary }, contentLengthSkew: 0 }, 'models');
    assert.equal(page.page.kind, 'fresh', JSON.stringify(page.page));
    const models = await both({ statusLine: 'HTTP/1.1 200 OK', headers, body: { kind: 'text', text: VALID.models }, contentLengthSkew: 0 }, 'models');
    assert.equal(models.probes[0]?.outcome, 'ok', JSON.stringify(models.probes));
    const cut = await both({ statusLine: 'HTTP/1.1 200 OK', headers, body: { kind: 'text', text: VALID.summary }, resetAfterBytes: 40 }, 'models');
    assert.equal(cut.page.kind, 'failed');
    assert.notEqual(cut.probes[0]?.outcome, 'ok');
  });

  it('leaves out a request id, error type or code that echoes the key (found by the fuzz)', async () => {
    const echoed: AnswerScript = {
      statusLine: 'HTTP/1.1 401 Unauthorized',
      headers: [['content-type', 'application/json'], ['request-id', SENTINEL_KEY]],
      body: { kind: 'text', text: JSON.stringify({ type: 'error', error: { type: SENTINEL_KEY, message: 'no', details: { error_code: SENTINEL_KEY } } }) },
      contentLengthSkew: 0,
    };
    const { probes } = await both(echoed, 'models');
    assert.equal(probes[0]?.outcome, 'auth_error');
    assert.equal(probes[0]?.requestId, undefined);
    assertNoSentinel(JSON.stringify(probes), 'probe results');
    const { probes: ok } = await both({ ...echoed, headers: [['content-type', 'application/json'], ['request-id', 'req_011CTestRequestId']] }, 'models');
    assert.equal(ok[0]?.requestId, 'req_011CTestRequestId', 'a real request id is kept');
  });

  it('keeps memory bounded on a 200 MB gzip bomb and a 50 MB body', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const headers: [string, string][] = [['content-type', 'application/json']];
    const cases: AnswerScript[] = [
      { statusLine: 'HTTP/1.1 200 OK', headers, body: { kind: 'gzip-bomb', inflatedBytes: 200 * MIB } },
      { statusLine: 'HTTP/1.1 200 OK', headers, body: { kind: 'bytes', bytes: new Uint8Array(50 * MIB).fill(0x61) }, contentLengthSkew: 0 },
    ];
    for (const answer of cases) {
      bodyBytes(answer.body); // built (and cached) before the baseline
      gc?.();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }, 5);
      try {
        server.script(answer);
        const page = await fetchStatusPage({ url: `${server.url}/api/v2/summary.json`, fetch: transport.fetch, clock: systemClock, timeoutMs: 5000 });
        const probes = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs: 5000, fetch: transport.fetch, clock: systemClock });
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        assert.equal(page.kind, 'failed', JSON.stringify(page));
        assert.notEqual(probes[0]?.outcome, 'ok');
      } finally {
        clearInterval(sampler);
      }
      const grownMiB = (peak - baseline) / MIB;
      assert.ok(grownMiB < 64, `${answer.body.kind}: heap grew by ${grownMiB.toFixed(1)} MiB`);
    }
  });
});

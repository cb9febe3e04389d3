// Every outcome the probe can report, produced by the real SDK over real
// sockets against the simulator (and, for what the simulator cannot send, a
// local server): no mocks between the SDK and the classification.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../support/manual-clock';
import { runProbe } from '../../../../src/core/probe/run-probe';
import { createNodeFetch, type NodeFetch } from '../../../../src/core/net/node-fetch';
import type { ProbeResult } from '../../../../src/core/probe/types';
import type { ProbeMode } from '../../../../src/core/settings';
import type { FaultKind, ScriptedFault } from '../../../../src/sim/scenario';
import { SimClient } from '../../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';
import { probeLocalServer } from '../support/probe-local';
import { closedPort } from '../../../support/loopback/servers';

describe('probe through the SDK (against the simulator)', function () {
  this.timeout(30_000);
  let sim: SimClient;
  let transport: NodeFetch;
  const clock = new ManualClock();

  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy', requiredApiKey: SENTINEL_KEY });
    transport = createNodeFetch({ env: {} });
  });
  after(async () => {
    transport.close();
    await sim.close();
  });
  beforeEach(async () => {
    await sim.reset();
  });

  async function probe(mode: ProbeMode, fault?: ScriptedFault, options: { timeoutMs?: number; models?: string[]; apiKey?: string } = {}): Promise<ProbeResult[]> {
    if (fault) await sim.script([fault]);
    const results = await runProbe({
      mode,
      models: options.models ?? ['claude-haiku-4-5'],
      apiKey: options.apiKey ?? SENTINEL_KEY,
      baseUrl: sim.url,
      timeoutMs: options.timeoutMs ?? 5000,
      fetch: transport.fetch,
      clock,
    });
    assertNoSentinel(JSON.stringify(results), `${mode} ${fault?.kind ?? 'ok'} result`);
    return results;
  }

  const expectations: [FaultKind, Partial<ProbeResult>][] = [
    ['overloaded', { outcome: 'overloaded', httpStatus: 529, errorType: 'overloaded_error', shouldRetry: true }],
    ['rate_limited', { outcome: 'rate_limited', httpStatus: 429, errorType: 'rate_limit_error', retryAfterSeconds: 1, shouldRetry: true }],
    ['rate_limited_no_retry_after', { outcome: 'rate_limited', httpStatus: 429, retryAfterSeconds: undefined }],
    ['spend_limit', { outcome: 'rate_limited', httpStatus: 429, spendLimit: true, errorCode: 'enforced_spend_limit_reached', shouldRetry: false, retryAfterSeconds: undefined }],
    ['server_error', { outcome: 'server_error', httpStatus: 500, errorType: 'api_error' }],
    ['bad_gateway_html', { outcome: 'server_error', httpStatus: 502, errorType: undefined, requestId: undefined }],
    ['service_unavailable_empty', { outcome: 'server_error', httpStatus: 503, errorType: undefined }],
    ['gateway_timeout', { outcome: 'server_error', httpStatus: 504, errorType: 'timeout_error' }],
    ['bad_request', { outcome: 'bad_request', httpStatus: 400, errorType: 'invalid_request_error' }],
    ['unauthorized', { outcome: 'auth_error', httpStatus: 401, errorType: 'authentication_error' }],
    ['forbidden', { outcome: 'auth_error', httpStatus: 403, errorType: 'permission_error' }],
    ['not_found', { outcome: 'bad_request', httpStatus: 404, errorType: 'not_found_error' }],
    ['request_too_large', { outcome: 'bad_request', httpStatus: 413 }],
    ['conflict', { outcome: 'bad_request', httpStatus: 409 }],
    ['reset', { outcome: 'network_error', networkCode: 'ECONNRESET' }],
  ];

  for (const mode of ['models', 'count_tokens', 'message'] as const) {
    describe(`${mode} mode`, () => {
      it('is ok on a healthy API, with request-id, latency and rate-limit headers', async () => {
        const [result] = await probe(mode);
        assert.equal(result?.outcome, 'ok');
        assert.equal(result?.httpStatus, 200);
        assert.match(result?.requestId ?? '', /^req_/);
        assert.ok((result?.latencyMs ?? -1) >= 0);
        assert.equal(result?.at, clock.now());
        assert.equal(result?.mode, mode);
        assert.ok(result?.rateLimit.requests?.limit, 'requests limit parsed');
        assert.match(result?.rateLimit.requests?.reset ?? '', /^\d{4}-\d\d-\d\dT/);
      });

      for (const [kind, expected] of expectations) {
        it(`classifies ${kind}`, async () => {
          const [result] = await probe(mode, { kind });
          assert.ok(result);
          for (const [field, value] of Object.entries(expected)) {
            assert.deepEqual(result[field as keyof ProbeResult], value, `${kind}: ${field}`);
          }
          assert.ok(result.message.length > 0);
        });
      }

      it('gives up on a hang as a timeout', async () => {
        const [result] = await probe(mode, { kind: 'hang' }, { timeoutMs: 400 });
        assert.equal(result?.outcome, 'timeout');
        assert.equal(result?.message, 'no complete answer within 0.4 s');
      });
    });
  }

  it('sends exactly one request per probe: the SDK does not retry a 529', async () => {
    await probe('models', { kind: 'overloaded' });
    const requests = await sim.requests();
    assert.equal(requests.filter((r) => r.path === '/v1/models').length, 1);
  });

  it('sees an overloaded_error that arrives inside a 200 stream, before or after content', async () => {
    for (const streamStage of ['before_content', 'after_content'] as const) {
      const [result] = await probe('message', { kind: 'stream_overloaded', streamStage });
      assert.equal(result?.outcome, 'overloaded', streamStage);
      assert.equal(result?.httpStatus, 200);
      assert.equal(result?.inStream, true);
      assert.equal(result?.errorType, 'overloaded_error');
      assert.match(result?.requestId ?? '', /^req_/);
    }
  });

  it('probes every configured model in message mode, each with its own result', async () => {
    await sim.script([{ kind: 'overloaded', models: ['claude-opus-4-5'] }]);
    const results = await probe('message', undefined, { models: ['claude-haiku-4-5', 'claude-opus-4-5', 'claude-nonexistent-1'] });
    assert.deepEqual(
      results.map((r) => [r.model, r.outcome, r.httpStatus]),
      [
        ['claude-haiku-4-5', 'ok', 200],
        ['claude-opus-4-5', 'overloaded', 529],
        ['claude-nonexistent-1', 'bad_request', 404],
      ],
    );
  });

  it('reports a key the server rejects as auth_error without echoing it', async () => {
    const wrongKey = 'sk-ant-api03-WRONG-0000000000000000000000000000';
    const [result] = await probe('models', undefined, { apiKey: wrongKey });
    assert.equal(result?.outcome, 'auth_error');
    assert.equal(result?.httpStatus, 401);
    assert.ok(!JSON.stringify(result).includes(wrongKey));
  });

  it('reports a refused connection as network_error ECONNREFUSED', async () => {
    const port = await closedPort();
    const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 3000, fetch: transport.fetch, clock });
    assert.equal(result?.outcome, 'network_error');
    assert.equal(result?.networkCode, 'ECONNREFUSED');
    assert.equal(result?.message, 'ECONNREFUSED: connection refused');
  });
});

describe('probe through the SDK (answers the simulator does not give)', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));

  function probeAgainst(status: number, headers: Record<string, string>, body: string): Promise<ProbeResult> {
    return probeLocalServer(
      (_req, res) => {
        res.writeHead(status, headers);
        res.end(body);
      },
      clock,
      3000,
    );
  }

  const rateLimitBody = JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' }, request_id: 'req_x' });

  it('keeps a 429 classified when its retry-after is garbage or absurd', async () => {
    for (const retryAfter of ['soon', '-1', '99999999', 'Infinity', '1e400']) {
      const result = await probeAgainst(429, { 'content-type': 'application/json', 'retry-after': retryAfter, 'request-id': 'req_garbage' }, rateLimitBody);
      assert.equal(result.outcome, 'rate_limited', retryAfter);
      assert.equal(result.retryAfterSeconds, undefined, retryAfter);
      assert.equal(result.requestId, 'req_garbage');
    }
  });

  it('honours an HTTP-date retry-after', async () => {
    const result = await probeAgainst(429, { 'content-type': 'application/json', 'retry-after': 'Thu, 01 Jan 2026 12:00:42 GMT' }, rateLimitBody);
    assert.equal(result.retryAfterSeconds, 42);
  });

  it('counts overloaded_error by type even under another status', async () => {
    const body = JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const result = await probeAgainst(503, { 'content-type': 'application/json' }, body);
    assert.equal(result.outcome, 'overloaded');
    assert.equal(result.httpStatus, 503);
  });

  it('calls a 200 that is not JSON (a captive portal) a server error, not ok', async () => {
    const result = await probeAgainst(200, { 'content-type': 'text/html' }, '<html>log in to the Wi-Fi</html>');
    assert.equal(result.outcome, 'server_error');
    assert.equal(result.httpStatus, 200);
    assert.match(result.message, /text\/html body instead of JSON/);
    const wrongJson = await probeAgainst(200, { 'content-type': 'application/json' }, '{"hello":"world"}');
    assert.equal(wrongJson.outcome, 'server_error');
  });

  it('calls a redirect a bad request that names the fix', async () => {
    const result = await probeAgainst(301, { location: 'https://elsewhere.test/v1/models' }, '');
    assert.equal(result.outcome, 'bad_request');
    assert.equal(result.httpStatus, 301);
    assert.match(result.message, /redirected/);
  });
});

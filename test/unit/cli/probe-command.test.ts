import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/io';
import { runProbeCommand, type ProbeJson } from '../../../src/cli/probe-command';
import { captureIo as capture } from '../../support/capture-io';
import { SimClient } from '../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';
import { startHttpServer } from '../../support/loopback/servers';

describe('claude-health probe', function () {
  this.timeout(20_000);
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy', requiredApiKey: SENTINEL_KEY });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await sim.reset();
  });

  const env = () => ({ ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: sim.url });

  it('prints the documented JSON and exits 0 when ok', async () => {
    const io = capture(env());
    assert.equal(await runProbeCommand({ json: true }, io), 0);
    const json = JSON.parse(io.out) as ProbeJson;
    for (const key of ['outcome', 'httpStatus', 'errorType', 'requestId', 'retryAfterSeconds', 'latencyMs', 'rateLimit']) assert.ok(key in json, key);
    assert.equal(json.outcome, 'ok');
    assert.equal(json.httpStatus, 200);
    assert.equal(json.errorType, null);
    assert.match(json.requestId ?? '', /^req_/);
    assert.deepEqual(Object.keys(json.rateLimit), ['requests', 'tokens', 'inputTokens', 'outputTokens']);
    assert.match(String(json.rateLimit.requests.reset), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    assert.equal(typeof json.rateLimit.requests.limit, 'number');
    assertNoSentinel(io.out + io.err, 'output');
  });

  it('exits 1 with the classified outcome on a 529 and a 429', async () => {
    await sim.script([{ kind: 'overloaded' }, { kind: 'rate_limited', retryAfterSeconds: 7 }]);
    const overloaded = capture(env());
    assert.equal(await runProbeCommand({ json: true, mode: 'message' }, overloaded), 1);
    const first = JSON.parse(overloaded.out) as ProbeJson;
    assert.equal(first.outcome, 'overloaded');
    assert.equal(first.errorType, 'overloaded_error');
    const limited = capture(env());
    assert.equal(await runProbeCommand({ json: true, mode: 'message' }, limited), 1);
    const second = JSON.parse(limited.out) as ProbeJson;
    assert.equal(second.outcome, 'rate_limited');
    assert.equal(second.retryAfterSeconds, 7);
  });

  it('leaves rate-limit fields out when their headers are absent, and survives a garbage retry-after', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': 'whenever', 'anthropic-ratelimit-requests-remaining': '0' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'x' } }));
    });
    try {
      const io = capture({ ANTHROPIC_API_KEY: SENTINEL_KEY });
      assert.equal(await runProbeCommand({ json: true, 'base-url': server.url }, io), 1);
      const json = JSON.parse(io.out) as ProbeJson;
      assert.equal(json.retryAfterSeconds, null);
      assert.deepEqual(json.rateLimit, { requests: { remaining: 0 }, tokens: {}, inputTokens: {}, outputTokens: {} });
    } finally {
      await server.close();
    }
  });

  it('prints a readable line without --json', async () => {
    const io = capture(env());
    await runProbeCommand({}, io);
    assert.match(io.out, /^probe models: ok in \d+ ms - ok \(HTTP 200\)\n  request-id: req_/);
  });

  it('rejects bad input with a usage error, and never prints the key', async () => {
    await assert.rejects(runProbeCommand({}, capture({})), /ANTHROPIC_API_KEY is not set/);
    await assert.rejects(runProbeCommand({ mode: 'ping' }, capture(env())), UsageError);
    await assert.rejects(runProbeCommand({ 'base-url': 'nope' }, capture(env())), /--base-url/);
    const insecure = runProbeCommand({ 'base-url': 'http://gateway.claude-health.test:8080' }, capture(env()));
    await assert.rejects(insecure, (error: Error) => {
      assert.match(error.message, /--allow-insecure-http/);
      assertNoSentinel(error.message, 'error');
      return true;
    });
  });
});

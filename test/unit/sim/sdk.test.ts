// The real @anthropic-ai/sdk against the simulator sees what it would see from the real API.
import assert from 'node:assert/strict';
import Anthropic, { APIError, InternalServerError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import { SimClient } from '../../support/sim-client';

const KEY = 'sk-ant-api03-SENTINEL-sdk-test-0000';
const PARAMS = { model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user' as const, content: 'ping' }] };

describe('simulator: the real TypeScript SDK sees the real API', () => {
  let now = Date.now();
  const clock = { now: () => now };
  let sim: SimClient;
  const client = (maxRetries = 0) => new Anthropic({ apiKey: KEY, baseURL: sim.url, maxRetries, timeout: 5_000 });
  before(async () => {
    sim = await SimClient.start({ clock });
  });
  after(() => sim.close());
  beforeEach(async () => {
    now = Date.now();
    await sim.useScenario('healthy');
  });

  it('creates a message and lists models', async () => {
    const message = await client().messages.create(PARAMS);
    assert.equal(message.type, 'message');
    assert.equal(message.content[0]!.type, 'text');
    const page = await client().models.list({ limit: 1 });
    assert.equal(page.data.length, 1);
  });

  it('raises RateLimitError on 429, with retry-after and the request-id', async () => {
    await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 3 }]);
    const error = await client().messages.create(PARAMS).then(() => assert.fail('expected a 429'), (e: unknown) => e);
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.status, 429);
    assert.equal(error.headers?.get('retry-after'), '3');
    assert.match(error.requestID ?? '', /^req_/);
  });

  it('raises an InternalServerError with status 529 and error.type overloaded_error', async () => {
    await sim.script([{ kind: 'overloaded' }]);
    const error = await client().messages.create(PARAMS).then(() => assert.fail('expected a 529'), (e: unknown) => e);
    assert.ok(error instanceof InternalServerError);
    assert.ok(error instanceof OverloadedError);
    assert.equal(error.status, 529);
    assert.equal(error.type, 'overloaded_error');
  });

  it('tells the spend limit apart by error_code', async () => {
    await sim.script([{ kind: 'spend_limit' }]);
    const error = await client(2).messages.create(PARAMS).then(() => assert.fail('expected a 429'), (e: unknown) => e);
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.errorCode, 'enforced_spend_limit_reached');
    assert.equal((await sim.state()).requests['POST /v1/messages'], 1, 'x-should-retry: false stops the SDK retrying');
  });

  it("lets the SDK's own retries honour retry-after", async () => {
    await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 1 }]);
    const started = performance.now();
    const message = await client(2).messages.create(PARAMS);
    const waitedMs = performance.now() - started;
    assert.equal(message.type, 'message');
    const log = await sim.requests();
    assert.deepEqual(log.map((entry) => entry.status), [429, 200]);
    // A lower bound only: the SDK must not come back before retry-after expires (the simulator's clock is frozen here).
    assert.ok(waitedMs >= 1000, `retried after ${waitedMs.toFixed(0)} ms, before retry-after: 1 expired`);
  });

  it('surfaces an overload that arrives inside a 200 stream', async () => {
    await sim.script([{ kind: 'stream_overloaded' }]);
    const stream = await client().messages.create({ ...PARAMS, stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().then(() => assert.fail('expected the stream to fail'), (e: unknown) => e);
    assert.ok(error instanceof APIError);
    assert.match(String((error as Error).message), /overloaded_error|Overloaded/);
    assert.ok(seen.includes('content_block_delta'), 'content arrived before the error');
  });

  it('experiences the storm scenario as a storm, then as recovery', async () => {
    await sim.useScenario('storm');
    const started = now;
    const outcomes = async (n: number) => {
      const results = await Promise.all(Array.from({ length: n }, () => client().models.list({ limit: 1 }).then(() => 'ok', (e: unknown) => (e instanceof OverloadedError ? '529' : String(e)))));
      return results.filter((r) => r === '529').length;
    };
    assert.equal(await outcomes(20), 0, 'calm before the storm');
    now = started + 90_000;
    assert.ok((await outcomes(40)) >= 30, 'most requests get 529 during the storm');
    now = started + 200_000;
    assert.equal(await outcomes(20), 0, 'recovered after it');
  });
});

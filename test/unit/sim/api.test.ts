import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { SimClient } from '../../support/sim-client';

const KEY = 'sk-ant-api03-SENTINEL-sim-api-test-0000';
const HEADERS = { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
interface ModelPage {
  data: { id: string }[];
  has_more: boolean;
  first_id: string;
  last_id: string;
}

const MESSAGE = { model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] };

describe('simulator: Claude API half', () => {
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start();
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  async function post(path: string, body: unknown, headers: Record<string, string> = HEADERS) {
    const response = await fetch(`${sim.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    return { response, text, json: () => JSON.parse(text) };
  }

  function assertErrorBody(text: string, type: string, requestId: string | null) {
    const body = JSON.parse(text);
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, type);
    assert.equal(typeof body.error.message, 'string');
    assert.equal(body.request_id, requestId);
    return body;
  }

  it('answers a message with the real shape, a request-id and RFC 3339 rate-limit resets', async () => {
    const { response, json } = await post('/v1/messages', MESSAGE);
    assert.equal(response.status, 200);
    const message = json();
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.equal(message.model, 'claude-haiku-4-5');
    assert.equal(message.content[0].type, 'text');
    assert.equal(message.stop_reason, 'max_tokens');
    assert.equal(message.usage.output_tokens, 1);
    assert.match(response.headers.get('request-id')!, /^req_011C\w+$/);
    for (const kind of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      assert.match(response.headers.get(`anthropic-ratelimit-${kind}-limit`)!, /^\d+$/);
      assert.match(response.headers.get(`anthropic-ratelimit-${kind}-remaining`)!, /^\d+$/);
      assert.match(response.headers.get(`anthropic-ratelimit-${kind}-reset`)!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    assert.equal(Number(response.headers.get('anthropic-ratelimit-tokens-remaining')) % 1000, 0, 'token counts are rounded to thousands');
  });

  it('requires x-api-key and anthropic-version exactly as the real API does', async () => {
    const noKey = await post('/v1/messages', MESSAGE, { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' });
    assert.equal(noKey.response.status, 401);
    assert.equal(assertErrorBody(noKey.text, 'authentication_error', noKey.response.headers.get('request-id')).error.message, 'x-api-key header is required');
    const bearer = await post('/v1/messages', MESSAGE, { authorization: `Bearer ${KEY}`, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' });
    assert.equal(bearer.response.status, 401);
    const badKey = await post('/v1/messages', MESSAGE, { ...HEADERS, 'x-api-key': 'sk-ant-invalid-key' });
    assert.equal(badKey.response.status, 401);
    assert.equal(JSON.parse(badKey.text).error.message, 'invalid x-api-key');
    const bearerNewVersion = await post('/v1/messages', MESSAGE, { authorization: `Bearer ${KEY}`, 'anthropic-version': '2026-10-21', 'content-type': 'application/json' });
    assert.equal(bearerNewVersion.response.status, 200, 'API version 2026-10-21 takes the key as a Bearer token, as SDK 1.x sends it');
    const noVersion = await post('/v1/messages', MESSAGE, { 'x-api-key': KEY, 'content-type': 'application/json' });
    assert.equal(noVersion.response.status, 400);
    assert.equal(assertErrorBody(noVersion.text, 'invalid_request_error', noVersion.response.headers.get('request-id')).error.message, 'anthropic-version: header is required');
    assert.ok(!noKey.text.includes(KEY) && !badKey.text.includes('sk-ant-invalid-key'), 'keys are never echoed');
  });

  it('rejects malformed and invalid bodies with the real error shapes', async () => {
    const malformed = await post('/v1/messages', '{"model": "claude-haiku-4-5", ');
    assert.equal(malformed.response.status, 400);
    assert.match(assertErrorBody(malformed.text, 'invalid_request_error', malformed.response.headers.get('request-id')).error.message, /JSON/);
    const noMaxTokens = await post('/v1/messages', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(JSON.parse(noMaxTokens.text).error.message, 'max_tokens: Field required');
    const unknownModel = await post('/v1/messages', { ...MESSAGE, model: 'claude-nonexistent' });
    assert.equal(unknownModel.response.status, 404);
    assertErrorBody(unknownModel.text, 'not_found_error', unknownModel.response.headers.get('request-id'));
    const unknownPath = await post('/v1/complete-me', {});
    assert.equal(unknownPath.response.status, 404);
  });

  it('pages /v1/models like the real one', async () => {
    const first = (await (await fetch(`${sim.url}/v1/models?limit=2`, { headers: HEADERS })).json()) as ModelPage;
    assert.equal(first.data.length, 2);
    assert.equal(first.has_more, true);
    assert.equal(first.first_id, first.data[0]!.id);
    const next = (await (await fetch(`${sim.url}/v1/models?limit=100&after_id=${first.last_id}`, { headers: HEADERS })).json()) as ModelPage;
    assert.equal(next.has_more, false);
    assert.ok(!next.data.some((m) => first.data.some((f) => f.id === m.id)));
    const bad = await fetch(`${sim.url}/v1/models?limit=0`, { headers: HEADERS });
    assert.equal(bad.status, 400);
  });

  it('counts tokens', async () => {
    const { response, json } = await post('/v1/messages/count_tokens', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hello there' }] });
    assert.equal(response.status, 200);
    assert.ok(json().input_tokens > 0);
  });

  const errorFaults: [string, number, string | null, Record<string, string | null>][] = [
    ['overloaded', 529, 'overloaded_error', { 'x-should-retry': 'true', 'retry-after': null }],
    ['rate_limited', 429, 'rate_limit_error', { 'x-should-retry': 'true', 'retry-after': '1' }],
    ['rate_limited_no_retry_after', 429, 'rate_limit_error', { 'x-should-retry': 'true', 'retry-after': null }],
    ['spend_limit', 429, 'rate_limit_error', { 'x-should-retry': 'false', 'retry-after': null }],
    ['server_error', 500, 'api_error', {}],
    ['gateway_timeout', 504, 'timeout_error', {}],
    ['bad_request', 400, 'invalid_request_error', {}],
    ['unauthorized', 401, 'authentication_error', {}],
    ['forbidden', 403, 'permission_error', {}],
    ['not_found', 404, 'not_found_error', {}],
    ['request_too_large', 413, 'request_too_large', {}],
    ['conflict', 409, 'conflict_error', {}],
  ];
  for (const [kind, status, type, headers] of errorFaults) {
    it(`fault ${kind}: ${status} ${type} with the real body and headers`, async () => {
      await sim.script([{ kind: kind as 'overloaded' }]);
      const { response, text } = await post('/v1/messages', MESSAGE);
      assert.equal(response.status, status);
      const body = assertErrorBody(text, type!, response.headers.get('request-id'));
      assert.ok(response.headers.get('request-id'));
      for (const [name, value] of Object.entries(headers)) assert.equal(response.headers.get(name), value, name);
      if (kind === 'spend_limit') assert.equal(body.error.details.error_code, 'enforced_spend_limit_reached');
    });
  }

  it('fault options: retry-after, retry-after-ms and x-should-retry overrides', async () => {
    await sim.script([
      { kind: 'rate_limited', retryAfterSeconds: 7 },
      { kind: 'overloaded', retryAfterMs: 1500 },
      { kind: 'overloaded', shouldRetry: false },
      { kind: 'overloaded', shouldRetry: null },
    ]);
    assert.equal((await post('/v1/messages', MESSAGE)).response.headers.get('retry-after'), '7');
    assert.equal((await post('/v1/messages', MESSAGE)).response.headers.get('retry-after-ms'), '1500');
    assert.equal((await post('/v1/messages', MESSAGE)).response.headers.get('x-should-retry'), 'false');
    assert.equal((await post('/v1/messages', MESSAGE)).response.headers.get('x-should-retry'), null);
  });

  it('502 comes as the CDN would send it: HTML, no request-id; 503 with no body at all', async () => {
    await sim.script([{ kind: 'bad_gateway_html' }, { kind: 'service_unavailable_empty' }]);
    const html = await post('/v1/messages', MESSAGE);
    assert.equal(html.response.status, 502);
    assert.match(html.response.headers.get('content-type')!, /text\/html/);
    assert.match(html.text, /<html/);
    assert.equal(html.response.headers.get('request-id'), null);
    const empty = await post('/v1/messages', MESSAGE);
    assert.equal(empty.response.status, 503);
    assert.equal(empty.text, '');
  });

  it('streams with the real event names, and an overload after a 200 as an error event', async () => {
    const streamed = await post('/v1/messages', { ...MESSAGE, max_tokens: 50, stream: true });
    assert.equal(streamed.response.status, 200);
    assert.match(streamed.response.headers.get('content-type')!, /text\/event-stream/);
    const events = [...streamed.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(events.slice(0, 3), ['message_start', 'content_block_start', 'ping']);
    assert.deepEqual(events.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
    assert.ok(events.includes('content_block_delta'));

    await sim.script([{ kind: 'stream_overloaded', streamStage: 'before_content' }, { kind: 'stream_overloaded' }]);
    const early = await post('/v1/messages', { ...MESSAGE, stream: true });
    assert.equal(early.response.status, 200);
    assert.deepEqual([...early.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]), ['message_start', 'error']);
    assert.match(early.text, /data: \{"type":"error","error":\{"type":"overloaded_error","message":"Overloaded"\}\}/);
    const late = await post('/v1/messages', { ...MESSAGE, max_tokens: 50, stream: true });
    const lateEvents = [...late.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    assert.ok(lateEvents.indexOf('content_block_delta') < lateEvents.indexOf('error'));
  });

  it('resets the connection part-way through the body', async () => {
    await sim.script([{ kind: 'reset' }]);
    const response = await fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(MESSAGE) });
    assert.equal(response.status, 200);
    await assert.rejects(response.text(), /terminated|socket|other side closed/i);
  });

  it('hangs until the client gives up, and close() still returns', async () => {
    await sim.script([{ kind: 'hang' }]);
    const controller = new AbortController();
    const pending = fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(MESSAGE), signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(pending, /abort/i);
    const state = await sim.state();
    assert.equal(state.requests['POST /v1/messages'], 1);
  });

  it('answers garbage on the wire with 400, not a crash', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(sim.sim.port, '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400 Bad Request/);
    assert.equal((await post('/v1/messages', MESSAGE)).response.status, 200, 'still serving');
  });

  it('only applies a fault to the paths and models it names', async () => {
    await sim.script([{ kind: 'overloaded', models: ['claude-sonnet-4-5'], times: 5 }]);
    assert.equal((await post('/v1/messages', MESSAGE)).response.status, 200);
    assert.equal((await post('/v1/messages', { ...MESSAGE, model: 'claude-sonnet-4-5' })).response.status, 529);
    assert.equal((await sim.state()).scriptRemaining, 4);
  });
});

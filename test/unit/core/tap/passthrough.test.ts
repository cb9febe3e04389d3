// The tap in front of the simulator (behind a recording front that hashes
// what crossed it): every byte both ways unchanged, streams included, the
// headers kept, and one record per answer with what the API said.
import assert from 'node:assert/strict';
import { startRecordingFront, type RecordingFront } from '../../../support/loopback/recording-front';
import { SimClient } from '../../../support/sim-client';
import { API_HEADERS, messageBody, send, sha256, startCollectingTap, waitFor, type CollectingTap } from './support';

describe('traffic tap: pass-through', () => {
  let sim: SimClient;
  let front: RecordingFront;
  let tapped: CollectingTap;

  before(async () => {
    sim = await SimClient.start();
    front = await startRecordingFront(sim.url);
    tapped = await startCollectingTap({ upstream: front.url });
  });
  after(async () => {
    await tapped.tap.close();
    await front.close();
    await sim.close();
  });
  beforeEach(async () => {
    await sim.reset();
    front.exchanges.length = 0;
    tapped.records.length = 0;
  });

  it('passes a message request and its answer through byte for byte, and records it', async () => {
    const body = messageBody('claude-haiku-4-5');
    const answer = await send(tapped.tap.url, '/v1/messages?beta=true', { method: 'POST', headers: { ...API_HEADERS, 'content-length': Buffer.byteLength(body) }, body });
    assert.equal(answer.status, 200);
    await waitFor(() => tapped.records.length === 1, 'the record');
    const [seen] = front.exchanges;
    assert.ok(seen);
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/v1/messages?beta=true');
    assert.equal(seen.requestBodySha256, sha256(body));
    assert.equal(seen.responseBodySha256, answer.sha256);
    assert.equal(seen.responseBodyBytes, answer.body.length);
    const [record] = tapped.records;
    assert.equal(record?.kind, 'ok');
    assert.equal(record?.status, 200);
    assert.equal(record?.path, '/v1/messages');
    assert.equal(record?.model, 'claude-haiku-4-5');
    assert.equal(record?.method, 'POST');
    assert.equal(record?.requestId, answer.headers['request-id']);
    assert.ok(record?.rateLimit.requests?.limit, 'the rate-limit headers are read');
    assert.ok((record?.latencyMs ?? -1) >= 0);
  });

  it('streams an event stream through unchanged, headers first, and records the model of a large chunked body', async () => {
    // 3 MB of text after "model": sent chunked (no content-length), the model is still found.
    const body = messageBody('claude-sonnet-4-5', { stream: true, metadata: { user_id: 'u' }, system: 'x'.repeat(3_000_000) });
    const chunks = [Buffer.from(body.slice(0, 5)), Buffer.from(body.slice(5, 70_000)), Buffer.from(body.slice(70_000))];
    const answer = await new Promise<Awaited<ReturnType<typeof send>>>((resolve, reject) => {
      import('node:http').then((http) => {
        const url = new URL(tapped.tap.url);
        const request = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/v1/messages', headers: API_HEADERS, agent: false }, (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('end', () => {
            const all = Buffer.concat(parts);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body: all, sha256: sha256(all), firstByteMs: 0, broken: false });
          });
        });
        request.on('error', reject);
        for (const chunk of chunks) request.write(chunk);
        request.end();
      }, reject);
    });
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/event-stream/);
    assert.match(answer.body.toString(), /event: message_stop/);
    await waitFor(() => tapped.records.length === 1, 'the record');
    const [seen] = front.exchanges;
    assert.equal(seen?.requestBodySha256, sha256(body));
    assert.equal(seen?.responseBodySha256, answer.sha256);
    assert.equal(tapped.records[0]?.kind, 'ok');
    assert.equal(tapped.records[0]?.model, 'claude-sonnet-4-5');
    assert.ok(tapped.records[0]?.firstByteMs !== undefined);
  });

  it('keeps the request headers in order (repeats too), drops only hop-by-hop ones, and keeps every answer header', async () => {
    // A raw header list gets no Host from node:http: it is given here, and the tap replaces it with the upstream's.
    const rawHeaders = [
      'Host', new URL(tapped.tap.url).host,
      'Content-Type', 'application/json',
      'anthropic-version', '2023-06-01',
      'anthropic-beta', 'one',
      'anthropic-beta', 'two',
      'X-Custom-Thing', 'kept',
      'x-api-key', 'sk-ant-test-key-0000',
      'Connection', 'keep-alive, x-hop',
      'X-Hop', 'dropped',
      'Proxy-Authorization', 'Basic Zm9vOmJhcg==',
    ];
    const answer = await send(tapped.tap.url, '/v1/models?limit=1', { headers: rawHeaders });
    assert.equal(answer.status, 200);
    const seen = front.exchanges[0]?.rawHeaders ?? [];
    const names = seen.filter((_, i) => i % 2 === 0);
    assert.deepEqual(
      // host and connection are the tap's own connection's, written by undici.
      names.filter((name) => !['host', 'connection'].includes(name.toLowerCase())),
      ['Content-Type', 'anthropic-version', 'anthropic-beta', 'anthropic-beta', 'X-Custom-Thing', 'x-api-key'],
    );
    assert.deepEqual(seen.filter((_, i) => i % 2 === 1 && seen[i - 1] === 'anthropic-beta'), ['one', 'two']);
    const upstreamHeaders = front.exchanges[0]?.responseHeaders ?? {};
    for (const [name, value] of Object.entries(upstreamHeaders)) {
      if (['connection', 'keep-alive', 'transfer-encoding', 'date'].includes(name)) continue;
      assert.deepEqual(answer.headers[name], value, `answer header ${name}`);
    }
    assert.ok(upstreamHeaders['anthropic-ratelimit-requests-limit'], 'the simulator sent rate-limit headers');
  });

  it('records an overload that arrives inside a 200 stream, and passes the stream through unchanged', async () => {
    await sim.script([{ kind: 'stream_overloaded', streamStage: 'after_content' }]);
    const body = messageBody('claude-haiku-4-5', { stream: true });
    const answer = await send(tapped.tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body });
    assert.equal(answer.status, 200);
    assert.match(answer.body.toString(), /event: error\ndata: .*overloaded_error/);
    await waitFor(() => tapped.records.length === 1, 'the record');
    assert.equal(front.exchanges[0]?.responseBodySha256, answer.sha256);
    const [record] = tapped.records;
    assert.equal(record?.kind, 'overloaded');
    assert.equal(record?.status, 200);
    assert.equal(record?.errorType, 'overloaded_error');
    assert.equal(record?.inStream, true);
  });

  const answers: [string, string, object, Partial<Record<string, unknown>>][] = [
    ['a 529', 'overloaded', { kind: 'overloaded' }, { status: 529, errorType: 'overloaded_error' }],
    ['a 429 with retry-after', 'rate_limited', { kind: 'rate_limited', retryAfterSeconds: 7 }, { status: 429, errorType: 'rate_limit_error', retryAfterSeconds: 7 }],
    ['a 500', 'server_error', { kind: 'server_error' }, { status: 500, errorType: 'api_error' }],
    ['an HTML 502 from the edge', 'server_error', { kind: 'bad_gateway_html' }, { status: 502 }],
    ['an empty 503', 'server_error', { kind: 'service_unavailable_empty' }, { status: 503 }],
    ['a 401', 'auth', { kind: 'unauthorized' }, { status: 401, errorType: 'authentication_error' }],
    ['a 403', 'auth', { kind: 'forbidden' }, { status: 403, errorType: 'permission_error' }],
    ['a 400', 'other', { kind: 'bad_request' }, { status: 400, errorType: 'invalid_request_error' }],
  ];
  for (const [title, kind, fault, expected] of answers) {
    it(`records ${title} as ${kind}, with the body passed through`, async () => {
      await sim.script([fault as never]);
      const body = messageBody();
      const answer = await send(tapped.tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body });
      assert.equal(answer.status, expected.status);
      await waitFor(() => tapped.records.length === 1, 'the record');
      assert.equal(front.exchanges[0]?.responseBodySha256, answer.sha256);
      const [record] = tapped.records;
      assert.equal(record?.kind, kind);
      for (const [field, value] of Object.entries(expected)) assert.equal(record?.[field as keyof typeof record], value, field);
      if (expected.errorType) assert.match(record?.requestId ?? '', /^req_/);
    });
  }

  it('serves a path prefix in the upstream URL and refuses absolute-form targets', async () => {
    const prefixed = await startCollectingTap({ upstream: `${front.url}/v1` });
    try {
      const answer = await send(prefixed.tap.url, '/models', { headers: API_HEADERS });
      assert.equal(answer.status, 200);
      assert.equal(front.exchanges[0]?.url, '/v1/models');
      const absolute = await send(prefixed.tap.url, 'http://example.com/v1/models', { headers: API_HEADERS });
      assert.equal(absolute.status, 400);
      assert.equal(JSON.parse(absolute.body.toString()).error.type, 'api_error');
      assert.equal(front.exchanges.length, 1, 'nothing went anywhere for the absolute target');
    } finally {
      await prefixed.tap.close();
    }
  });
});

// Classification of what the SDK threw, from the odd end of what servers,
// proxies and code can produce: statuses outside the normal ranges, bodies
// nested too deeply for the SDK to format, and thrown values that are not Errors.
import assert from 'node:assert/strict';
import { APIError } from '@anthropic-ai/sdk';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../support/manual-clock';
import { classifyError, type ErrorContext } from '../../../../src/core/probe/classify';
import { guardErrorBodies } from '../../../../src/core/probe/error-body-guard';
import { runProbe } from '../../../../src/core/probe/run-probe';
import { createNodeFetch } from '../../../../src/core/net/node-fetch';
import type { ProbeResult } from '../../../../src/core/probe/types';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';

const CONTEXT: ErrorContext = { nowMs: Date.UTC(2026, 0, 1), deadlineHit: false, timeoutMs: 5000 };
const nested = (depth: number): string => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

/** A server that writes one raw HTTP/1.1 answer, so any status line can be sent. */
async function rawServer(statusLine: string, headers: Record<string, string>, body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      const head = Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.end(`HTTP/1.1 ${statusLine}\r\n${head}\r\n${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function probeRaw(statusLine: string, headers: Record<string, string>, body: string): Promise<ProbeResult> {
  const server = await rawServer(statusLine, headers, body);
  const transport = createNodeFetch({ env: {} });
  try {
    const fetch = guardErrorBodies(transport.fetch);
    const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs: 5000, fetch, clock: new ManualClock() });
    assert.ok(result);
    assertNoSentinel(JSON.stringify(result), statusLine);
    return result;
  } finally {
    transport.close();
    await server.close();
  }
}

describe('error classification', () => {
  describe('through the real SDK on loopback', function () {
    this.timeout(20_000);
    const JSON_TYPE = { 'content-type': 'application/json' };

    it('classifies a 529 whose error.message is nested 50,000 levels as overloaded, not a network error', async () => {
      const body = `{"type":"error","error":{"type":"overloaded_error","message":${nested(50_000)}},"request_id":"req_deep"}`;
      const result = await probeRaw('529 Overloaded', { ...JSON_TYPE, 'request-id': 'req_deep' }, body);
      assert.equal(result.outcome, 'overloaded');
      assert.equal(result.httpStatus, 529);
      assert.equal(result.errorType, 'overloaded_error');
      assert.equal(result.requestId, 'req_deep');
      assert.equal(result.message, '529 overloaded_error: Anthropic is overloaded');
    });

    it('keeps error.type and the spend-limit code of a deep 503 and 429', async () => {
      const overloaded = await probeRaw('503 Busy', JSON_TYPE, `{"type":"error","error":{"type":"overloaded_error","message":{"a":${nested(20_000)}}}}`);
      assert.equal(overloaded.outcome, 'overloaded');
      const spend = await probeRaw(
        '429 Too Many Requests',
        JSON_TYPE,
        `{"type":"error","error":{"type":"rate_limit_error","message":${nested(20_000)},"details":{"error_code":"enforced_spend_limit_reached"}}}`,
      );
      assert.equal(spend.outcome, 'rate_limited');
      assert.equal(spend.spendLimit, true);
    });

    it('does not call it a network error when the SDK itself fails to format a deep body', () => {
      let thrown: unknown;
      try {
        thrown = APIError.generate(529, JSON.parse(`{"error":{"type":"overloaded_error","message":${nested(50_000)}}}`) as object, undefined, new Headers());
      } catch (error) {
        thrown = error;
      }
      assert.ok(thrown instanceof RangeError, 'the SDK overflows the stack on it');
      const c = classifyError(thrown, CONTEXT);
      assert.equal(c.outcome, 'server_error');
      assert.equal(c.message, 'the answer is nested too deeply to read (a broken or hostile server in between?)');
    });

    it('lets the deadline stop an error answer whose body never ends, through the guard', async () => {
      const server = net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.once('data', () => socket.write('HTTP/1.1 529 Overloaded\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"type":"error",'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const transport = createNodeFetch({ env: {} });
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: url, timeoutMs: 500, fetch: guardErrorBodies(transport.fetch), clock: new ManualClock() });
        assert.equal(result?.outcome, 'timeout');
      } finally {
        transport.close();
        server.close();
      }
    });

    it('classifies a deeply nested overloaded_error event inside a 200 stream as overloaded', async () => {
      const data = `{"type":"error","error":{"type":"overloaded_error","message":${nested(50_000)}}}`;
      const stream = `event: message_start\ndata: {"type":"message_start"}\n\nevent: error\r\ndata: ${data}\r\n\r\n`;
      const server = await rawServer('200 OK', { 'content-type': 'text/event-stream', 'request-id': 'req_stream' }, stream);
      const transport = createNodeFetch({ env: {} });
      try {
        const fetch = guardErrorBodies(transport.fetch);
        const [result] = await runProbe({ mode: 'message', models: ['claude-haiku-4-5'], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs: 5000, fetch, clock: new ManualClock() });
        assert.equal(result?.outcome, 'overloaded');
        assert.equal(result?.inStream, true);
        assert.equal(result?.errorType, 'overloaded_error');
      } finally {
        transport.close();
        await server.close();
      }
    });

    it('says a 304 is a caching proxy answering, not a redirect', async () => {
      const result = await probeRaw('304 Not Modified', {}, '');
      assert.equal(result.httpStatus, 304);
      assert.equal(result.message, 'HTTP 304 Not Modified, but the probe asked for no cached copy (a caching proxy in between?)');
    });

    it('names where an unfollowed redirect points, and does not call a 300 a redirect', async () => {
      const redirect = await probeRaw('302 Found', { location: 'https://gateway.test/v1/models?x=1' }, '');
      assert.equal(redirect.message, 'HTTP 302: redirected to https://gateway.test; set the API base URL to the final address');
      const multiple = await probeRaw('300 Multiple Choices', {}, '');
      assert.doesNotMatch(multiple.message, /redirected/);
      assert.match(multiple.message, /^HTTP 300: /);
    });

    for (const status of [600, 999]) {
      it(`says HTTP status ${status} is invalid instead of "fetch failed"`, async () => {
        const result = await probeRaw(`${status} Odd`, JSON_TYPE, '{}');
        assert.equal(result.outcome, 'server_error');
        assert.equal(result.httpStatus, status);
        assert.equal(result.message, `the server answered with an invalid HTTP status ${status} (a broken server or proxy in between)`);
      });
    }
  });

  describe('of values built by hand', () => {
    it('says the same about an invalid status whether fetch passed it on or refused it', () => {
      const passedOn = classifyError({ status: 999, headers: new Headers(), error: undefined }, CONTEXT);
      assert.equal(passedOn.message, 'the server answered with an invalid HTTP status 999 (a broken server or proxy in between)');
      const refused = classifyError(
        Object.assign(new Error('Connection error.'), { cause: new TypeError('fetch failed', { cause: new Error('the server answered with HTTP status 600, which fetch cannot represent') }) }),
        CONTEXT,
      );
      assert.equal(refused.httpStatus, 600);
      assert.equal(refused.outcome, 'server_error');
    });

    it('describes thrown values that are not Errors', () => {
      const message = (thrown: unknown) => classifyError(thrown, CONTEXT).message;
      assert.equal(message('socket closed by peer'), 'request failed: socket closed by peer');
      assert.equal(message({ message: 'proxy said no', code: 42 }), 'request failed: proxy said no');
      assert.equal(message({ type: 'weird_failure' }), 'request failed: weird_failure');
      assert.equal(message({ reason: 'nope', at: 3 }), 'request failed: a thrown object {"reason":"nope","at":3}');
      assert.equal(message(undefined), 'request failed: undefined was thrown');
      assert.equal(message(42), 'request failed: a thrown number 42');
      assert.equal(message(Object.create(null)), 'request failed: a thrown object {}');
      assert.equal(message(new TypeError()), 'request failed: TypeError');
      assert.doesNotMatch(message({ toString: () => 'x' }), /\[object Object\]/);
      const wrapped = Object.assign(new Error('Connection error.'), { cause: new TypeError('fetch failed', { cause: new Error('socket hang up') }) });
      assert.equal(message(wrapped), 'request failed: Connection error: fetch failed: socket hang up');
      assert.ok(message(new Error(`${'x'.repeat(10_000_000)} ${SENTINEL_KEY}`)).length <= 220, 'a huge message is cut');
      assert.equal(message(new Error(`${'x '.repeat(10)}\n\u202e${SENTINEL_KEY}`)), `request failed: ${'x '.repeat(10)}sk-ant-[redacted]`);
    });

    it('never throws, whatever the thrown value does when read', () => {
      const hostile = new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
          getOwnPropertyDescriptor() {
            throw new Error('trap');
          },
          ownKeys() {
            throw new Error('trap');
          },
          getPrototypeOf() {
            throw new Error('trap');
          },
          has() {
            throw new Error('trap');
          },
        },
      );
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      const getterStatus = Object.defineProperty(new Error('x'), 'status', {
        get() {
          throw new Error('boom');
        },
      });
      const deepObject = JSON.parse(nested(50_000)) as unknown;
      for (const thrown of [hostile, revoked.proxy, getterStatus, deepObject, { message: deepObject }, { status: 529, error: deepObject, headers: hostile }]) {
        const c = classifyError(thrown, CONTEXT);
        assert.ok(c.message.length > 0 && c.message.length <= 420, c.message);
      }
      assert.equal(classifyError({ status: 529, error: deepObject, headers: hostile }, CONTEXT).outcome, 'overloaded');
      for (const unreadable of [hostile, revoked.proxy]) {
        assert.equal(classifyError(unreadable, CONTEXT).message, 'request failed: a thrown object "[unreadable]"', 'described, not caught by the last resort');
      }
      assert.equal(classifyError(deepObject, CONTEXT).message, 'request failed: a thrown list [[[[[[[[[…]]]]]]]]]');
    });

    it('redacts a key echoed in a thrown message', () => {
      const c = classifyError(new Error(`proxy rejected x-api-key ${SENTINEL_KEY}`), CONTEXT);
      assertNoSentinel(c.message, 'message');
      assert.match(c.message, /sk-ant-\[redacted\]/);
      assertNoSentinel(classifyError({ detail: SENTINEL_KEY }, CONTEXT).message, 'object preview');
    });
  });
});

// The tap's watchers on the bytes passing through: the request's top-level
// "model", the error event inside a stream, the error document of a failed
// answer. Each is fed whole, byte by byte and at every split, and must read
// the same; hostile input must cost little and never throw.
import assert from 'node:assert/strict';
import { ErrorBodyCapture } from '../../../../src/core/tap/error-body';
import { clientResponseHeaders, upstreamRequestHeaders } from '../../../../src/core/tap/hop-headers';
import { MAX_SCANNED_BYTES, ModelScanner } from '../../../../src/core/tap/model-scanner';
import { SseErrorScanner } from '../../../../src/core/tap/sse-error-scanner';
import { formatTapRecord, kindOfAnswer, recordedPath } from '../../../../src/core/tap/tap-record';

function splits(text: string): Buffer[][] {
  const bytes = Buffer.from(text);
  const ways: Buffer[][] = [[bytes], [...bytes].map((byte) => Buffer.from([byte]))];
  for (let at = 1; at < bytes.length; at += Math.max(1, Math.floor(bytes.length / 40))) ways.push([bytes.subarray(0, at), bytes.subarray(at)]);
  return ways;
}

function modelOf(text: string): string[] {
  return splits(text).map((chunks) => {
    const scanner = new ModelScanner();
    for (const chunk of chunks) scanner.push(chunk);
    return scanner.model ?? '(none)';
  });
}

function streamErrorOf(text: string): string[] {
  return splits(text).map((chunks) => {
    const scanner = new SseErrorScanner();
    for (const chunk of chunks) scanner.push(chunk);
    scanner.end();
    return scanner.errorSeen ? (scanner.errorType ?? '(unreadable)') : '(none)';
  });
}

describe('traffic tap: watching the bytes', () => {
  describe('the request model', () => {
    const cases: [string, string, string][] = [
      ['first', '{"model":"claude-haiku-4-5","max_tokens":1}', 'claude-haiku-4-5'],
      ['last, after nested objects that name a model', '{"messages":[{"role":"user","content":[{"model":"x-nested"}]}],"metadata":{"model":"meta"}, "model" : "claude-opus-4-1"}', 'claude-opus-4-1'],
      ['after strings holding quotes, braces and "model"', '{"system":"say \\"model\\": {\\"model\\":\\"no\\"}","model":"claude-sonnet-4-5"}', 'claude-sonnet-4-5'],
      ['with whitespace everywhere', ' \n{ \t"model"\r\n:\n "claude-haiku-4-5" }', 'claude-haiku-4-5'],
    ];
    for (const [title, text, expected] of cases) {
      it(`finds it ${title}, however the body is split`, () => {
        assert.deepEqual(new Set(modelOf(text)), new Set([expected]));
      });
    }
    const none: [string, string][] = [
      ['a body that is not an object', '["model","claude-haiku-4-5"]'],
      ['a model value with escapes', '{"model":"claude\\u002dhaiku"}'],
      ['a model that is not a model id', '{"model":"<script>alert(1)</script>"}'],
      ['a model that is not a string', '{"model":42,"other":"claude-haiku-4-5"}'],
      ['a key that merely starts with model', '{"models":"claude-haiku-4-5"}'],
      ['garbage', '\u0000\u00ff{{{{"""\\'],
      ['nothing', ''],
    ];
    for (const [title, text] of none) {
      it(`finds none in ${title}`, () => {
        assert.deepEqual(new Set(modelOf(text)), new Set(['(none)']));
      });
    }
    it('stops looking after its bound: a model after it is not read', () => {
      const scanner = new ModelScanner();
      scanner.push(Buffer.from(`{"system":"${'x'.repeat(MAX_SCANNED_BYTES)}","model":"claude-haiku-4-5"}`));
      assert.equal(scanner.model, undefined);
    });
  });

  describe('the error inside a stream', () => {
    const head = 'event: message_start\ndata: {"type":"message_start","message":{"model":"m"}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"event: error"}}\n\n';
    const overload = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const cases: [string, string, string][] = [
      ['a clean stream', `${head}event: message_stop\ndata: {"type":"message_stop"}\n\n`, '(none)'],
      ['an overload after content', `${head}${overload}`, 'overloaded_error'],
      ['CRLF line endings', `${head}${overload}`.replace(/\n/g, '\r\n'), 'overloaded_error'],
      ['an error event cut before its blank line', `${head}event: error\ndata: {"type":"error","error":{"type":"api_error"}}`, 'api_error'],
      ['data split over two lines', `${head}event:error\ndata: {"type":"error",\ndata: "error":{"type":"rate_limit_error"}}\n\n`, 'rate_limit_error'],
      ['an unnamed error document', `${head}data: {"type":"error","error":{"type":"overloaded_error"}}\n\n`, 'overloaded_error'],
      ['an error event whose data is not JSON', `${head}event: error\ndata: <html>\n\n`, '(unreadable)'],
      ['an error type that is not one', `${head}event: error\ndata: {"type":"error","error":{"type":"<b>x</b>"}}\n\n`, '(unreadable)'],
    ];
    for (const [title, text, expected] of cases) {
      it(`reads ${title} the same however it is split`, () => {
        assert.deepEqual(new Set(streamErrorOf(text)), new Set([expected]));
      });
    }
    it('skips a line longer than its bound and reads on', () => {
      const scanner = new SseErrorScanner();
      scanner.push(Buffer.from(`data: ${'x'.repeat(200_000)}`));
      scanner.push(Buffer.from(`${'y'.repeat(200_000)}\n\n${overload}`));
      scanner.end();
      assert.equal(scanner.errorType, 'overloaded_error');
    });
    it('keeps little of a huge stream of content deltas', () => {
      const scanner = new SseErrorScanner();
      const delta = Buffer.from('event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"word"}}\n\n'.repeat(1000));
      for (let i = 0; i < 100; i++) scanner.push(delta);
      scanner.end();
      assert.equal(scanner.errorSeen, false);
    });
  });

  describe('the error document of a failed answer', () => {
    it('reads error.type and request_id of the API shape', () => {
      const capture = new ErrorBodyCapture();
      const body = Buffer.from('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CABC"}');
      capture.push(body.subarray(0, 10));
      capture.push(body.subarray(10));
      assert.deepEqual(capture.read(), { errorType: 'overloaded_error', requestId: 'req_011CABC' });
    });
    it('reads nothing from HTML, deep nesting or a body past its bound', () => {
      for (const text of ['<html>502 Bad Gateway</html>', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, `{"error":{"type":"api_error"},"pad":"${'x'.repeat(100_000)}"}`]) {
        const capture = new ErrorBodyCapture();
        capture.push(Buffer.from(text));
        assert.deepEqual(capture.read(), {});
      }
    });
  });

  describe('kinds, paths and log lines', () => {
    const kinds: [number, string | undefined, string][] = [
      [200, undefined, 'ok'],
      [200, 'overloaded_error', 'overloaded'],
      [200, 'rate_limit_error', 'rate_limited'],
      [200, 'api_error', 'server_error'],
      [529, undefined, 'overloaded'],
      [500, 'overloaded_error', 'overloaded'],
      [429, 'rate_limit_error', 'rate_limited'],
      [401, 'authentication_error', 'auth'],
      [403, undefined, 'auth'],
      [502, undefined, 'server_error'],
      [404, 'not_found_error', 'other'],
      [302, undefined, 'other'],
    ];
    for (const [status, errorType, kind] of kinds) {
      it(`counts ${status}${errorType ? ` ${errorType}` : ''} as ${kind}`, () => assert.equal(kindOfAnswer(status, errorType), kind));
    }
    it('records the path without its query or control characters, bounded', () => {
      assert.equal(recordedPath('/v1/messages?key=secret'), '/v1/messages');
      assert.equal(recordedPath('/v1/\u001b[31mred'), '/v1/ [31mred');
      assert.ok(recordedPath(`/${'a'.repeat(5000)}`).length <= 200);
    });
    it('writes one log line with what a person needs', () => {
      const line = formatTapRecord({ at: Date.UTC(2026, 0, 1), source: 'tap', kind: 'overloaded', method: 'POST', path: '/v1/messages', model: 'claude-haiku-4-5', status: 200, errorType: 'overloaded_error', inStream: true, latencyMs: 812.4, requestId: 'req_1', rateLimit: {} });
      assert.equal(line, '2026-01-01T00:00:00.000Z POST /v1/messages claude-haiku-4-5 200 overloaded overloaded_error (in stream) 812ms req_1');
    });
  });

  describe('hop-by-hop headers', () => {
    it('drops them and what Connection lists, both ways, keeping the rest in order', () => {
      const raw = ['Host', 'tap', 'X-A', '1', 'Connection', 'close, X-Secret-Hop', 'x-secret-hop', 'v', 'Transfer-Encoding', 'chunked', 'Expect', '100-continue', 'X-A', '2', 'Keep-Alive', 'timeout=5', 'TE', 'trailers', 'Upgrade', 'h2c'];
      assert.deepEqual(upstreamRequestHeaders(raw), ['X-A', '1', 'X-A', '2']);
      assert.deepEqual(clientResponseHeaders({ 'content-type': 'text/event-stream', connection: 'keep-alive, x-drop', 'x-drop': 'v', 'keep-alive': 'timeout=5', 'transfer-encoding': 'chunked', 'set-cookie': ['a=1', 'b=2'] }), {
        'content-type': 'text/event-stream',
        'set-cookie': ['a=1', 'b=2'],
      });
    });
  });
});

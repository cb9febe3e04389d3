import assert from 'node:assert/strict';
import fc from 'fast-check';
import { guardErrorBodies } from '../../../../src/core/probe/error-body-guard';
import { fuzzParameters } from '../../../support/fuzz';

const answer = (response: Response) => guardErrorBodies(() => Promise.resolve(response))('http://127.0.0.1/v1/messages');

/** A body delivered in the given pieces, so lines and characters split across chunks. */
function chunked(text: string, cuts: number[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i === 0 ? 0 : ends[i - 1], end));
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

describe('error body guard', () => {
  it('hands successful and redirect answers over untouched, and ordinary error bodies unchanged', async () => {
    const ok = new Response('{"data":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
    assert.equal(await answer(ok), ok);
    const redirect = new Response(null, { status: 302, headers: { location: '/x' } });
    assert.equal(await answer(redirect), redirect);
    const body = '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}';
    const limited = await answer(new Response(body, { status: 429, headers: { 'retry-after': '3' } }));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal(await limited.text(), body);
  });

  it('flattens a deep error body to the fields that classify it', async () => {
    const deep = `{"type":"error","error":{"type":"overloaded_error","message":${'['.repeat(100)}${']'.repeat(100)},"details":{"error_code":"x_y"}},"request_id":"req_1"}`;
    const flat = await answer(new Response(deep, { status: 529 }));
    assert.deepEqual(JSON.parse(await flat.text()), {
      type: 'error',
      error: { type: 'overloaded_error', message: '(the error message is nested too deeply to read)', details: { error_code: 'x_y' } },
      request_id: 'req_1',
    });
  });

  it('passes any event stream through byte for byte when nothing in it is too deep, however it is chunked', async () => {
    const event = fc.tuple(fc.constantFrom('message_start', 'content_block_delta', 'error', 'ping'), fc.json({ maxDepth: 3 }), fc.constantFrom('\n', '\r\n'));
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.array(fc.nat(), { maxLength: 6 }), async (events, tail, cuts) => {
        const text = `${events.map(([name, data, eol]) => `event: ${name}${eol}data: ${data}${eol}${eol}`).join('')}${tail}`;
        const guarded = await answer(new Response(chunked(text, cuts), { status: 200, headers: { 'content-type': 'text/event-stream' } }));
        assert.equal(await guarded.text(), text);
      }),
      fuzzParameters(100),
    );
  });
});

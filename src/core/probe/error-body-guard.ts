// The SDK builds its error message with JSON.stringify of the error body, which
// overflows the stack on an answer nested a few thousand levels deep: the probe
// would then see a RangeError instead of a 529. This wrapper reads each error
// answer (bounded) before the SDK does and, when it is nested too deeply, hands
// the SDK a flat copy with the fields that classify it: status and headers
// untouched, `type`, `error.type`, `error.details.error_code`, `request_id`.
// The same goes for the data of an `event: error` inside a 200 event stream.
import { jsonField, jsonNestingDepth, jsonString, parseJsonBounded, type JsonBounds } from '../json/bounded';
import type { FetchLike } from '../net/node-fetch';

/** Real error bodies are a few hundred bytes and three levels deep; past this the SDK gets the text cut short. */
export const ERROR_BODY_BOUNDS: JsonBounds = { maxDepth: 32, maxBytes: 1024 * 1024 };

const DEEP_MESSAGE = '(the error message is nested too deeply to read)';

async function readUpTo(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), complete };
}

/** The fields classification reads, from a document too deep for anything recursive. */
function flatErrorBody(document: unknown): string {
  const flat: Record<string, unknown> = { type: 'error', error: { type: jsonString(document, 'error', 'type') ?? 'api_error', message: jsonString(document, 'error', 'message') ?? DEEP_MESSAGE } };
  const errorCode = jsonString(document, 'error', 'details', 'error_code');
  if (errorCode !== undefined) (flat.error as Record<string, unknown>).details = { error_code: errorCode };
  const requestId = jsonField(document, 'request_id');
  if (typeof requestId === 'string') flat.request_id = requestId;
  return JSON.stringify(flat);
}

function parsedOrUndefined(text: string): unknown {
  // JSON.parse itself is iterative and safe on a size-bounded text; only
  // recursive readers of its result are not, and jsonField is not one.
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Passes an event stream through line by line, flattening the data of an
 * `event: error` nested deeper than the bounds. A line longer than maxBytes
 * is passed on unread: no real event is that long.
 */
function guardEventStream(bounds: JsonBounds): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const encoder = new TextEncoder();
  let pending = '';
  let event = '';
  const line = (text: string): string => {
    const bare = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (bare === '') event = '';
    else if (bare.startsWith('event:')) event = bare.slice(6).trim();
    else if (event === 'error' && bare.startsWith('data:') && jsonNestingDepth(bare, bounds.maxDepth) > bounds.maxDepth) {
      return `data: ${flatErrorBody(parsedOrUndefined(bare.slice(5)))}${text.slice(bare.length)}`;
    }
    return text;
  };
  const drain = (controller: TransformStreamDefaultController<Uint8Array>, final: boolean) => {
    let out = '';
    let start = 0;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
      out += `${line(pending.slice(start, end))}\n`;
      start = end + 1;
    }
    pending = pending.slice(start);
    if (final || pending.length > bounds.maxBytes) {
      out += pending;
      pending = '';
    }
    if (out) controller.enqueue(encoder.encode(out));
  };
  return new TransformStream({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      drain(controller, false);
    },
    flush(controller) {
      pending += decoder.decode();
      drain(controller, true);
    },
  });
}

function withBody(response: Response, text: string): Response {
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Wraps a fetch so that no error answer reaches the SDK nested deeper than `bounds.maxDepth`. */
export function guardErrorBodies(fetch: FetchLike, bounds: JsonBounds = ERROR_BODY_BOUNDS): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    if (response.status < 300 && (response.headers.get('content-type') ?? '').toLowerCase().includes('text/event-stream')) {
      return new Response(response.body.pipeThrough(guardEventStream(bounds)), { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    // Otherwise only 4xx and 5xx bodies become SDK errors; the rest pass untouched.
    if (response.status < 400) return response;
    const { bytes, complete } = await readUpTo(response.body, bounds.maxBytes);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (!complete) return withBody(response, text);
    const parsed = parseJsonBounded(text, bounds);
    if (parsed.ok || parsed.reason !== 'too_deep') return withBody(response, text);
    return withBody(response, flatErrorBody(parsedOrUndefined(text)));
  };
}

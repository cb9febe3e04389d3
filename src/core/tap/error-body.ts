// The error.type (and request_id) of an answer that is not a success, read
// from the first bytes of its body as they pass through. The body may be the
// API's JSON, a CDN's HTML page or nothing at all: only a bounded prefix is
// kept, and only JSON that parses within bounds gives a type.
import { jsonField, parseJsonBounded } from '../json/bounded';

/** The API's error documents are a few hundred bytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const ERROR_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** An error.type as the API spells them; anything else (a hostile value) is dropped. */
export function safeErrorType(value: unknown): string | undefined {
  return typeof value === 'string' && ERROR_TYPE.test(value) ? value : undefined;
}

export class ErrorBodyCapture {
  private chunks: Buffer[] = [];
  private size = 0;
  private overflow = false;

  push(chunk: Buffer): void {
    if (this.overflow) return;
    this.size += chunk.length;
    if (this.size > MAX_ERROR_BODY_BYTES) {
      this.overflow = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(Buffer.from(chunk));
  }

  /** What the captured body says; empty when it is not a bounded JSON error document. */
  read(): { errorType?: string; requestId?: string } {
    if (this.overflow || this.size === 0) return {};
    const parsed = parseJsonBounded(Buffer.concat(this.chunks).toString('utf8'), { maxBytes: MAX_ERROR_BODY_BYTES, maxDepth: 32 });
    this.chunks = [];
    if (!parsed.ok) return {};
    const facts: { errorType?: string; requestId?: string } = {};
    const errorType = safeErrorType(jsonField(parsed.value, 'error', 'type'));
    if (errorType) facts.errorType = errorType;
    const requestId = jsonField(parsed.value, 'request_id');
    if (typeof requestId === 'string' && REQUEST_ID.test(requestId)) facts.requestId = requestId;
    return facts;
  }
}

// Reads a server-sent event stream as it passes through, for one fact: an
// `event: error` (an overloaded_error inside a 200 stream, say) and its
// error.type. Lines are found with Buffer.indexOf, data lines are kept only
// while the event may be an error and decoded only for one, and every line
// and event is bounded, so a hostile stream costs linear time and little
// memory. The bytes themselves are never changed: this only watches.
import { jsonField, parseJsonBounded } from '../json/bounded';
import { safeErrorType } from './error-body';

/** No real event line is this long; a longer one is skipped whole. */
const MAX_LINE_BYTES = 64 * 1024;
const MAX_EVENT_DATA_BYTES = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;

const EVENT_FIELD = Buffer.from('event:');
const DATA_FIELD = Buffer.from('data:');
const ERROR_DOCUMENT = Buffer.from('{"type":"error"');

/** buffer[start, end) begins with prefix: compared in place, no slice made (most of a stream's lines are looked at only here). */
function startsWith(buffer: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return end - start >= prefix.length && buffer.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0;
}

/** Where a field's value starts: after the colon, one leading space dropped (the SSE rule). */
function valueStart(buffer: Buffer, start: number, end: number, prefix: Buffer): number {
  const at = start + prefix.length;
  return at < end && buffer[at] === 0x20 ? at + 1 : at;
}

export class SseErrorScanner {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private skippingLongLine = false;
  private eventName: string | undefined;
  private data: Buffer[] = [];
  private dataBytes = 0;
  private found: string | undefined;
  private sawError = false;

  /** The stream carried an error event (its type may be unreadable). */
  get errorSeen(): boolean {
    return this.sawError;
  }

  /** error.type of the first error event. */
  get errorType(): string | undefined {
    return this.found;
  }

  push(chunk: Buffer): void {
    if (this.sawError) return;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline === -1) break;
      this.completeLine(chunk, start, newline);
      start = newline + 1;
      if (this.sawError) return;
    }
    if (start < chunk.length) this.keepPartial(chunk.subarray(start));
  }

  /** The stream ended: an event without its closing blank line still counts. */
  end(): void {
    if (!this.sawError && this.partialBytes > 0 && !this.skippingLongLine) {
      const line = Buffer.concat(this.partial);
      this.line(line, 0, line.length);
    }
    if (!this.sawError) this.dispatch();
  }

  private keepPartial(rest: Buffer): void {
    if (this.skippingLongLine) return;
    this.partialBytes += rest.length;
    if (this.partialBytes > MAX_LINE_BYTES) {
      this.skippingLongLine = true;
      this.partial = [];
      this.partialBytes = 0;
      return;
    }
    // A copy: the chunk's memory belongs to the response on its way out.
    this.partial.push(Buffer.from(rest));
  }

  /** chunk[start, newline) ends a line, which may have begun in earlier chunks. */
  private completeLine(chunk: Buffer, start: number, newline: number): void {
    if (this.skippingLongLine) {
      this.skippingLongLine = false;
      return;
    }
    let line = chunk;
    let end = newline;
    if (this.partialBytes > 0) {
      if (this.partialBytes + newline - start > MAX_LINE_BYTES) {
        this.partial = [];
        this.partialBytes = 0;
        return;
      }
      line = Buffer.concat([...this.partial, chunk.subarray(start, newline)]);
      start = 0;
      end = line.length;
      this.partial = [];
      this.partialBytes = 0;
    }
    if (end - start > MAX_LINE_BYTES) return;
    if (end > start && line[end - 1] === CR) end--;
    this.line(line, start, end);
  }

  private line(buffer: Buffer, start: number, end: number): void {
    if (end === start) {
      this.dispatch();
      return;
    }
    if (startsWith(buffer, start, end, EVENT_FIELD)) {
      this.eventName = buffer.toString('latin1', valueStart(buffer, start, end, EVENT_FIELD), end).trim();
    } else if (startsWith(buffer, start, end, DATA_FIELD)) {
      // The data of a named event other than error never matters (content deltas: most of a stream).
      if (this.eventName !== undefined && this.eventName !== 'error') return;
      const from = valueStart(buffer, start, end, DATA_FIELD);
      if (this.dataBytes + end - from > MAX_EVENT_DATA_BYTES) return;
      this.data.push(Buffer.from(buffer.subarray(from, end)));
      this.dataBytes += end - from + 1;
    }
  }

  private dispatch(): void {
    const name = this.eventName;
    const data = this.data;
    this.eventName = undefined;
    this.data = [];
    this.dataBytes = 0;
    if (name !== 'error') {
      // An unnamed event whose data is an error document counts too (some gateways drop the name).
      if (name !== undefined || data.length === 0 || !startsWith(data[0]!, 0, data[0]!.length, ERROR_DOCUMENT)) return;
    }
    this.sawError = true;
    const text = data.map((part) => part.toString('utf8')).join('\n');
    const parsed = parseJsonBounded(text, { maxBytes: MAX_EVENT_DATA_BYTES, maxDepth: 32 });
    if (parsed.ok) this.found = safeErrorType(jsonField(parsed.value, 'error', 'type'));
  }
}

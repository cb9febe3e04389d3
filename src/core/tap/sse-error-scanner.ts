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

function startsWith(line: Buffer, prefix: Buffer): boolean {
  return line.length >= prefix.length && line.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

/** A field's value: after the colon, one leading space dropped (the SSE rule). */
function fieldValue(line: Buffer, prefix: Buffer): Buffer {
  const value = line.subarray(prefix.length);
  return value[0] === 0x20 ? value.subarray(1) : value;
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
      this.completeLine(chunk.subarray(start, newline));
      start = newline + 1;
      if (this.sawError) return;
    }
    this.keepPartial(chunk.subarray(start));
  }

  /** The stream ended: an event without its closing blank line still counts. */
  end(): void {
    if (!this.sawError && this.partialBytes > 0 && !this.skippingLongLine) this.line(Buffer.concat(this.partial));
    if (!this.sawError) this.dispatch();
  }

  private keepPartial(rest: Buffer): void {
    if (rest.length === 0 || this.skippingLongLine) return;
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

  private completeLine(tail: Buffer): void {
    if (this.skippingLongLine) {
      this.skippingLongLine = false;
      return;
    }
    let line = tail;
    if (this.partialBytes > 0) {
      if (this.partialBytes + tail.length > MAX_LINE_BYTES) {
        this.partial = [];
        this.partialBytes = 0;
        return;
      }
      line = Buffer.concat([...this.partial, tail]);
      this.partial = [];
      this.partialBytes = 0;
    }
    if (line.length > MAX_LINE_BYTES) return;
    if (line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    this.line(line);
  }

  private line(line: Buffer): void {
    if (line.length === 0) {
      this.dispatch();
      return;
    }
    if (startsWith(line, EVENT_FIELD)) {
      this.eventName = fieldValue(line, EVENT_FIELD).toString('latin1').trim();
    } else if (startsWith(line, DATA_FIELD)) {
      // The data of a named event other than error never matters (content deltas: most of a stream).
      if (this.eventName !== undefined && this.eventName !== 'error') return;
      const value = fieldValue(line, DATA_FIELD);
      if (this.dataBytes + value.length > MAX_EVENT_DATA_BYTES) return;
      this.data.push(Buffer.from(value));
      this.dataBytes += value.length + 1;
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
      if (name !== undefined || data.length === 0 || !startsWith(data[0]!, ERROR_DOCUMENT)) return;
    }
    this.sawError = true;
    const text = data.map((part) => part.toString('utf8')).join('\n');
    const parsed = parseJsonBounded(text, { maxBytes: MAX_EVENT_DATA_BYTES, maxDepth: 32 });
    if (parsed.ok) this.found = safeErrorType(jsonField(parsed.value, 'error', 'type'));
  }
}

// Finds the top-level "model" of a request's JSON body as its bytes stream past,
// without holding the body and without changing a byte of it. A byte-at-a-time
// state machine (no regex, no JSON.parse of the body): linear, bounded by
// MAX_SCANNED_BYTES, and done as soon as the value is read. A "model" nested
// inside a message, or a value with escapes, is not the request's model.
import { isModelName } from '../settings/model-name';

/** Request bodies can be tens of megabytes of images; the SDKs put "model" near the start. */
export const MAX_SCANNED_BYTES = 1024 * 1024;
const MAX_VALUE_BYTES = 128;
const MODEL_KEY = Buffer.from('model');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type StringRole = 'key' | 'model' | 'other';

export class ModelScanner {
  private scanned = 0;
  private finished = false;
  private depth = 0;
  private started = false;
  private inString = false;
  private escaped = false;
  private role: StringRole = 'other';
  private captured: number[] = [];
  private expectKey = false;
  private keyIsModel = false;
  private valueIsModel = false;
  private found: string | undefined;

  /** The model, once read; undefined when absent, unreadable or past the bound. */
  get model(): string | undefined {
    return this.found;
  }

  push(chunk: Uint8Array): void {
    if (this.finished) return;
    const end = Math.min(chunk.length, MAX_SCANNED_BYTES - this.scanned);
    for (let i = 0; i < end && !this.finished; i++) this.step(chunk[i] ?? 0);
    this.scanned += end;
    if (this.scanned >= MAX_SCANNED_BYTES) this.finished = true;
  }

  private step(byte: number): void {
    if (this.inString) {
      this.stringByte(byte);
      return;
    }
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return;
    if (!this.started) {
      this.started = true;
      // Not an object: no top-level "model" to find.
      if (byte !== 0x7b) {
        this.finished = true;
        return;
      }
    }
    const topLevel = this.depth === 1;
    switch (byte) {
      case QUOTE:
        this.inString = true;
        this.captured = [];
        this.role = topLevel && this.expectKey ? 'key' : topLevel && this.valueIsModel ? 'model' : 'other';
        if (topLevel) this.expectKey = this.valueIsModel = false;
        return;
      case 0x3a: // ':'
        if (topLevel && this.keyIsModel) this.valueIsModel = true;
        this.keyIsModel = false;
        return;
      case 0x7b: // '{'
      case 0x5b: // '['
        this.depth++;
        if (topLevel) this.valueIsModel = false;
        if (this.depth === 1) this.expectKey = true;
        return;
      case 0x7d: // '}'
      case 0x5d: // ']'
        this.depth--;
        if (this.depth <= 0) this.finished = true;
        return;
      case 0x2c: // ','
        if (topLevel) {
          this.expectKey = true;
          this.valueIsModel = false;
        }
        return;
      default:
        if (topLevel) this.valueIsModel = false;
    }
  }

  private stringByte(byte: number): void {
    if (this.escaped) {
      this.escaped = false;
      return;
    }
    if (byte === BACKSLASH) {
      this.escaped = true;
      this.role = 'other';
      return;
    }
    if (byte === QUOTE) {
      this.inString = false;
      this.endString();
      return;
    }
    if (this.role === 'other') return;
    this.captured.push(byte);
    if (this.captured.length > MAX_VALUE_BYTES) this.role = 'other';
  }

  private endString(): void {
    if (this.role === 'key') {
      this.keyIsModel = this.captured.length === MODEL_KEY.length && MODEL_KEY.every((b, i) => this.captured[i] === b);
    } else if (this.role === 'model') {
      const value = Buffer.from(this.captured).toString('utf8');
      if (isModelName(value)) this.found = value;
      this.finished = true;
    }
    this.role = 'other';
  }
}

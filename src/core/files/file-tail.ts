// Reads what was appended to a file since the last look, a bounded amount at a
// time, with async IO only: the shared store's files and Claude Code's
// transcripts are both append-only JSON lines written by other processes.
// A line counts once its newline is there (a writer may be mid-append); a line
// longer than the cap is skipped without being decoded; a file that shrank or
// was replaced (another inode) is read again from its start. So is one that was
// truncated and then grew past the old offset between two looks (same inode,
// larger size): the last bytes read before the offset are kept and checked
// again, one small read per pass.
import { open } from 'node:fs/promises';

export interface FileTailOptions {
  /** Longer lines are skipped whole (counted in `oversized`). */
  maxLineBytes: number;
  /** A file seen for the first time is read from this many bytes before its end (default: from its start). */
  initialTailBytes?: number;
  /** Lines it rejects are never decoded (e.g. a transcript row without the error flag). */
  keep?: (line: Buffer) => boolean;
}

export interface TailRead {
  /** Complete new lines, without their newline, oldest first. */
  lines: string[];
  /** Lines skipped for being longer than maxLineBytes. */
  oversized: number;
  bytesRead: number;
  /** The file shrank or was replaced since the last read: it is being read from its start. */
  reset: boolean;
  /** More bytes wait beyond this read's budget. */
  more: boolean;
}

const NEWLINE = 0x0a;
/** How many bytes before the offset are checked to notice a rewrite. */
const ANCHOR_BYTES = 64;

export class FileTail {
  private identity: string | undefined;
  private offset = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Inside a line that is being skipped (too long, or cut by the initial tail). */
  private skipping = false;
  private seen = false;
  /** The last bytes consumed, just before `offset`: they must still be there. */
  private anchor: Buffer = Buffer.alloc(0);

  constructor(
    readonly path: string,
    private readonly options: FileTailOptions,
  ) {}

  /** Bytes of the file consumed so far. */
  get position(): number {
    return this.offset;
  }

  /** Reads at most `budgetBytes` new bytes. Throws what the file system throws (missing, permission denied). */
  async read(budgetBytes: number): Promise<TailRead> {
    const result: TailRead = { lines: [], oversized: 0, bytesRead: 0, reset: false, more: false };
    const handle = await open(this.path, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      const identity = `${stat.dev}:${stat.ino}`;
      if (this.identity !== undefined && (identity !== this.identity || stat.size < this.offset || !(await this.anchorHolds(handle)))) {
        this.restart();
        result.reset = true;
      }
      this.identity = identity;
      if (!this.seen) {
        this.seen = true;
        const tail = this.options.initialTailBytes;
        if (tail !== undefined && stat.size > tail) {
          this.offset = stat.size - tail;
          this.skipping = true;
        }
      }
      const available = stat.size - this.offset;
      const length = Math.max(0, Math.min(available, budgetBytes));
      result.more = available > length;
      if (length === 0) return result;
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, this.offset);
      this.offset += bytesRead;
      result.bytesRead = bytesRead;
      this.remember(buffer.subarray(0, bytesRead));
      this.consume(buffer.subarray(0, bytesRead), result);
      return result;
    } finally {
      await handle.close();
    }
  }

  /** Whether the bytes just before the offset are the ones read there before. */
  private async anchorHolds(handle: Awaited<ReturnType<typeof open>>): Promise<boolean> {
    const length = this.anchor.length;
    if (length === 0) return true;
    const now = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(now, 0, length, this.offset - length);
    return bytesRead === length && now.equals(this.anchor);
  }

  private remember(chunk: Buffer): void {
    if (chunk.length >= ANCHOR_BYTES) {
      this.anchor = Buffer.from(chunk.subarray(chunk.length - ANCHOR_BYTES));
      return;
    }
    const joined = Buffer.concat([this.anchor, chunk]);
    this.anchor = Buffer.from(joined.subarray(Math.max(0, joined.length - ANCHOR_BYTES)));
  }

  private restart(): void {
    this.anchor = Buffer.alloc(0);
    this.offset = 0;
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
  }

  private consume(chunk: Buffer, result: TailRead): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      const piece = chunk.subarray(start, end);
      if (!this.skipping) {
        if (this.pendingBytes + piece.length > this.options.maxLineBytes) {
          result.oversized++;
          this.pending = [];
          this.pendingBytes = 0;
          this.skipping = true;
        } else if (piece.length > 0) {
          // Copied: the read buffer is reused by nothing, but a pending piece outlives this call.
          this.pending.push(Buffer.from(piece));
          this.pendingBytes += piece.length;
        }
      }
      if (newline === -1) break;
      if (!this.skipping && this.pendingBytes > 0) {
        const line = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
        if (this.options.keep === undefined || this.options.keep(line)) result.lines.push(line.toString('utf8'));
      }
      this.pending = [];
      this.pendingBytes = 0;
      this.skipping = false;
      start = newline + 1;
    }
  }
}

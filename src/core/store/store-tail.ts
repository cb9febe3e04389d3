// Follows the shared store: reads what other writers appended since the last
// look, a bounded amount per pass, skipping this process's own files.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clock } from '../clock';
import { FileTail } from '../files/file-tail';
import { collectLines, STORE_MAX_BYTES_PER_WRITER, STORE_MAX_FILES, type StoreContents } from './observation-store';
import { observationsDir } from './state-dir';
import { MAX_LINE_BYTES } from './stored-observation';

export interface StoreTailOptions {
  dir: string;
  clock: Clock;
  /** Files whose name starts with this are this process's own (its writer name). */
  ownStem: string;
  /** Rows older than this (relative to now) are not reported. */
  windowMs: number;
  /** Bytes read per pass, all files together. */
  maxBytesPerPass?: number;
}

export class StoreTail {
  private readonly tails = new Map<string, FileTail>();
  private readonly folder: string;

  constructor(private readonly options: StoreTailOptions) {
    this.folder = observationsDir(options.dir);
  }

  /** New observations of other writers, oldest first, and the corrupt lines met. Never throws. */
  async pass(): Promise<StoreContents> {
    const now = this.options.clock.now();
    const contents: StoreContents = { observations: [], corruptLines: 0 };
    let names: string[];
    try {
      names = (await readdir(this.folder)).filter((name) => name.endsWith('.jsonl') && !name.startsWith(this.options.ownStem)).slice(0, STORE_MAX_FILES);
    } catch {
      return contents;
    }
    for (const known of this.tails.keys()) if (!names.includes(path.basename(known))) this.tails.delete(known);
    let budget = this.options.maxBytesPerPass ?? 4 * 1024 * 1024;
    for (const name of names) {
      if (budget <= 0) break;
      const file = path.join(this.folder, name);
      let tail = this.tails.get(file);
      if (!tail) {
        tail = new FileTail(file, { maxLineBytes: MAX_LINE_BYTES, initialTailBytes: STORE_MAX_BYTES_PER_WRITER / 2 });
        this.tails.set(file, tail);
      }
      try {
        const read = await tail.read(budget);
        budget -= read.bytesRead;
        contents.corruptLines += read.oversized;
        // Complete lines only: collectLines drops the last piece, so each gets its newline back.
        collectLines(read.lines.map((line) => `${line}\n`).join(''), now - this.options.windowMs, now, contents);
      } catch {
        // Rotated away or removed between the listing and the read: the next pass sees the new file.
        this.tails.delete(file);
      }
    }
    contents.observations.sort((a, b) => a.at - b.at);
    return contents;
  }
}

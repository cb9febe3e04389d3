// The shared store: every window, the CLI and the tap append what they observe
// to their own file under <state dir>/observations (one file per writer, so
// writers never interleave and need no lock), and readers merge all files.
// Bounded on disk: each writer keeps two segments (current and previous) that
// together span at most the retention and the size cap, and every writer
// sweeps files of writers gone for longer than the retention.
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clock } from '../clock';
import { describeError } from '../text/describe-error';
import { decodeObservation, encodeObservation, type StoredObservation } from './stored-observation';
import { observationsDir } from './state-dir';

export * from './stored-observation';
export { resolveStateDir, observationsDir, STATE_DIR_VARIABLE } from './state-dir';

export const STORE_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Per writer, both segments: about 25,000 observations. */
export const STORE_MAX_BYTES_PER_WRITER = 4 * 1024 * 1024;
/** All writers together; beyond it the oldest files of other writers go. */
export const STORE_MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** Files a reader or a sweep looks at; more are ignored (oldest first). */
export const STORE_MAX_FILES = 256;
const MAX_PENDING_LINES = 10_000;
const FILE_SUFFIX = '.jsonl';
const PREVIOUS_SUFFIX = '.prev.jsonl';

export interface StoreWriterOptions {
  /** The state folder (resolveStateDir); files go under its `observations` folder. */
  dir: string;
  /** Unique per process: e.g. `window-<pid>-<random>`, `tap-<pid>` (uniqueWriterName). */
  writerName: string;
  clock: Clock;
  retentionMs?: number;
  /** Both segments of this writer together. */
  maxBytes?: number;
  /** Write failures, one line each (the store never throws at its caller). */
  log?: (line: string) => void;
}

/** A writer name no other live process uses. */
export function uniqueWriterName(role: string, pid = process.pid): string {
  return `${role}-${pid}-${Math.random().toString(36).slice(2, 8)}`;
}

function safeFileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  return stem.length > 0 ? stem : 'writer';
}

export class ObservationStoreWriter {
  private readonly folder: string;
  private readonly currentPath: string;
  private readonly previousPath: string;
  private readonly retentionMs: number;
  private readonly maxBytes: number;
  private pending: string[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  private prepared = false;
  private size = 0;
  private segmentStartedAt = 0;
  private lastError: string | undefined;
  /** Observations refused (invalid) or dropped (a full buffer while the disk failed). */
  dropped = 0;

  constructor(private readonly options: StoreWriterOptions) {
    this.folder = observationsDir(options.dir);
    const stem = safeFileStem(options.writerName);
    this.currentPath = path.join(this.folder, stem + FILE_SUFFIX);
    this.previousPath = path.join(this.folder, stem + PREVIOUS_SUFFIX);
    this.retentionMs = options.retentionMs ?? STORE_RETENTION_MS;
    this.maxBytes = Math.max(4096, options.maxBytes ?? STORE_MAX_BYTES_PER_WRITER);
  }

  /** Queues the observations and starts writing them. Never throws. */
  append(observations: readonly StoredObservation[]): void {
    if (this.closed) return;
    for (const observation of observations) {
      const line = encodeObservation(observation);
      if (line === undefined) this.dropped++;
      else this.pending.push(line);
    }
    if (this.pending.length > MAX_PENDING_LINES) {
      this.dropped += this.pending.length - MAX_PENDING_LINES;
      this.pending.splice(0, this.pending.length - MAX_PENDING_LINES);
    }
    this.kick();
  }

  /** Resolves once everything appended so far is on disk (or its write failed). */
  async flush(): Promise<void> {
    this.kick();
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private kick(): void {
    if (this.draining || this.pending.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending;
      this.pending = [];
      try {
        await this.write(lines.join(''));
        this.lastError = undefined;
      } catch (error) {
        // Kept for the next append (bounded), logged once per distinct failure.
        this.pending = [...lines, ...this.pending].slice(-MAX_PENDING_LINES);
        const message = describeError(error);
        if (message !== this.lastError) this.options.log?.(`observation store: ${message}`);
        this.lastError = message;
        return;
      }
    }
  }

  private async write(text: string): Promise<void> {
    if (!this.prepared) await this.prepare();
    const now = this.options.clock.now();
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && (this.size + bytes > this.maxBytes / 2 || now - this.segmentStartedAt > this.retentionMs / 2)) {
      // The previous segment is dropped: what stays spans at most the retention and the cap.
      await rename(this.currentPath, this.previousPath);
      this.size = 0;
    }
    if (this.size === 0) this.segmentStartedAt = now;
    const handle = await open(this.currentPath, 'a', 0o600);
    try {
      await handle.appendFile(text);
    } finally {
      await handle.close();
    }
    this.size += bytes;
  }

  private async prepare(): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const current = await stat(this.currentPath).catch(() => undefined);
    this.size = current?.size ?? 0;
    // An existing segment counts as started at its last change: conservative, it rotates sooner.
    this.segmentStartedAt = current ? Math.min(current.mtimeMs, this.options.clock.now()) : this.options.clock.now();
    this.prepared = true;
    await sweepStore(this.folder, this.options.clock.now(), this.retentionMs, new Set([this.currentPath, this.previousPath])).catch(
      (error: unknown) => this.options.log?.(`observation store sweep: ${describeError(error)}`),
    );
  }
}

interface StoreFile {
  path: string;
  size: number;
  mtimeMs: number;
}

async function listStoreFiles(folder: string): Promise<StoreFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: StoreFile[] = [];
  for (const name of names.filter((n) => n.endsWith(FILE_SUFFIX)).slice(0, STORE_MAX_FILES * 4)) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) files.push({ path: file, size: info.size, mtimeMs: info.mtimeMs });
  }
  // Newest first: past the file cap, the oldest are the ones ignored.
  return files.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, STORE_MAX_FILES);
}

/** Removes files untouched for longer than the retention, then the oldest beyond the total cap. */
async function sweepStore(folder: string, now: number, retentionMs: number, keep: ReadonlySet<string>): Promise<void> {
  const files = await listStoreFiles(folder);
  let total = 0;
  for (const file of files) {
    const expired = now - file.mtimeMs > retentionMs;
    total += file.size;
    if (!keep.has(file.path) && (expired || total > STORE_MAX_TOTAL_BYTES)) await unlink(file.path).catch(() => undefined);
  }
}

export interface ReadStoreOptions {
  /** The state folder. */
  dir: string;
  /** Observations before this instant are left out. */
  sinceMs: number;
  clock: Clock;
  /** Bytes read from the end of each file at most (default: a writer's cap). */
  maxBytesPerFile?: number;
}

export interface StoreContents {
  /** Every writer's observations at or after sinceMs, oldest first. */
  observations: StoredObservation[];
  /** Lines that did not validate (torn, foreign, hostile). */
  corruptLines: number;
}

/** Reads every writer's file. A missing store reads as empty. Never throws for what is in the files. */
export async function readStore(options: ReadStoreOptions): Promise<StoreContents> {
  const folder = observationsDir(options.dir);
  const now = options.clock.now();
  const cap = options.maxBytesPerFile ?? STORE_MAX_BYTES_PER_WRITER;
  const contents: StoreContents = { observations: [], corruptLines: 0 };
  for (const file of await listStoreFiles(folder)) {
    if (file.mtimeMs < options.sinceMs) continue;
    const text = await readTail(file.path, cap).catch(() => undefined);
    if (text === undefined) continue;
    collectLines(text, options.sinceMs, now, contents);
  }
  contents.observations.sort((a, b) => a.at - b.at);
  return contents;
}

/** Observations written by clocks a little ahead of ours still count; far-future ones do not. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Decodes complete lines into `into`; the last piece without a newline is a write in progress, not corruption. */
export function collectLines(text: string, sinceMs: number, now: number, into: StoreContents): void {
  const lines = text.split('\n');
  lines.pop();
  for (const line of lines) {
    if (line.length === 0) continue;
    const observation = decodeObservation(line);
    if (observation === undefined) into.corruptLines++;
    else if (observation.at >= sinceMs && observation.at <= now + CLOCK_SKEW_MS) into.observations.push(observation);
  }
}

async function readTail(file: string, cap: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, cap);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // Started mid-file: the first piece is the end of a line already cut.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}

// Finds Claude Code's transcript files and reads only what is new in them,
// with a bounded amount of work per pass: a home with ten thousand transcripts
// costs a few hundred stat calls a pass, never a stall. Folders are listed
// again only when their mtime moves (a new session or subagent file), files
// changed within the window are looked at every pass, the rest in turns.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clock } from '../clock';
import { FileTail } from '../files/file-tail';
import { parseJsonBounded } from '../json/bounded';
import { describeError } from '../text/describe-error';
import { classifyTranscriptRow, type TranscriptError } from './classify-row';

export interface TranscriptReaderOptions {
  /** Claude Code config folders (claudeConfigDirs); each one's `projects` folder is read. */
  configDirs: readonly string[];
  clock: Clock;
  /** Rows and files older than this are left alone. */
  windowMs: number;
  /** File system calls (stat, readdir) per pass. */
  maxCallsPerPass?: number;
  /** Bytes read per pass, all files together. */
  maxBytesPerPass?: number;
  /** Problems (a folder that cannot be read), once per path and problem. Never holds file content. */
  log?: (line: string) => void;
}

/** Error rows are short; a longer line is a prompt or an answer and is skipped unread. */
const MAX_ROW_BYTES = 64 * 1024;
/** A file seen for the first time is read from this far before its end: old rows are out of the window anyway. */
const INITIAL_TAIL_BYTES = 1024 * 1024;
const ERROR_FLAG = Buffer.from('"isApiErrorMessage"');
const MAX_ENTRIES_PER_DIR = 20_000;
const MAX_FILES = 50_000;

/** 0: a config's projects folder, 1: a project, 2: a session's folder, 3: its subagents folder. */
type DirLevel = 0 | 1 | 2 | 3;

interface DirState {
  level: DirLevel;
  mtimeMs: number | undefined;
}

interface FileState {
  tail: FileTail;
  /** undefined until stat'ed once */
  mtimeMs: number | undefined;
  size: number;
  failed?: string;
}

export interface TranscriptPass {
  errors: TranscriptError[];
  /** Files known (of every age). */
  files: number;
  /** File system calls and bytes this pass spent. */
  calls: number;
  bytes: number;
  /** Work left for later passes (unlisted folders, unread bytes). */
  behind: boolean;
}

export class TranscriptReader {
  private readonly dirs = new Map<string, DirState>();
  private readonly files = new Map<string, FileState>();
  private dirCursor = 0;
  private fileCursor = 0;
  private recentCursor = 0;
  private readonly reported = new Set<string>();

  constructor(private readonly options: TranscriptReaderOptions) {
    for (const config of options.configDirs) this.dirs.set(path.join(config, 'projects'), { level: 0, mtimeMs: undefined });
  }

  get knownFiles(): number {
    return this.files.size;
  }

  /** One bounded pass: new folders and files found, new rows of recently changed files read. */
  async pass(): Promise<TranscriptPass> {
    const maxCalls = this.options.maxCallsPerPass ?? 400;
    const result: TranscriptPass = { errors: [], files: 0, calls: 0, bytes: 0, behind: false };
    const budget = { calls: maxCalls, bytes: this.options.maxBytesPerPass ?? 8 * 1024 * 1024 };
    const since = this.options.clock.now() - this.options.windowMs;
    // Half the calls go to folders, the rest to files; neither side starves.
    await this.walkDirs(budget, Math.ceil(maxCalls / 2), since);
    await this.readFiles(budget, since, result);
    result.files = this.files.size;
    result.calls = maxCalls - budget.calls;
    result.errors.sort((a, b) => a.at - b.at);
    return result;
  }

  private async walkDirs(budget: { calls: number }, limit: number, since: number): Promise<void> {
    // The roots, new folders and folders changed within the window every pass
    // (folders found on the way too); the rest in turns.
    const stop = budget.calls - limit;
    const visited = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const urgent = [...this.dirs].filter(([dir, state]) => !visited.has(dir) && (state.level === 0 || state.mtimeMs === undefined || state.mtimeMs >= since));
      if (urgent.length === 0) break;
      for (const entry of urgent) {
        if (budget.calls - 2 < stop) return;
        visited.add(entry[0]);
        await this.visitDir(entry, budget);
      }
    }
    const others = [...this.dirs].filter(([dir]) => !visited.has(dir));
    let turns = 0;
    for (; turns < others.length && budget.calls - 2 >= stop; turns++) await this.visitDir(others[(this.dirCursor + turns) % others.length] as [string, DirState], budget);
    if (others.length > 0) this.dirCursor = (this.dirCursor + turns) % others.length;
  }

  private async visitDir([dir, state]: [string, DirState], budget: { calls: number }): Promise<void> {
    budget.calls--;
    const info = await stat(dir).catch((error: unknown) => this.problem(dir, error));
    if (!info?.isDirectory() || info.mtimeMs === state.mtimeMs) return;
    budget.calls--;
    const listed = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => this.problem(dir, error));
    if (listed === undefined) return;
    state.mtimeMs = info.mtimeMs;
    for (const entry of listed.slice(0, MAX_ENTRIES_PER_DIR)) this.noteEntry(dir, state.level, entry.name, entry.isDirectory(), entry.isFile());
  }

  private noteEntry(dir: string, level: DirLevel, name: string, isDir: boolean, isFile: boolean): void {
    const full = path.join(dir, name);
    if (isDir) {
      const child: DirLevel | undefined = level === 0 ? 1 : level === 1 ? 2 : level === 2 && name === 'subagents' ? 3 : undefined;
      if (child !== undefined && !this.dirs.has(full)) this.dirs.set(full, { level: child, mtimeMs: undefined });
      return;
    }
    const holdsTranscripts = level === 1 || level === 3;
    if (isFile && holdsTranscripts && name.endsWith('.jsonl') && !this.files.has(full) && this.files.size < MAX_FILES) {
      this.files.set(full, {
        tail: new FileTail(full, { maxLineBytes: MAX_ROW_BYTES, initialTailBytes: INITIAL_TAIL_BYTES, keep: (line) => line.includes(ERROR_FLAG) }),
        mtimeMs: undefined,
        size: -1,
      });
    }
  }

  private async readFiles(budget: { calls: number; bytes: number }, since: number, result: TranscriptPass): Promise<void> {
    // Files never looked at first (a new session), then recently changed ones, the others in turns with what budget is left.
    const recent: [string, FileState][] = [];
    const unseen: [string, FileState][] = [];
    const others: [string, FileState][] = [];
    for (const entry of this.files) {
      const mtime = entry[1].mtimeMs;
      (mtime === undefined ? unseen : mtime >= since ? recent : others).push(entry);
    }
    // Newest found first: after the first scan, a file found now is a session that just started.
    for (const entry of unseen.reverse()) {
      if (budget.calls < 2) break;
      await this.visit(entry, budget, since, result);
    }
    // Even recent files share the budget, taking turns, should thousands change at once.
    for (let n = 0; n < recent.length; n++) {
      if (budget.calls < 2) {
        result.behind = true;
        this.recentCursor = (this.recentCursor + n) % recent.length;
        break;
      }
      await this.visit(recent[(this.recentCursor + n) % recent.length] as [string, FileState], budget, since, result);
    }
    let visited = 0;
    for (; visited < others.length && budget.calls >= 2; visited++) {
      await this.visit(others[(this.fileCursor + visited) % others.length] as [string, FileState], budget, since, result);
    }
    if (others.length > 0) this.fileCursor = (this.fileCursor + visited) % others.length;
    // Old files taking turns is the steady state; files never looked at are work left.
    if (unseen.some(([, state]) => state.mtimeMs === undefined)) result.behind = true;
  }

  private async visit([file, state]: [string, FileState], budget: { calls: number; bytes: number }, since: number, result: TranscriptPass): Promise<void> {
    budget.calls--;
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') this.files.delete(file);
      else this.problem(file, error);
      return;
    }
    const changed = info.mtimeMs !== state.mtimeMs || info.size !== state.size;
    state.mtimeMs = info.mtimeMs;
    state.size = info.size;
    if (info.mtimeMs < since || (!changed && state.tail.position === info.size) || budget.bytes <= 0) {
      if (budget.bytes <= 0 && state.tail.position !== info.size && info.mtimeMs >= since) result.behind = true;
      return;
    }
    budget.calls--;
    try {
      const read = await state.tail.read(budget.bytes);
      budget.bytes -= read.bytesRead;
      result.bytes += read.bytesRead;
      if (read.more) {
        result.behind = true;
        // Not all was read: look again next pass even if nothing changes.
        state.size = -1;
      }
      for (const line of read.lines) {
        const parsed = parseJsonBounded(line, { maxBytes: MAX_ROW_BYTES, maxDepth: 32 });
        const error = parsed.ok ? classifyTranscriptRow(parsed.value) : undefined;
        if (error !== undefined && error.at >= since && error.at <= this.options.clock.now() + 5 * 60_000) result.errors.push(error);
      }
      delete state.failed;
    } catch (error) {
      this.problem(file, error);
    }
  }

  /** Logs a folder or file that cannot be read, once per path and reason; the pass goes on. */
  private problem(target: string, error: unknown): undefined {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const key = `${target}\u0000${code ?? ''}`;
    if (!this.reported.has(key) && this.reported.size < 1000) {
      this.reported.add(key);
      this.options.log?.(`Claude Code transcripts: cannot read ${target}: ${describeError(error)}`);
    }
    return undefined;
  }
}

// A bounded walk of a workspace folder: dependency folders, virtual
// environments, VCS metadata and build output are skipped, symbolic links are
// not followed, and entries, files, bytes, depth and time are capped, so a huge
// monorepo (or a repository built to hurt) costs a bounded amount of time.
import { constants, promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { ScanBudget } from './budget';
import { isManifest } from './manifests';
import { languageOf } from './retry-wrappers';

export interface WalkLimits {
  /** Directory entries looked at, in all. */
  maxEntries: number;
  maxDepth: number;
  maxManifests: number;
  maxSources: number;
  /** Larger files are read only up to this many bytes. */
  maxBytesPerFile: number;
  maxTotalBytes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxEntries: 20_000,
  maxDepth: 8,
  maxManifests: 200,
  maxSources: 400,
  maxBytesPerFile: 512 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
};

const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'venv', '.venv', 'env', '.env', '__pycache__', '.tox', '.nox', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', 'site-packages', 'dist', 'build', 'out', 'target', '.next', '.nuxt', '.cache', 'vendor',
  '.gradle', '.idea', '.vscode-test', 'coverage', 'bower_components', '.terraform', '.yarn', '.pnpm-store', '.turbo',
]);

export interface WalkedFile {
  /** Relative to the root, with forward slashes. */
  relative: string;
  name: string;
  text: string;
  kind: 'manifest' | 'source';
}

/** What a walk has covered so far, and why it stopped early, if it did. */
export interface WalkProgress {
  entries: number;
  bytes: number;
  stoppedBecause?: string;
}

export interface WalkResult extends WalkProgress {
  files: WalkedFile[];
}

// O_NONBLOCK: a FIFO that replaced a file after readdir must not block the read forever.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Up to `maxBytes` of a regular file; undefined for anything else (FIFO, device, folder) or an unreadable file. */
async function readCapped(file: string, maxBytes: number): Promise<Buffer | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    // Files that report no size (procfs and the like) still get the whole allowance.
    const size = stat.size > 0 ? Math.min(maxBytes, stat.size) : maxBytes;
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** A folder's entries, at most `max` of them: a folder of a million files is not listed whole. */
async function listEntries(dir: string, max: number): Promise<Dirent[] | undefined> {
  const entries: Dirent[] = [];
  try {
    const handle = await fs.opendir(dir, { bufferSize: 256 });
    try {
      for (let entry = await handle.read(); entry && entries.length < max; entry = await handle.read()) entries.push(entry);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined; // unreadable folders are skipped like missing ones
  }
  return entries;
}

/**
 * Text as editors on Windows save it: UTF-8 with or without a byte-order mark, or UTF-16LE
 * with one (PowerShell's `pip freeze > requirements.txt`). A mark left in would hide the
 * first line from every anchored pattern and make JSON.parse fail.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

function kindOf(name: string): WalkedFile['kind'] | undefined {
  if (isManifest(name)) return 'manifest';
  return languageOf(name) !== undefined && !/\.d\.ts$|\.min\.js$/.test(name) ? 'source' : undefined;
}

/** The files worth scanning under `root`, breadth first, read up to their caps; `progress` says how far it got. */
export async function* walkFiles(root: string, budget: ScanBudget, progress: WalkProgress, limits: WalkLimits = DEFAULT_WALK_LIMITS): AsyncGenerator<WalkedFile> {
  const counts = { manifest: 0, source: 0 };
  const caps = { manifest: limits.maxManifests, source: limits.maxSources };
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  const stop = (reason: string) => {
    progress.stoppedBecause ??= reason;
  };
  for (let next = 0; next < queue.length && !progress.stoppedBecause; next++) {
    if (budget.exhausted()) break;
    const { dir, depth } = queue[next]!;
    // One more than the budget left, so running out shows as "more than N entries".
    const entries = await listEntries(dir, limits.maxEntries - progress.entries + 1);
    if (!entries) continue;
    // A Python virtual environment under any name.
    if (depth > 0 && entries.some((entry) => entry.name === 'pyvenv.cfg')) continue;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++progress.entries > limits.maxEntries) {
        stop(`more than ${limits.maxEntries} entries`);
        break;
      }
      if (entry.isSymbolicLink()) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.') && depth + 1 <= limits.maxDepth) queue.push({ dir: full, depth: depth + 1 });
        continue;
      }
      const kind = entry.isFile() ? kindOf(entry.name) : undefined;
      if (!kind || counts[kind] >= caps[kind]) continue;
      const allowance = Math.min(limits.maxBytesPerFile, limits.maxTotalBytes - progress.bytes);
      if (allowance <= 0) {
        stop(`more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB read`);
        break;
      }
      if (budget.exhausted()) break;
      const bytes = await readCapped(full, allowance);
      if (!bytes) continue;
      progress.bytes += bytes.length;
      counts[kind]++;
      yield { relative: path.relative(root, full).split(path.sep).join('/'), name: entry.name, text: decodeText(bytes), kind };
    }
  }
  if (counts.source >= limits.maxSources) stop(`the first ${limits.maxSources} source files only`);
}

/** The whole walk at once, for callers that want every file in hand. */
export async function walkWorkspace(root: string, signal: AbortSignal, limits: WalkLimits = DEFAULT_WALK_LIMITS, budget = new ScanBudget(() => 0, Infinity, signal)): Promise<WalkResult> {
  const result: WalkResult = { files: [], entries: 0, bytes: 0 };
  for await (const file of walkFiles(root, budget, result, limits)) result.files.push(file);
  if (budget.reason === 'cancelled') result.stoppedBecause ??= 'cancelled';
  return result;
}

// A bounded walk of a workspace folder: dependency folders, virtual
// environments, VCS metadata and build output are skipped, symbolic links are
// not followed, and files, bytes and depth are capped, so a huge monorepo
// costs a bounded amount of time.
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
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

export interface WalkResult {
  files: WalkedFile[];
  entries: number;
  bytes: number;
  /** Why the walk stopped early, if it did. */
  stoppedBecause?: string;
}

async function readCapped(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function walkWorkspace(root: string, signal: AbortSignal, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<WalkResult> {
  const result: WalkResult = { files: [], entries: 0, bytes: 0 };
  let manifests = 0;
  let sources = 0;
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  const stop = (reason: string) => {
    result.stoppedBecause ??= reason;
  };
  while (queue.length && !result.stoppedBecause) {
    if (signal.aborted) {
      stop('cancelled');
      break;
    }
    const { dir, depth } = queue.shift()!;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are skipped like missing ones
    }
    // A Python virtual environment under any name.
    if (depth > 0 && entries.some((entry) => entry.name === 'pyvenv.cfg')) continue;
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (++result.entries > limits.maxEntries) {
        stop(`more than ${limits.maxEntries} entries`);
        break;
      }
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.') && depth + 1 <= limits.maxDepth) queue.push({ dir: full, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile()) continue;
      const manifest = isManifest(entry.name);
      const source = !manifest && languageOf(entry.name) !== undefined && !/\.d\.ts$|\.min\.js$/.test(entry.name);
      if (!manifest && !source) continue;
      if (manifest && manifests >= limits.maxManifests) continue;
      if (source && sources >= limits.maxSources) continue;
      const budget = Math.min(limits.maxBytesPerFile, limits.maxTotalBytes - result.bytes);
      if (budget <= 0) {
        stop(`more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB read`);
        break;
      }
      let bytes: Buffer;
      try {
        bytes = await readCapped(full, budget);
      } catch {
        continue;
      }
      result.bytes += bytes.length;
      if (manifest) manifests++;
      else sources++;
      result.files.push({
        relative: path.relative(root, full).split(path.sep).join('/'),
        name: entry.name,
        text: bytes.toString('utf8'),
        kind: manifest ? 'manifest' : 'source',
      });
    }
  }
  if (sources >= limits.maxSources) stop(`the first ${limits.maxSources} source files only`);
  return result;
}

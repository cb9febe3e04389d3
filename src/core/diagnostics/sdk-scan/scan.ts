// The workspace scan as one bounded job: walk, read and parse file by file
// under one time budget, handing the event loop back between files so the
// check's own timeout and cancellation still run, and stopping with what it
// has (saying how far it got) when the budget is spent.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type ScanBudget } from './budget';
import { scanManifest, type SdkFinding } from './manifests';
import { findRetryWrappers, type RetryWrapperFinding } from './retry-wrappers';
import { DEFAULT_WALK_LIMITS, walkFiles, type WalkLimits, type WalkProgress } from './walk';

/**
 * Findings kept in all: a repository can hold a manifest with thousands of SDK
 * coordinates or sources with thousands of wrapped calls, and a report listing
 * every one is no use to anyone (and costs memory). The rest are only counted.
 */
export const MAX_KEPT_FINDINGS = 500;

export interface WorkspaceScan {
  findings: SdkFinding[];
  wrappers: RetryWrapperFinding[];
  /** Found beyond MAX_KEPT_FINDINGS, counted but not kept. */
  omittedFindings: number;
  omittedWrappers: number;
  /** Files read and parsed (the last one possibly only in part, when the budget ran out in it). */
  files: number;
  entries: number;
  bytes: number;
  /** Why the scan stopped before covering the folder, if it did: the result is then partial. */
  stoppedBecause?: string;
}

export interface ScanOptions {
  budget: ScanBudget;
  /** For the message when the budget runs out. */
  budgetMs: number;
  limits?: WalkLimits;
}

/** Adds what fits under MAX_KEPT_FINDINGS; returns how many did not fit. */
function keep<T>(kept: T[], found: T[]): number {
  const room = Math.max(0, MAX_KEPT_FINDINGS - kept.length);
  kept.push(...found.slice(0, room));
  return Math.max(0, found.length - room);
}

export async function scanWorkspace(root: string, options: ScanOptions): Promise<WorkspaceScan> {
  const { budget } = options;
  const progress: WalkProgress = { entries: 0, bytes: 0 };
  const scan: WorkspaceScan = { findings: [], wrappers: [], omittedFindings: 0, omittedWrappers: 0, files: 0, entries: 0, bytes: 0 };
  for await (const file of walkFiles(root, budget, progress, options.limits ?? DEFAULT_WALK_LIMITS)) {
    if (file.kind === 'manifest') scan.omittedFindings += keep(scan.findings, scanManifest(file.name, file.text, file.relative, budget));
    else scan.omittedWrappers += keep(scan.wrappers, findRetryWrappers(file.relative, file.text, budget));
    scan.files++;
    if (budget.exhausted()) break;
    await nextTurn();
  }
  scan.entries = progress.entries;
  scan.bytes = progress.bytes;
  if (budget.reason === 'time') scan.stoppedBecause = `the time budget of ${Math.round(options.budgetMs / 100) / 10} s ran out`;
  else if (budget.reason === 'cancelled') scan.stoppedBecause = 'cancelled';
  else scan.stoppedBecause = progress.stoppedBecause;
  return scan;
}

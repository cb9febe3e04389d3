// The workspace scan as one bounded job: walk, read and parse file by file
// under one time budget, handing the event loop back between files so the
// check's own timeout and cancellation still run, and stopping with what it
// has (saying how far it got) when the budget is spent.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type ScanBudget } from './budget';
import { scanManifest, type SdkFinding } from './manifests';
import { findRetryWrappers, type RetryWrapperFinding } from './retry-wrappers';
import { DEFAULT_WALK_LIMITS, walkFiles, type WalkLimits, type WalkProgress } from './walk';

export interface WorkspaceScan {
  findings: SdkFinding[];
  wrappers: RetryWrapperFinding[];
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

export async function scanWorkspace(root: string, options: ScanOptions): Promise<WorkspaceScan> {
  const { budget } = options;
  const progress: WalkProgress = { entries: 0, bytes: 0 };
  const scan: WorkspaceScan = { findings: [], wrappers: [], files: 0, entries: 0, bytes: 0 };
  for await (const file of walkFiles(root, budget, progress, options.limits ?? DEFAULT_WALK_LIMITS)) {
    if (file.kind === 'manifest') scan.findings.push(...scanManifest(file.name, file.text, file.relative, budget));
    else scan.wrappers.push(...findRetryWrappers(file.relative, file.text, budget));
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

// Which official Claude SDKs the workspace uses, at which versions, and what
// that means for 529/429 handling: an old Python SDK without OverloadedError,
// a TypeScript SDK before 1.0 (old API version, no OverloadedError), and
// retry wrappers around calls whose SDK still retries by itself. The folder
// may be a cloned repository: the scan runs under a time budget inside the
// check's deadline and reports a partial result rather than holding the host.
import type { Translate } from '../../l10n';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { seconds, type CheckContext, type CheckDefinition } from '../check';
import { ScanBudget } from '../sdk-scan/budget';
import { type SdkFinding } from '../sdk-scan/manifests';
import { type RetryWrapperFinding } from '../sdk-scan/retry-wrappers';
import { scanWorkspace } from '../sdk-scan/scan';
import { olderThan, type Version } from '../sdk-scan/versions';
import type { CheckOutcome, JsonObject } from '../types';

const PYTHON_OVERLOADED_ERROR: Version = [0, 47, 0];
const TYPESCRIPT_ONE: Version = [1, 0, 0];

interface Remark {
  level: 'warn' | 'info';
  text: string;
  hint?: string;
}

const LANGUAGE_NAMES = { typescript: 'TypeScript', python: 'Python', go: 'Go', java: 'Java' } as const;

function describeFinding(f: SdkFinding, t: Translate): string {
  const version = f.spec.raw || t`any version`;
  return `${f.file}: ${f.package} ${version}${f.resolved || f.spec.exact ? '' : ' (range)'}`;
}

/** Per folder, a lock file's resolved version wins over the manifest's range. */
function effective(findings: SdkFinding[]): SdkFinding[] {
  const byKey = new Map<string, SdkFinding>();
  for (const f of findings) {
    const key = `${path.posix.dirname(f.file)}|${f.package}`;
    const seen = byKey.get(key);
    if (!seen || (f.resolved && !seen.resolved)) byKey.set(key, f);
  }
  return [...byKey.values()];
}

function versionRemarks(findings: SdkFinding[], t: Translate): Remark[] {
  const remarks: Remark[] = [];
  for (const f of effective(findings)) {
    if (f.package === 'anthropic') {
      const age = olderThan(f.spec, PYTHON_OVERLOADED_ERROR);
      if (age === 'older') {
        remarks.push({
          level: 'warn',
          text: t`${describeFinding(f, t)}: older than 0.47, so it has no anthropic.OverloadedError; 529s arrive as InternalServerError, and \`except anthropic.OverloadedError\` itself fails with AttributeError`,
          hint: t`Upgrade the Python SDK to 0.47 or later (pip install -U "anthropic>=0.47") in ${f.file}.`,
        });
      } else if (age === 'maybe-older') {
        remarks.push({ level: 'info', text: t`${describeFinding(f, t)}: allows versions before 0.47 (no OverloadedError); the installed version decides` });
      }
    }
    if (f.package === '@anthropic-ai/sdk') {
      const age = olderThan(f.spec, TYPESCRIPT_ONE);
      if (age === 'older' || age === 'maybe-older') {
        remarks.push({
          level: 'info',
          text: t`${describeFinding(f, t)}: ${age === 'older' ? t`before` : t`allows versions before`} 1.0, which send anthropic-version 2023-06-01 with x-api-key (still accepted) and have no OverloadedError class (a 529 is an InternalServerError with status 529)`,
        });
      }
    }
  }
  return remarks;
}

function wrapperRemarks(wrappers: RetryWrapperFinding[], t: Translate): Remark[] {
  const filesWithRetriesOff = [...new Set(wrappers.filter((w) => w.sdkRetriesOff).map((w) => w.file))];
  const remarks: Remark[] = [];
  for (const w of wrappers) {
    if (w.sdkRetriesOff) continue;
    const setting = w.language === 'python' ? 'max_retries=0' : w.language === 'typescript' ? 'maxRetries: 0' : w.language === 'go' ? 'option.WithMaxRetries(0)' : '.maxRetries(0)';
    const what = t`${w.file}:${w.line}: ${w.wrapper === 'loop' ? t`a retry loop` : w.wrapper} around an SDK call whose own retries are on (${setting} is not set in this file): up to 3 x N attempts`;
    if (filesWithRetriesOff.length) {
      remarks.push({ level: 'info', text: t`${what}, unless the client comes from ${filesWithRetriesOff[0]}, which sets ${setting}` });
    } else {
      remarks.push({
        level: 'warn',
        text: what,
        hint: t`Create the client with ${setting} where you wrap calls in your own retries (${w.file}:${w.line}), or drop the wrapper and let the SDK retry.`,
      });
    }
  }
  return remarks;
}

/** Lines of one kind a report lists before it says "and N more": a repository can name the SDK thousands of times. */
const MAX_LISTED_NOTES = 40;
const MAX_SDKS_IN_DETAIL = 5;

function listed(lines: string[], omitted: number, what: string, t: Translate): string[] {
  const more = Math.max(0, lines.length - MAX_LISTED_NOTES) + omitted;
  return more ? [...lines.slice(0, MAX_LISTED_NOTES), t`...and ${more} more ${what} not listed.`] : lines;
}

async function checkSdkVersions(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const root = context.input.workspaceFolder!;
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return { status: 'skip', detail: t`the workspace folder ${root} does not exist or is not a folder` };
  }
  const started = context.stopwatch.now();
  // Part of the check's time is kept back so a scan cut short still reports what it found.
  const budgetMs = Math.max(0, context.timeLeft() - Math.min(1000, context.timeLeft() / 10));
  const budget = new ScanBudget(() => context.stopwatch.now(), started + budgetMs, context.signal);
  const scan = await scanWorkspace(root, { budget, budgetMs });
  const { findings, wrappers } = scan;
  const remarks = [...versionRemarks(findings, t), ...wrapperRemarks(wrappers, t)];
  const scanned = t`${scan.files} manifest and source files in ${seconds(context.stopwatch.now() - started)}`;
  const partial = scan.stoppedBecause ? t`; partial scan, stopped early: ${scan.stoppedBecause}` : '';
  const notes = listed(findings.map((f) => `${LANGUAGE_NAMES[f.ecosystem]} SDK: ${describeFinding(f, t)}.`), scan.omittedFindings, t`SDK references`, t);
  notes.push(...listed(remarks.map((r) => (r.level === 'warn' ? t`Warning: ${r.text}.` : t`Note: ${r.text}.`)), scan.omittedWrappers, t`remarks`, t));
  notes.push(t`Scanned ${scanned}${scan.stoppedBecause ? t`; stopped early: ${scan.stoppedBecause}` : ''} (node_modules, .git and virtual environments skipped).`);
  const data: JsonObject = {
    folder: root,
    sdks: findings.map((f) => ({ ecosystem: f.ecosystem, package: f.package, spec: f.spec.raw, resolved: f.resolved, file: f.file })),
    retryWrappers: wrappers.map((w) => ({ file: w.file, line: w.line, wrapper: w.wrapper, sdkRetriesOff: w.sdkRetriesOff })),
    omitted: { sdks: scan.omittedFindings, retryWrappers: scan.omittedWrappers },
    files: scan.files,
    bytes: scan.bytes,
    stoppedEarly: scan.stoppedBecause ?? null,
    partial: scan.stoppedBecause !== undefined,
  };
  const sdkList = [...new Set(effective(findings).map((f) => `${f.package} ${f.spec.raw || '(any)'}`))];
  const shownSdks = sdkList.slice(0, MAX_SDKS_IN_DETAIL).join(', ') + (sdkList.length > MAX_SDKS_IN_DETAIL ? ` and ${sdkList.length - MAX_SDKS_IN_DETAIL} more` : '');
  const found = sdkList.length ? t`found ${shownSdks}` : t`no official Claude SDK found`;
  const warnings = remarks.filter((r) => r.level === 'warn');
  const first = warnings[0];
  if (first) {
    return {
      status: 'warn',
      detail: warnings.length > 1 ? t`${found}; ${warnings.length} problems: ${first.text}${partial}` : t`${found}; 1 problem: ${first.text}${partial}`,
      hint: first.hint ?? t`See the details.`,
      notes,
      data,
      headline: t`SDK setup: ${first.text}`,
    };
  }
  return { status: 'pass', detail: `${found} (${scanned}${partial})`, notes, data };
}

export const sdkVersionsCheck: CheckDefinition = {
  id: 'sdk-versions',
  title: (t) => t`SDK versions`,
  needs: [],
  timeoutMs: 10_000,
  notApplicable: (_plan, input, t) => (input.workspaceFolder ? undefined : { status: 'skip', detail: t`no workspace folder open` }),
  run: checkSdkVersions,
  timedOut: (ms, { t }) => ({
    status: 'warn',
    detail: t`the workspace scan did not finish within ${seconds(ms)}`,
    hint: t`The folder is very large or on a slow disk: open the project folder itself rather than a parent of many projects.`,
  }),
};

// The report's first line: the broken layer, named from the bottom up (a TLS
// failure explains the failing HTTP and auth checks above it, not the other
// way round), then what else is wrong.
import type { CheckId, CheckResult } from './types';

/** Which failure explains the others: network layers first, then what rides on them. */
const ROOT_CAUSE_ORDER: readonly CheckId[] = [
  'proxy',
  'dns',
  'tcp',
  'tls',
  'http',
  'config',
  'auth',
  'rate-limits',
  'inference',
  'status-page',
  'clock',
  'sdk-versions',
  'environment',
];

function rank(check: CheckResult): number {
  const at = ROOT_CAUSE_ORDER.indexOf(check.id);
  return at < 0 ? ROOT_CAUSE_ORDER.length : at;
}

/** The check that explains the others: the lowest failing layer, else the lowest warning; none when all is well. */
export function rootCauseOf(checks: readonly CheckResult[]): CheckResult | undefined {
  const byRank = [...checks].sort((a, b) => rank(a) - rank(b));
  return byRank.find((check) => check.status === 'fail') ?? byRank.find((check) => check.status === 'warn');
}

export function headlineOf(check: CheckResult): string {
  return check.headline ?? `${check.title}: ${check.detail}`;
}

function others(rest: CheckResult[], word: string): string {
  if (rest.length === 0) return '';
  return ` (${rest.length} more ${word}: ${rest.map((check) => check.id).join(', ')})`;
}

export function summarize(checks: readonly CheckResult[], cancelled: boolean): string {
  const byRank = [...checks].sort((a, b) => rank(a) - rank(b));
  const failed = byRank.filter((check) => check.status === 'fail');
  const warned = byRank.filter((check) => check.status === 'warn');
  const prefix = cancelled ? `Cancelled after ${checks.filter((c) => c.detail !== 'cancelled').length} of ${checks.length} checks. ` : '';
  const [firstFailure, ...moreFailures] = failed;
  if (firstFailure) {
    const warnings = warned.length ? `; ${warned.length} warning${warned.length > 1 ? 's' : ''}` : '';
    return `${prefix}${headlineOf(firstFailure)}${others(moreFailures, 'failing')}${warnings}`;
  }
  const [firstWarning, ...moreWarnings] = warned;
  if (firstWarning) return `${prefix}Works, with warnings: ${headlineOf(firstWarning)}${others(moreWarnings, 'warnings')}`;
  if (cancelled) return `${prefix}Nothing failed before the run was stopped.`;
  const auth = checks.find((check) => check.id === 'auth');
  const skippedCount = checks.filter((check) => check.status === 'skip').length;
  const skippedNote = skippedCount ? ` (${skippedCount} skipped)` : '';
  if (auth?.status === 'pass') return `All checks passed: the Claude API answers from this machine and accepts the key${skippedNote}.`;
  return `All checks that ran passed${skippedNote}.`;
}

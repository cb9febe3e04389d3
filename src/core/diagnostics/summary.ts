// The report's first line: the broken layer, named from the bottom up (a TLS
// failure explains the failing HTTP and auth checks above it, not the other
// way round), then what else is wrong.
import { english, type Translate } from '../l10n';
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

function others(rest: CheckResult[], failing: boolean, t: Translate): string {
  if (rest.length === 0) return '';
  const ids = rest.map((check) => check.id).join(', ');
  return failing ? t` (${rest.length} more failing: ${ids})` : t` (${rest.length} more warnings: ${ids})`;
}

export function summarize(checks: readonly CheckResult[], cancelled: boolean, t: Translate = english): string {
  const byRank = [...checks].sort((a, b) => rank(a) - rank(b));
  const failed = byRank.filter((check) => check.status === 'fail');
  const warned = byRank.filter((check) => check.status === 'warn');
  const cancelledDetail = t`cancelled`;
  const prefix = cancelled ? t`Cancelled after ${checks.filter((c) => c.detail !== cancelledDetail).length} of ${checks.length} checks. ` : '';
  const [firstFailure, ...moreFailures] = failed;
  if (firstFailure) {
    const warnings = warned.length === 0 ? '' : warned.length === 1 ? t`; 1 warning` : t`; ${warned.length} warnings`;
    return `${prefix}${headlineOf(firstFailure)}${others(moreFailures, true, t)}${warnings}`;
  }
  const [firstWarning, ...moreWarnings] = warned;
  if (firstWarning) return `${prefix}${t`Works, with warnings: ${headlineOf(firstWarning)}`}${others(moreWarnings, false, t)}`;
  if (cancelled) return `${prefix}${t`Nothing failed before the run was stopped.`}`;
  const auth = checks.find((check) => check.id === 'auth');
  const skippedCount = checks.filter((check) => check.status === 'skip').length;
  const skippedNote = skippedCount ? t` (${skippedCount} skipped)` : '';
  if (auth?.status === 'pass') return t`All checks passed: the Claude API answers from this machine and accepts the key${skippedNote}.`;
  return t`All checks that ran passed${skippedNote}.`;
}

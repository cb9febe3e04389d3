// The report's verdict as the rendered report shows it first: the tone, the
// summary line (the same one the Markdown starts with), the broken layer and
// its fix. Pure; the webview draws it, the tests read it.
import { rootCauseOf } from '../summary';
import type { DiagnosticsReport } from '../types';

export interface ReportVerdict {
  tone: 'pass' | 'warn' | 'fail' | 'running';
  summary: string;
  /** The check that explains the others (a failure, else a warning). */
  layer?: string;
  fix?: string;
}

export function reportVerdict(report: DiagnosticsReport): ReportVerdict {
  const cause = rootCauseOf(report.checks);
  if (!cause) return { tone: 'pass', summary: report.summary };
  const verdict: ReportVerdict = { tone: cause.status === 'fail' ? 'fail' : 'warn', summary: report.summary, layer: `${cause.title} (${cause.id})` };
  if (cause.hint) verdict.fix = cause.hint;
  return verdict;
}

// The report as one JSON document: {checks, summary, startedAt, durationMs}
// (and `cancelled: true` when the run was stopped, `comparison` when endpoints
// were compared side by side). Pure.
import type { DiagnosticsReport } from '../types';

export function renderJson(report: DiagnosticsReport): string {
  const document: Record<string, unknown> = {
    checks: report.checks,
    summary: report.summary,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
  };
  if (report.cancelled) document.cancelled = true;
  if (report.comparison) document.comparison = report.comparison;
  return `${JSON.stringify(document, null, 2)}\n`;
}

// The report as Markdown: the summary line first, then one table row per
// check, the endpoints compared side by side (when asked), then the details
// (hint, facts) of each check. Pure: same report, same text.
import type { CheckResult, CheckStatus, DiagnosticsReport } from '../types';
import { escapeMarkdown } from '../../view/markdown';
import { comparisonMarkdown } from './comparison';

const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  skip: '⏭️ skip',
};

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function details(check: CheckResult): string[] {
  const lines = [`### ${escapeMarkdown(check.title)} (\`${check.id}\`): ${check.status}`, '', escapeMarkdown(check.detail)];
  if (check.hint) lines.push('', `**Next step:** ${escapeMarkdown(check.hint)}`);
  if (check.notes.length) lines.push('', ...check.notes.map((note) => `- ${escapeMarkdown(note)}`));
  lines.push('');
  return lines;
}

export function renderMarkdown(report: DiagnosticsReport): string {
  const counts = (['fail', 'warn', 'pass', 'skip'] as const)
    .map((status) => [status, report.checks.filter((check) => check.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const lines = [
    `**${escapeMarkdown(report.summary)}**`,
    '',
    `# Claude Health: connection diagnostics`,
    '',
    `Started ${report.startedAt}, took ${duration(report.durationMs)}; ${counts || 'no checks'}${report.cancelled ? '; cancelled' : ''}.`,
    '',
    '| Check | Status | Detail | Time |',
    '| --- | --- | --- | --- |',
    ...report.checks.map((check) => `| ${escapeMarkdown(check.title)} | ${STATUS_LABEL[check.status]} | ${escapeMarkdown(check.detail)} | ${duration(check.durationMs)} |`),
    '',
    ...(report.comparison?.length ? comparisonMarkdown(report.comparison) : []),
    '## Details',
    '',
  ];
  const order: CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];
  for (const status of order) {
    for (const check of report.checks.filter((c) => c.status === status)) lines.push(...details(check));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

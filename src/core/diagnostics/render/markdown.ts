// The report as Markdown: the summary line first, then one table row per
// check, the endpoints compared side by side (when asked), then the details
// (hint, facts) of each check. Pure: same report, same text.
import type { CheckResult, CheckStatus, DiagnosticsReport } from '../types';
import { english, type Translate } from '../../l10n';
import { escapeMarkdown } from '../../view/markdown';
import { comparisonMarkdown } from './comparison';

function statusLabels(t: Translate): Record<CheckStatus, string> {
  return { pass: `✅ ${t`pass`}`, warn: `⚠️ ${t`warn`}`, fail: `❌ ${t`fail`}`, skip: `⏭️ ${t`skip`}` };
}

function statusWord(status: CheckStatus, t: Translate): string {
  return { pass: t`pass`, warn: t`warn`, fail: t`fail`, skip: t`skip` }[status];
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function details(check: CheckResult, t: Translate): string[] {
  const lines = [`### ${escapeMarkdown(check.title)} (\`${check.id}\`): ${statusWord(check.status, t)}`, '', escapeMarkdown(check.detail)];
  if (check.hint) lines.push('', `**${t`Next step:`}** ${escapeMarkdown(check.hint)}`);
  if (check.notes.length) lines.push('', ...check.notes.map((note) => `- ${escapeMarkdown(note)}`));
  lines.push('');
  return lines;
}

/** `t`: the language of the report's own words; the checks' text is already in the language the run was given. */
export function renderMarkdown(report: DiagnosticsReport, t: Translate = english): string {
  const counts = (['fail', 'warn', 'pass', 'skip'] as const)
    .map((status) => [status, report.checks.filter((check) => check.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${statusWord(status, t)}`)
    .join(t`, `);
  const labels = statusLabels(t);
  const lines = [
    `**${escapeMarkdown(report.summary)}**`,
    '',
    `# ${t`Claude Health: connection diagnostics`}`,
    '',
    `${t`Started ${report.startedAt}, took ${duration(report.durationMs)}`}; ${counts || t`no checks`}${report.cancelled ? t`; cancelled` : ''}.`,
    '',
    `| ${t`Check`} | ${t`Status`} | ${t`Detail`} | ${t`Time`} |`,
    '| --- | --- | --- | --- |',
    ...report.checks.map((check) => `| ${escapeMarkdown(check.title)} | ${labels[check.status]} | ${escapeMarkdown(check.detail)} | ${duration(check.durationMs)} |`),
    '',
    ...(report.comparison?.length ? comparisonMarkdown(report.comparison, t) : []),
    `## ${t`Details`}`,
    '',
  ];
  const order: CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];
  for (const status of order) {
    for (const check of report.checks.filter((c) => c.status === status)) lines.push(...details(check, t));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

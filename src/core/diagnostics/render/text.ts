// The report as plain text for a terminal: the summary first, one line per
// check, then the next step and notes of each that did not pass. Nothing is
// escaped, so a command in a hint pastes into a shell as it reads; control
// characters from the network are blanked so a server cannot move the cursor
// or recolour the terminal. Pure: same report and paint, same text.
import type { CheckResult, CheckStatus, DiagnosticsReport } from '../types';
import { noColour, terminalSafe as plain, type Colour, type Paint } from './ansi';
import { comparisonText } from './comparison';

const LABEL: Record<CheckStatus, [text: string, colour: Colour]> = {
  fail: ['FAIL', 'red'],
  warn: ['WARN', 'yellow'],
  pass: ['pass', 'green'],
  skip: ['skip', 'dim'],
};

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function checkLine(check: CheckResult, paint: Paint): string {
  const [label, colour] = LABEL[check.status];
  return `  ${paint(colour, label)}  ${plain(check.title).padEnd(15)} ${plain(check.detail)} ${paint('dim', `(${duration(check.durationMs)})`)}`;
}

function details(check: CheckResult, paint: Paint): string[] {
  const lines = [paint('bold', `${plain(check.title)} (${check.id}): ${LABEL[check.status][0]}`)];
  if (check.hint) lines.push(`  Next step: ${plain(check.hint)}`);
  for (const note of check.notes) lines.push(`  - ${plain(note)}`);
  return [...lines, ''];
}

export function renderText(report: DiagnosticsReport, paint: Paint = noColour): string {
  const worst = report.checks.some((c) => c.status === 'fail') ? 'red' : report.checks.some((c) => c.status === 'warn') ? 'yellow' : 'green';
  const lines = [
    paint(worst, paint('bold', plain(report.summary))),
    '',
    `Claude Health connection diagnostics, started ${report.startedAt}, took ${duration(report.durationMs)}${report.cancelled ? ', cancelled' : ''}`,
    '',
    ...report.checks.map((check) => checkLine(check, paint)),
    '',
    ...(report.comparison?.length ? comparisonText(report.comparison, paint) : []),
  ];
  for (const status of ['fail', 'warn', 'pass'] as const) {
    for (const check of report.checks.filter((c) => c.status === status)) lines.push(...details(check, paint));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

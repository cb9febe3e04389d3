// The report as plain text for a terminal: the summary first, one line per
// check, then the next step and notes of each that did not pass. Nothing is
// escaped, so a command in a hint pastes into a shell as it reads; control
// characters from the network are blanked so a server cannot move the cursor
// or recolour the terminal. Pure: same report and paint, same text.
import type { CheckResult, CheckStatus, DiagnosticsReport } from '../types';
import { english, type Translate } from '../../l10n';
import { noColour, terminalSafe as plain, type Colour, type Paint } from './ansi';
import { comparisonText } from './comparison';
// CJK characters take two columns, so the detail column lines up in Chinese too.
import { padToWidth } from '../../text/display-width';

function labels(t: Translate): Record<CheckStatus, [text: string, colour: Colour]> {
  return {
    fail: [t`FAIL`, 'red'],
    warn: [t`WARN`, 'yellow'],
    pass: [t`pass`, 'green'],
    skip: [t`skip`, 'dim'],
  };
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function checkLine(check: CheckResult, paint: Paint, t: Translate): string {
  const [label, colour] = labels(t)[check.status];
  return `  ${paint(colour, label)}  ${padToWidth(plain(check.title), 15)} ${plain(check.detail)} ${paint('dim', `(${duration(check.durationMs)})`)}`;
}

function details(check: CheckResult, paint: Paint, t: Translate): string[] {
  const lines = [paint('bold', `${plain(check.title)} (${check.id}): ${labels(t)[check.status][0]}`)];
  if (check.hint) lines.push(`  ${t`Next step:`} ${plain(check.hint)}`);
  for (const note of check.notes) lines.push(`  - ${plain(note)}`);
  return [...lines, ''];
}

export function renderText(report: DiagnosticsReport, paint: Paint = noColour, t: Translate = english): string {
  const worst = report.checks.some((c) => c.status === 'fail') ? 'red' : report.checks.some((c) => c.status === 'warn') ? 'yellow' : 'green';
  const lines = [
    paint(worst, paint('bold', plain(report.summary))),
    '',
    `${t`Claude Health connection diagnostics, started ${report.startedAt}, took ${duration(report.durationMs)}`}${report.cancelled ? t`, cancelled` : ''}`,
    '',
    ...report.checks.map((check) => checkLine(check, paint, t)),
    '',
    ...(report.comparison?.length ? comparisonText(report.comparison, paint, t) : []),
  ];
  for (const status of ['fail', 'warn', 'pass'] as const) {
    for (const check of report.checks.filter((c) => c.status === status)) lines.push(...details(check, paint, t));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

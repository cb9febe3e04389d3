// The comparison section of the Markdown and plain-text reports: the same
// table (compare/table.ts), then one verdict line per endpoint. In a terminal
// the columns are cut to fit 80 columns (Chinese characters take two); the
// verdicts below are whole.
import { english, type Translate } from '../../l10n';
import { displayWidth, padToWidth as pad, wrapToWidth } from '../../text/display-width';
import { comparisonHeading, comparisonIntro, comparisonTable, endpointHeading, verdictLabel } from '../compare/table';
import { DEFAULT_SAMPLE_COUNT } from '../compare/latency';
import type { ComparisonEntry, ComparisonView } from '../compare/types';
import { escapeMarkdown } from '../../view/markdown';
import { noColour, terminalSafe as plain, type Colour, type Paint } from './ansi';

function verdictMarks(t: Translate): Record<ComparisonEntry['verdict']['status'], [markdown: string, text: string, colour: Colour]> {
  return {
    pass: ['✅', t`pass`, 'green'],
    warn: ['⚠️', t`WARN`, 'yellow'],
    fail: ['❌', t`FAIL`, 'red'],
  };
}

const TERMINAL_WIDTH = 80;
const MIN_COLUMN = 14;

function samplesOf(entries: readonly ComparisonEntry[]): number {
  return Math.max(DEFAULT_SAMPLE_COUNT, ...entries.map((entry) => entry.latencyMs.samples));
}

export function comparisonView(entries: readonly ComparisonEntry[], t: Translate = english): ComparisonView {
  return {
    heading: comparisonHeading(t),
    intro: comparisonIntro(samplesOf(entries), t),
    table: comparisonTable(entries, t),
    verdictLabel: verdictLabel(t),
    verdicts: entries.map((entry) => ({ status: entry.verdict.status, text: entry.verdict.text })),
    notes: entries.flatMap((entry) => entry.notes.map((text) => ({ endpoint: endpointHeading(entry, t), text }))),
  };
}

export function comparisonMarkdown(entries: readonly ComparisonEntry[], t: Translate = english): string[] {
  const table = comparisonTable(entries, t);
  const marks = verdictMarks(t);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `## ${comparisonHeading(t)}`,
    '',
    escapeMarkdown(comparisonIntro(samplesOf(entries), t)),
    '',
    row(['', ...table.heads.map((head) => `**${escapeMarkdown(head)}**`)]),
    row(['---', ...table.heads.map(() => '---')]),
    ...table.rows.map((r) => row([escapeMarkdown(r.label), ...r.cells.map(escapeMarkdown)])),
    row([verdictLabel(t), ...entries.map((entry) => `${marks[entry.verdict.status][0]} ${escapeMarkdown(entry.verdict.text)}`)]),
    '',
    ...entries.flatMap((entry) => entry.notes.map((note) => `- **${escapeMarkdown(endpointHeading(entry, t))}**: ${escapeMarkdown(note)}`)),
    ...(entries.some((entry) => entry.notes.length) ? [''] : []),
  ];
}

/** A cell in lines of at most `width` terminal columns; a word wider than that is cut. */
function wrapCell(text: string, width: number): string[] {
  return wrapToWidth(text, width, { cutLongWords: true });
}

/** The table in columns that fit 80 terminal columns where they can; a long cell wraps onto more lines. */
export function comparisonText(entries: readonly ComparisonEntry[], paint: Paint = noColour, t: Translate = english): string[] {
  const table = comparisonTable(entries, t);
  const marks = verdictMarks(t);
  const labelWidth = Math.max(...table.rows.map((r) => displayWidth(r.label)));
  const room = Math.floor((TERMINAL_WIDTH - 2 - labelWidth - 2 * entries.length) / Math.max(1, entries.length));
  const widths = entries.map((_, index) =>
    Math.max(MIN_COLUMN, Math.min(room, Math.max(displayWidth(table.heads[index]!), ...table.rows.map((r) => displayWidth(plain(r.cells[index]!)))))),
  );
  const lines = (label: string, cells: string[]): string[] => {
    const wrapped = cells.map((cell, i) => wrapCell(plain(cell), widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, row) =>
      `  ${pad(row === 0 ? label : '', labelWidth)}  ${wrapped.map((w, i) => pad(w[row] ?? '', widths[i]!)).join('  ')}`.trimEnd(),
    );
  };
  const nameWidth = Math.max(...table.heads.map((head) => displayWidth(head)));
  return [
    paint('bold', comparisonHeading(t)),
    '',
    ...lines('', table.heads).map((line) => paint('bold', line)),
    ...table.rows.flatMap((r) => lines(r.label, r.cells)),
    '',
    ...entries.map((entry) => {
      const [, label, colour] = marks[entry.verdict.status];
      return `  ${paint(colour, label)}  ${pad(plain(endpointHeading(entry, t)), nameWidth)}  ${plain(entry.verdict.text)}`;
    }),
    ...entries.flatMap((entry) => entry.notes.map((note) => `  - ${plain(endpointHeading(entry, t))}: ${plain(note)}`)),
    '',
  ];
}

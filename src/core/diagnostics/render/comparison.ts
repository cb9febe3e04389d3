// The comparison section of the Markdown and plain-text reports: the same
// table (compare/table.ts), then one verdict line per endpoint. In a terminal
// the columns are cut to fit 80 characters; the verdicts below are whole.
import { comparisonHeading, comparisonIntro, comparisonTable, VERDICT_LABEL } from '../compare/table';
import { DEFAULT_SAMPLE_COUNT } from '../compare/latency';
import type { ComparisonEntry } from '../compare/types';
import { escapeMarkdown } from '../../view/markdown';
import { noColour, terminalSafe as plain, type Colour, type Paint } from './ansi';

const VERDICT_MARK: Record<ComparisonEntry['verdict']['status'], [markdown: string, text: string, colour: Colour]> = {
  pass: ['✅', 'pass', 'green'],
  warn: ['⚠️', 'WARN', 'yellow'],
  fail: ['❌', 'FAIL', 'red'],
};

const TERMINAL_WIDTH = 80;
const MIN_COLUMN = 14;

function samplesOf(entries: readonly ComparisonEntry[]): number {
  return Math.max(DEFAULT_SAMPLE_COUNT, ...entries.map((entry) => entry.latencyMs.samples));
}

export function comparisonMarkdown(entries: readonly ComparisonEntry[]): string[] {
  const table = comparisonTable(entries);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `## ${comparisonHeading()}`,
    '',
    escapeMarkdown(comparisonIntro(samplesOf(entries))),
    '',
    row(['', ...table.heads.map((head) => `**${escapeMarkdown(head)}**`)]),
    row(['---', ...table.heads.map(() => '---')]),
    ...table.rows.map((r) => row([escapeMarkdown(r.label), ...r.cells.map(escapeMarkdown)])),
    row([VERDICT_LABEL, ...entries.map((entry) => `${VERDICT_MARK[entry.verdict.status][0]} ${escapeMarkdown(entry.verdict.text)}`)]),
    '',
    ...entries.flatMap((entry) => entry.notes.map((note) => `- **${escapeMarkdown(entry.name)}**: ${escapeMarkdown(note)}`)),
    ...(entries.some((entry) => entry.notes.length) ? [''] : []),
  ];
}

/** Words in lines of at most `width` characters; a longer word is cut into pieces. */
function wrapCell(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    let rest = [...word];
    while (rest.length > width) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, width).join(''));
      line = '';
      rest = rest.slice(width);
    }
    const piece = rest.join('');
    if (!piece) continue;
    if (line && [...line].length + 1 + rest.length > width) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** The table in columns that fit 80 characters where they can; a long cell wraps onto more lines. */
export function comparisonText(entries: readonly ComparisonEntry[], paint: Paint = noColour): string[] {
  const table = comparisonTable(entries);
  const labelWidth = Math.max(...table.rows.map((r) => r.label.length));
  const room = Math.floor((TERMINAL_WIDTH - 2 - labelWidth - 2 * entries.length) / Math.max(1, entries.length));
  const widths = entries.map((_, index) =>
    Math.max(MIN_COLUMN, Math.min(room, Math.max([...table.heads[index]!].length, ...table.rows.map((r) => [...plain(r.cells[index]!)].length)))),
  );
  const lines = (label: string, cells: string[]): string[] => {
    const wrapped = cells.map((cell, i) => wrapCell(plain(cell), widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, row) =>
      `  ${pad(row === 0 ? label : '', labelWidth)}  ${wrapped.map((w, i) => pad(w[row] ?? '', widths[i]!)).join('  ')}`.trimEnd(),
    );
  };
  const nameWidth = Math.max(...table.heads.map((head) => [...head].length));
  return [
    paint('bold', comparisonHeading()),
    '',
    ...lines('', table.heads).map((line) => paint('bold', line)),
    ...table.rows.flatMap((r) => lines(r.label, r.cells)),
    '',
    ...entries.map((entry) => {
      const [, label, colour] = VERDICT_MARK[entry.verdict.status];
      return `  ${paint(colour, label)}  ${pad(plain(entry.name), nameWidth)}  ${plain(entry.verdict.text)}`;
    }),
    ...entries.flatMap((entry) => entry.notes.map((note) => `  - ${plain(entry.name)}: ${plain(note)}`)),
    '',
  ];
}

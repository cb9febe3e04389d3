// `claude-health signals` for people: one row per source, one column per kind.
// The sources and kinds are the ids the JSON uses (and the extension's
// settings name), so they stay as they are in every language; the sentences
// around them are translated, and the columns line up by display width.
import type { Translate } from '../core/l10n';
import { REQUEST_KINDS } from '../core/signals/request-kinds';
import { displayWidth, padToWidth } from '../core/text/display-width';
import type { SignalsReading } from './signals-command';

const SOURCES = ['claude-code', 'tap', 'probe'] as const;

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export function renderSignalsText(reading: SignalsReading, t: Translate): string {
  const { json } = reading;
  const header = [t`source`, ...REQUEST_KINDS];
  const rows = SOURCES.map((source) => {
    const counts = json.counts[source] as Partial<Record<string, number>>;
    return [source, ...REQUEST_KINDS.map((kind) => (counts[kind] === undefined ? '-' : String(counts[kind])))];
  });
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? padToWidth(cell, widths[column] ?? 0) : padStart(cell, widths[column] ?? 0))).join('  ');
  const out = [t`Requests in the last ${json.sinceMinutes} min, by source and kind:`, '', line(header), ...rows.map(line), ''];
  if (reading.planLimit) {
    const resetsAt = reading.planLimit.resetsAt;
    out.push(
      resetsAt !== undefined ?
        t`Claude Code hit your plan's limit (a subscription limit, not an API 429); it resets at ${new Date(resetsAt).toISOString()}.`
      : t`Claude Code hit your plan's limit (a subscription limit, not an API 429).`,
    );
  }
  const dirs = reading.configDirs.length > 0 ? reading.configDirs.join(', ') : t`none`;
  out.push(reading.partial ? t`Claude Code transcripts: ${dirs} (too many files: read in part)` : t`Claude Code transcripts: ${dirs}`);
  out.push(reading.corruptLines > 0 ? t`Shared store: ${reading.stateDir} (${reading.corruptLines} unreadable lines skipped)` : t`Shared store: ${reading.stateDir}`);
  return `${out.join('\n')}\n`;
}

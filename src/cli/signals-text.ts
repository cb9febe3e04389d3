// `claude-health signals` for people: one row per source, one column per kind.
import { REQUEST_KINDS } from '../core/signals/request-kinds';
import type { SignalsReading } from './signals-command';

const SOURCES = ['claude-code', 'tap', 'probe'] as const;

export function renderSignalsText(reading: SignalsReading): string {
  const { json } = reading;
  const header = ['source', ...REQUEST_KINDS];
  const rows = SOURCES.map((source) => {
    const counts = json.counts[source] as Partial<Record<string, number>>;
    return [source, ...REQUEST_KINDS.map((kind) => (counts[kind] === undefined ? '-' : String(counts[kind])))];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const out = [`Requests in the last ${json.sinceMinutes} min, by source and kind:`, '', line(header), ...rows.map(line), ''];
  if (reading.planLimit) {
    const reset = reading.planLimit.resetsAt !== undefined ? `; it resets at ${new Date(reading.planLimit.resetsAt).toISOString()}` : '';
    out.push(`Claude Code hit your plan's limit (a subscription limit, not an API 429)${reset}.`);
  }
  out.push(`Claude Code transcripts: ${reading.configDirs.length > 0 ? reading.configDirs.join(', ') : 'none'}${reading.partial ? ' (too many files: read in part)' : ''}`);
  out.push(`Shared store: ${reading.stateDir}${reading.corruptLines > 0 ? ` (${reading.corruptLines} unreadable lines skipped)` : ''}`);
  return `${out.join('\n')}\n`;
}

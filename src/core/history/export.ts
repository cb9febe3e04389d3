// A range of the history as a file: CSV (one row per request, for a
// spreadsheet) and JSON (the requests, the health changes and the status
// bands). Holds times, outcomes and request ids: never the key.
import type { LoggedEvent } from '../signals/probe-log';
import { chartKindOf, firstIndexAtOrAfter, matchesSource, sourceOf, type HistoryData, type SourceChoice } from './data';
import { healthSegments } from './model';

export interface ExportRange {
  from: number;
  to: number;
  source: SourceChoice;
}

export const CSV_COLUMNS = ['time', 'source', 'kind', 'outcome', 'http_status', 'latency_ms', 'retry_after_s', 'request_id', 'model'] as const;

function eventsIn(data: HistoryData, range: ExportRange): LoggedEvent[] {
  const rows: LoggedEvent[] = [];
  for (let index = firstIndexAtOrAfter(data.events, range.from); index < data.events.length; index++) {
    const event = data.events[index]!;
    if (event.at >= range.to) break;
    if (matchesSource(event, range.source)) rows.push(event);
  }
  return rows;
}

/**
 * One cell: quoted when it holds a comma, quote or line break; a leading
 * = + - @ is defused so a spreadsheet never runs it as a formula.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function historyCsv(data: HistoryData, range: ExportRange): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const event of eventsIn(data, range)) {
    const cells = [new Date(event.at).toISOString(), sourceOf(event), chartKindOf(event.outcome), event.outcome, event.httpStatus, event.latencyMs, event.retryAfterSeconds, event.requestId, event.model];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function historyJson(data: HistoryData, range: ExportRange): string {
  const document = {
    exportedAt: new Date(data.now).toISOString(),
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    source: range.source,
    requests: eventsIn(data, range).map((event) => ({
      time: new Date(event.at).toISOString(),
      source: sourceOf(event),
      kind: chartKindOf(event.outcome),
      outcome: event.outcome,
      httpStatus: event.httpStatus ?? null,
      latencyMs: event.latencyMs,
      retryAfterSeconds: event.retryAfterSeconds ?? null,
      requestId: event.requestId ?? null,
      model: event.model ?? null,
    })),
    health: healthSegments(data.health, range.from, Math.min(range.to, data.now)).map((segment) => ({
      from: new Date(segment.from).toISOString(),
      to: new Date(segment.to).toISOString(),
      state: segment.state,
    })),
    statusPage: data.bands
      .filter((band) => band.to >= range.from && band.from < range.to)
      .map((band) => ({ kind: band.kind, id: band.id, name: band.name, impact: band.impact, from: new Date(band.from).toISOString(), to: new Date(band.to).toISOString(), ongoing: band.open })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

// Report fields this view does not know by name (a comparison table, say),
// drawn from their shape: a list of records as a table, a record as a
// definition list, anything else as text. Depth is bounded.
import { element } from '../dom';

const MAX_DEPTH = 4;
const MAX_ROWS = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function renderValue(value: unknown, depth: number): HTMLElement {
  if (depth >= MAX_DEPTH) return element('span', { class: 'mono' }, text(value));
  if (Array.isArray(value)) {
    const rows = value.slice(0, MAX_ROWS);
    if (rows.length > 0 && rows.every(isRecord)) {
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      const head = element('tr', {}, ...columns.map((column) => element('th', { scope: 'col' }, column)));
      const body = rows.map((row) => element('tr', {}, ...columns.map((column) => element('td', {}, renderValue(row[column], depth + 1)))));
      return element('div', { class: 'table-scroll' }, element('table', {}, element('thead', {}, head), element('tbody', {}, ...body)));
    }
    return element('ul', {}, ...rows.map((item) => element('li', {}, renderValue(item, depth + 1))));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).slice(0, MAX_ROWS);
    return element('dl', {}, ...entries.flatMap(([key, item]) => [element('dt', {}, key), element('dd', {}, renderValue(item, depth + 1))]));
  }
  return element('span', {}, text(value));
}

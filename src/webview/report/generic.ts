// Report fields this view does not know by name (a comparison table, say),
// drawn from their shape: a list of records as a table, a record as a
// definition list, anything else as text. Depth is bounded. Known fields
// (the comparison's) are labelled in the page's language; others by their key.
import { element } from '../dom';
import { wordFor } from '../page-locale';
import { STRINGS } from './strings';

const MAX_DEPTH = 4;
const MAX_ROWS = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field's label: the table's word for a known one, else its key in words ("keySource" → "Key source"). */
export function fieldLabel(key: string): string {
  if (Object.hasOwn(STRINGS.fields, key)) return wordFor(STRINGS.fields, key);
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function text(value: unknown, field?: string): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return field === 'status' ? wordFor(STRINGS.status, value) : value;
  if (typeof value === 'boolean') return value ? STRINGS.yes : STRINGS.no;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** `field`: the key the value sits under, which decides how a status word reads. */
export function renderValue(value: unknown, depth: number, field?: string): HTMLElement {
  if (depth >= MAX_DEPTH) return element('span', { class: 'mono' }, text(value, field));
  if (Array.isArray(value)) {
    const rows = value.slice(0, MAX_ROWS);
    if (rows.length > 0 && rows.every(isRecord)) {
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      const head = element('tr', {}, ...columns.map((column) => element('th', { scope: 'col', 'data-field': column }, fieldLabel(column))));
      const body = rows.map((row) => element('tr', {}, ...columns.map((column) => element('td', {}, renderValue(row[column], depth + 1, column)))));
      return element('div', { class: 'table-scroll' }, element('table', {}, element('thead', {}, head), element('tbody', {}, ...body)));
    }
    return element('ul', {}, ...rows.map((item) => element('li', {}, renderValue(item, depth + 1, field))));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).slice(0, MAX_ROWS);
    return element('dl', {}, ...entries.flatMap(([key, item]) => [element('dt', { 'data-field': key }, fieldLabel(key)), element('dd', {}, renderValue(item, depth + 1, key))]));
  }
  return element('span', {}, text(value, field));
}

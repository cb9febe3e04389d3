// The panels drawn as plain DOM: the health timeline with its status bands,
// the heat map (a table, so it reads cell by cell with a keyboard or a screen
// reader), the latest errors and the totals. Each is replaced in one step.
import { CHART_KINDS } from '../../core/history/data';
import type { HistoryModel } from '../../core/history/model';
import { element, localTime } from '../dom';
import { wordFor } from '../page-locale';
import { STRINGS } from './strings';

function percentOf(model: HistoryModel, at: number): number {
  return Math.min(100, Math.max(0, ((at - model.from) / (model.to - model.from)) * 100));
}

function place(node: HTMLElement, model: HistoryModel, from: number, to: number): HTMLElement {
  const left = percentOf(model, from);
  node.style.left = `${left}%`;
  node.style.width = `${Math.max(0.3, percentOf(model, to) - left)}%`;
  return node;
}

export function renderTimeline(host: HTMLElement, model: HistoryModel): void {
  const states = element('div', { class: 'timeline', role: 'list', 'aria-label': STRINGS.health });
  for (const segment of model.health) {
    const label = `${wordFor(STRINGS.states, segment.state)}${STRINGS.colon}${localTime(segment.from, true)} – ${localTime(segment.to, true)}`;
    states.append(place(element('div', { class: `segment state-${segment.state}`, role: 'listitem', title: label, 'aria-label': label, tabindex: '0' }), model, segment.from, segment.to));
  }
  const bands = element('div', { class: 'bands', role: 'list', 'aria-label': STRINGS.healthHelp });
  for (const band of model.bands) {
    const label = `${STRINGS.band(band.kind, band.name, wordFor(STRINGS.impacts, band.impact), band.open)}${STRINGS.colon}${localTime(band.from, true)} – ${band.open ? '…' : localTime(band.to, true)}`;
    bands.append(place(element('div', { class: `band band-${band.kind} impact-${band.impact}`, role: 'listitem', title: label, 'aria-label': label, tabindex: '0' }, band.name), model, band.from, band.to));
  }
  const legend = model.bands.length === 0 ? element('p', { class: 'muted' }, STRINGS.noBands) : element('p', { class: 'muted' }, STRINGS.healthHelp);
  host.replaceChildren(states, bands, legend);
}

export function renderHeatMap(host: HTMLElement, model: HistoryModel): void {
  const { days, cells, max } = model.heat;
  if (days.length === 0) {
    host.replaceChildren(element('p', { class: 'muted' }, STRINGS.noHeat));
    return;
  }
  const head = element('tr', {}, element('th', { scope: 'col' }, ''), ...Array.from({ length: 24 }, (_, hour) => element('th', { scope: 'col' }, String(hour).padStart(2, '0'))));
  const rows = days.map((day, dayIndex) => {
    const row = element('tr', {}, element('th', { scope: 'row' }, day.slice(5)));
    cells[dayIndex]!.forEach((cell, hour) => {
      const label = STRINGS.heatCell(day, hour, cell.overloaded, cell.total);
      const td = element('td', { title: label, 'aria-label': label, class: cell.total === 0 ? 'empty' : '' }, cell.overloaded > 0 ? String(cell.overloaded) : '');
      // Opacity from the share of the busiest cell; the colour itself comes from the theme (CSS).
      if (cell.overloaded > 0) td.style.setProperty('--heat', String(0.2 + 0.8 * (cell.overloaded / Math.max(1, max))));
      row.append(td);
    });
    return row;
  });
  host.replaceChildren(element('table', { class: 'heat', 'aria-label': STRINGS.heat }, element('thead', {}, head), element('tbody', {}, ...rows)), element('p', { class: 'muted' }, STRINGS.heatHelp));
}

export function renderErrors(host: HTMLElement, model: HistoryModel): void {
  if (model.errors.length === 0) {
    host.replaceChildren(element('p', { class: 'muted' }, STRINGS.noErrors));
    return;
  }
  const head = element('tr', {}, ...STRINGS.errorColumns.map((name) => element('th', { scope: 'col' }, name)));
  const rows = model.errors.map((error) =>
    element(
      'tr',
      { 'data-kind': error.kind },
      element('td', {}, localTime(error.at, model.rangeHours > 24 || Date.now() - error.at > 86_400_000)),
      element('td', {}, wordFor(STRINGS.sources, error.source)),
      element('td', {}, wordFor(STRINGS.kinds, error.kind)),
      element('td', {}, error.httpStatus === undefined ? '–' : String(error.httpStatus)),
      element('td', { class: 'mono' }, error.requestId ?? '–'),
      element('td', {}, error.retryAfterSeconds === undefined ? '–' : `${error.retryAfterSeconds} s`),
    ),
  );
  host.replaceChildren(element('table', { class: 'errors' }, element('thead', {}, head), element('tbody', {}, ...rows)));
}

export function renderTotals(host: HTMLElement, model: HistoryModel): void {
  const total = CHART_KINDS.reduce((sum, kind) => sum + model.totals[kind], 0);
  const items = CHART_KINDS.map((kind) => element('li', { 'data-kind': kind, 'data-count': String(model.totals[kind]) }, element('span', { class: `swatch kind-${kind}` }), `${STRINGS.kinds[kind]}${STRINGS.colon}${model.totals[kind]}`));
  host.replaceChildren(element('p', {}, STRINGS.totals(total)), element('ul', { class: 'totals' }, ...items));
}

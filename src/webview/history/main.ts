// The history panel's script: asks the host for the model of the chosen range
// and source, draws it, and redraws only the data on each live update. The
// choice survives a reload through the webview state (the serializer hands it back).
import 'uplot/dist/uPlot.min.css';
import '../common.css';
import './history.css';
import { isHistoryRange, isSourceChoice, SOURCE_CHOICES } from '../../core/history/data';
import type { HistoryModel } from '../../core/history/model';
import type { HistoryChoice, HistoryRequest, HistoryUpdate, HistoryViewState } from '../protocol';
import { byId, element, vscodeApi } from '../dom';
import { HistoryCharts } from './charts';
import { renderErrors, renderHeatMap, renderTimeline, renderTotals } from './sections';
import { STRINGS } from './strings';
import { onThemeChange } from './theme';

const api = vscodeApi<HistoryViewState>();

function initialChoice(): HistoryChoice {
  const saved = api.getState();
  const range = Number(saved?.rangeHours ?? document.body.dataset.range);
  const source = saved?.source ?? document.body.dataset.source;
  return { rangeHours: isHistoryRange(range) ? range : 24, source: isSourceChoice(source) ? source : 'all' };
}

let choice = initialChoice();
let model: HistoryModel | undefined;
const paints: number[] = [];
const renders: number[] = [];

function post(request: HistoryRequest): void {
  api.postMessage(request);
}

function ask(type: 'ready' | 'choose'): void {
  api.setState(choice);
  post({ type, ...choice, utcOffsetMinutes: -new Date().getTimezoneOffset() });
}

function section(id: string, title: string, body: HTMLElement): HTMLElement {
  return element('section', { 'aria-labelledby': `${id}-title` }, element('h2', { id: `${id}-title` }, title), body);
}

function buildPage(): void {
  const ranges = element('div', { id: 'ranges', role: 'group', 'aria-label': STRINGS.range });
  const source = element('select', { id: 'source', 'aria-label': STRINGS.source });
  for (const value of SOURCE_CHOICES) source.append(element('option', { value }, STRINGS.sources[value]));
  source.value = choice.source;
  source.addEventListener('change', () => {
    if (!isSourceChoice(source.value)) return;
    choice = { ...choice, source: source.value };
    ask('choose');
  });
  const exportCsv = element('button', { type: 'button', id: 'export-csv' }, STRINGS.exportCsv);
  const exportJson = element('button', { type: 'button', id: 'export-json', class: 'secondary' }, STRINGS.exportJson);
  exportCsv.addEventListener('click', () => post({ type: 'export', format: 'csv' }));
  exportJson.addEventListener('click', () => post({ type: 'export', format: 'json' }));
  const toolbar = element('div', { class: 'toolbar' }, ranges, source, element('span', { class: 'spacer' }), exportCsv, exportJson);
  const main = element(
    'main',
    {},
    element('h1', {}, STRINGS.title),
    toolbar,
    element('div', { id: 'totals', 'aria-live': 'polite' }, element('p', { class: 'muted' }, STRINGS.waiting)),
    section('health', STRINGS.health, element('div', { id: 'timeline' })),
    section('requests', STRINGS.requests, element('div', { id: 'requests-chart', class: 'chart', role: 'img', 'aria-label': STRINGS.requests })),
    section('latency', STRINGS.latency, element('div', { id: 'latency-chart', class: 'chart', role: 'img', 'aria-label': STRINGS.latency })),
    section('heat', STRINGS.heat, element('div', { id: 'heatmap' })),
    section('errors', STRINGS.errors, element('div', { id: 'errors-table' })),
    element('p', { id: 'retention', class: 'muted' }),
  );
  document.body.replaceChildren(main);
}

function renderRanges(current: HistoryModel): void {
  const buttons = current.ranges.map((hours) => {
    const button = element('button', { type: 'button', class: 'range', 'aria-pressed': String(hours === current.rangeHours), 'data-hours': String(hours) }, STRINGS.rangeLabel(hours));
    button.addEventListener('click', () => {
      choice = { ...choice, rangeHours: hours };
      ask('choose');
    });
    return button;
  });
  const host = byId('ranges');
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.hours : undefined;
  host.replaceChildren(...buttons);
  // Keep the keyboard where it was across the update.
  if (focused) buttons.find((button) => button.dataset.hours === focused)?.focus();
}

buildPage();
const charts = new HistoryCharts(byId('requests-chart'), byId('latency-chart'));
onThemeChange(() => charts.rebuild());

function render(next: HistoryModel): void {
  const started = performance.now();
  model = next;
  choice = { rangeHours: next.rangeHours, source: next.source };
  api.setState(choice);
  renderRanges(next);
  byId<HTMLSelectElement>('source').value = next.source;
  renderTotals(byId('totals'), next);
  renderTimeline(byId('timeline'), next);
  charts.update(next);
  renderHeatMap(byId('heatmap'), next);
  renderErrors(byId('errors-table'), next);
  byId('retention').textContent = STRINGS.retention(next.retentionHours);
  renders.push(performance.now() - started);
  // After the frame that shows it: what the benchmark reads as time to paint.
  requestAnimationFrame(() => setTimeout(() => paints.push(performance.now() - started), 0));
}

window.addEventListener('message', (event: MessageEvent<HistoryUpdate>) => {
  if (event.data?.type === 'model') render(event.data.model);
});

/** For the end-to-end tests and the benchmark: what is drawn, and how long each paint took. */
Object.assign(window, {
  claudeHealthHistory: {
    drawn: () => charts.drawn(),
    model: () => model,
    paints: () => [...paints],
    renders: () => [...renders],
  },
});

ask('ready');

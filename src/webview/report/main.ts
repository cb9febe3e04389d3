// The diagnostics report webview: the verdict first (the broken layer and its
// fix), the actions, one row per check, the details, then any further section
// the report carries (rendered generically, so new report fields show up
// without a change here). Everything is text nodes: nothing is parsed as HTML.
// The host's view of the report (its redacted renderings) is kept as the
// webview state, which VS Code hands back to the serializer after a reload.
import '../common.css';
import './report.css';
import type { ComparisonView, ReportAction, ReportRequest, ReportUpdate, ReportVerdict, ReportViewState } from '../protocol';
import { byId, element, localDateTime, vscodeApi } from '../dom';
import { wordFor } from '../page-locale';
import { fieldLabel, renderValue } from './generic';
import { duration, STRINGS } from './strings';

interface CheckView {
  id: string;
  title: string;
  status: string;
  detail: string;
  hint?: string;
  durationMs: number;
  notes?: string[];
  blockedBy?: string;
}

const KNOWN_FIELDS = new Set(['checks', 'summary', 'startedAt', 'durationMs', 'cancelled']);
const ICONS: Record<string, string> = { pass: '✓', warn: '⚠', fail: '✗', skip: '–', running: '…' };

const api = vscodeApi<ReportViewState>();

function post(request: ReportRequest): void {
  api.postMessage(request);
}

function statusCell(status: string): HTMLElement {
  return element('span', { class: `status status-${status}` }, element('span', { class: 'icon', 'aria-hidden': 'true' }, ICONS[status] ?? '?'), ` ${wordFor(STRINGS.status, status)}`);
}

function banner(verdict: ReportVerdict): HTMLElement {
  const parts: HTMLElement[] = [element('p', { class: 'summary' }, element('span', { class: 'icon', 'aria-hidden': 'true' }, ICONS[verdict.tone] ?? ''), ` ${verdict.summary}`)];
  if (verdict.layer) parts.push(element('p', {}, element('strong', {}, `${verdict.tone === 'fail' ? STRINGS.brokenLayer : STRINGS.warningLayer}${STRINGS.colon}`), verdict.layer));
  if (verdict.fix) parts.push(element('p', {}, element('strong', {}, `${STRINGS.fix}${STRINGS.colon}`), verdict.fix));
  return element('div', { id: 'verdict', class: `verdict tone-${verdict.tone}`, role: verdict.tone === 'fail' ? 'alert' : 'status' }, ...parts);
}

function actions(disabled: boolean): HTMLElement {
  const order: ReportAction[] = ['copyMarkdown', 'saveJson', 'runAgain', 'openSettings', 'openLog'];
  const buttons = order.map((action, index) => {
    const button = element('button', { type: 'button', 'data-action': action, class: index === 0 ? '' : 'secondary' }, STRINGS.actions[action]);
    button.disabled = disabled && action !== 'openSettings' && action !== 'openLog';
    button.addEventListener('click', () => post({ type: 'action', action }));
    return button;
  });
  return element('div', { class: 'toolbar', role: 'toolbar', 'aria-label': STRINGS.actionsLabel }, ...buttons);
}

function checksTable(checks: CheckView[]): HTMLElement {
  const head = element('tr', {}, ...STRINGS.columns.map((name) => element('th', { scope: 'col' }, name)));
  const rows = checks.map((check) =>
    element(
      'tr',
      { 'data-check': check.id, 'data-status': check.status },
      element('th', { scope: 'row' }, check.title),
      element('td', {}, statusCell(check.status)),
      element('td', {}, check.detail),
      element('td', {}, check.hint ?? ''),
      element('td', { class: 'time' }, duration(check.durationMs)),
    ),
  );
  return element('div', { class: 'table-scroll' }, element('table', { id: 'checks' }, element('thead', {}, head), element('tbody', {}, ...rows)));
}

function details(checks: CheckView[]): HTMLElement {
  const order = ['fail', 'warn', 'pass', 'skip'];
  const sorted = [...checks].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const items = sorted.map((check) => {
    const body: (HTMLElement | string)[] = [element('summary', {}, statusCell(check.status), ` ${check.title} (${check.id})`), element('p', {}, check.detail)];
    if (check.hint) body.push(element('p', {}, element('strong', {}, `${STRINGS.fix}${STRINGS.colon}`), check.hint));
    if (check.blockedBy) body.push(element('p', { class: 'muted' }, STRINGS.blockedBy(check.blockedBy)));
    if (check.notes?.length) body.push(element('ul', {}, ...check.notes.map((note) => element('li', {}, note))));
    const open = check.status === 'fail' || check.status === 'warn';
    const node = element('details', { 'data-check': check.id }, ...body);
    node.open = open;
    return node;
  });
  return element('section', { 'aria-labelledby': 'details-title' }, element('h2', { id: 'details-title' }, STRINGS.details), ...items);
}

/** The endpoints side by side, as the CLI's table: one column per endpoint, one row per layer, the verdicts last. */
function comparisonSection(view: ComparisonView): HTMLElement {
  const { table } = view;
  const head = element('tr', {}, element('th', { scope: 'col' }, ''), ...table.heads.map((name) => element('th', { scope: 'col' }, name)));
  const rows = table.rows.map((row) => element('tr', {}, element('th', { scope: 'row' }, row.label), ...row.cells.map((cell) => element('td', {}, cell))));
  const verdicts = element(
    'tr',
    { class: 'verdicts' },
    element('th', { scope: 'row' }, view.verdictLabel),
    ...view.verdicts.map((verdict) =>
      element('td', { class: `status-${verdict.status}` }, element('span', { class: 'icon', 'aria-hidden': 'true' }, ICONS[verdict.status] ?? '?'), ` ${verdict.text}`),
    ),
  );
  const notes = view.notes.length ? [element('ul', {}, ...view.notes.map((note) => element('li', {}, `${note.endpoint}: ${note.text}`)))] : [];
  return element(
    'section',
    { class: 'extra comparison', 'data-field': 'comparison' },
    element('h2', {}, view.heading),
    element('p', { class: 'muted' }, view.intro),
    element('div', { class: 'table-scroll' }, element('table', {}, element('thead', {}, head), element('tbody', {}, ...rows, verdicts))),
    ...notes,
  );
}

function extraSections(report: Record<string, unknown>, comparison: ComparisonView | undefined): HTMLElement[] {
  return Object.entries(report)
    .filter(([key]) => !KNOWN_FIELDS.has(key))
    .map(([key, value]) => {
      if (key === 'comparison' && comparison) return comparisonSection(comparison);
      return element('section', { class: 'extra', 'data-field': key }, element('h2', {}, fieldLabel(key)), renderValue(value, 0));
    });
}

function showReport(report: Record<string, unknown>, verdict: ReportVerdict, comparison?: ComparisonView): void {
  const checks = Array.isArray(report.checks) ? (report.checks as CheckView[]) : [];
  const started = typeof report.startedAt === 'string' ? STRINGS.started(localDateTime(report.startedAt), Number(report.durationMs) || 0, report.cancelled === true) : '';
  document.body.replaceChildren(
    element('main', {}, element('h1', {}, STRINGS.title), banner(verdict), actions(false), element('p', { id: 'started', class: 'muted' }, started), checksTable(checks), details(checks), ...extraSections(report, comparison)),
  );
}

/** A restored report with nothing to show: the message, and the actions that still make sense. */
function showEmpty(text: string): void {
  document.body.replaceChildren(element('main', {}, element('h1', {}, STRINGS.title), element('p', { id: 'verdict', class: 'verdict', role: 'status' }, text), actions(false)));
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    const action = button.dataset.action;
    button.disabled = action === 'copyMarkdown' || action === 'saveJson';
  }
}

function showRunning(): void {
  const verdict = document.getElementById('verdict');
  const running = banner({ tone: 'running', summary: STRINGS.running });
  if (verdict) verdict.replaceWith(running);
  else document.body.replaceChildren(element('main', {}, element('h1', {}, STRINGS.title), running, actions(true)));
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    const action = button.dataset.action;
    button.disabled = action !== 'openSettings' && action !== 'openLog';
  }
}

window.addEventListener('message', (event: MessageEvent<ReportUpdate>) => {
  const message = event.data;
  if (message?.type === 'report') {
    api.setState(message.view);
    showReport(message.report, message.view.verdict, message.view.comparison);
  } else if (message?.type === 'running') showRunning();
  else if (message?.type === 'empty') showEmpty(message.text);
  else if (message?.type === 'notice') {
    const notice = document.getElementById('notice') ?? element('p', { id: 'notice', role: 'status', class: 'muted' });
    notice.textContent = message.text;
    byId('verdict').after(notice);
  }
});

post({ type: 'ready' });

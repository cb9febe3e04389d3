// Claude Health: Show History. One panel per window, restored after a reload
// (the serializer hands back the range and source it showed). The host builds
// the model (src/core/history) from what the monitor keeps and posts it; on
// every change of the monitor it posts a new one, at most once a second and
// only while the panel is visible, and the webview swaps the data in place.
import * as vscode from 'vscode';
import { isHistoryRange, isSourceChoice } from '../../core/history/data';
import { historyCsv, historyJson } from '../../core/history/export';
import { buildHistoryModel, type ModelChoice } from '../../core/history/model';
import { type HealthMonitor } from '../../core/monitor';
import { inBackground } from '../background';
import { type Log } from '../log';
import type { HistoryRequest, HistoryUpdate, HistoryViewState } from '../../webview/protocol';
import { HISTORY_VIEW_TYPE } from './view-types';
import { webviewHtml, webviewOptions } from './webview-html';

const UPDATE_EVERY_MS = 1000;

export interface HistoryPanelDeps {
  monitor: HealthMonitor;
  log: Log;
  extensionUri: vscode.Uri;
}

let current: HistoryPanel | undefined;

export function showHistoryPanel(deps: HistoryPanelDeps): void {
  if (current) {
    current.reveal();
    return;
  }
  const panel = vscode.window.createWebviewPanel(HISTORY_VIEW_TYPE, vscode.l10n.t('Claude API History'), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
  current = new HistoryPanel(panel, deps, undefined);
}

/** The serializer's half: a panel VS Code kept across a reload, with the state the webview saved. */
export function reviveHistoryPanel(panel: vscode.WebviewPanel, state: unknown, deps: HistoryPanelDeps): void {
  current?.dispose();
  panel.webview.options = webviewOptions(deps.extensionUri);
  current = new HistoryPanel(panel, deps, state);
}

function restoredChoice(state: unknown): Partial<HistoryViewState> {
  if (typeof state !== 'object' || state === null) return {};
  const { rangeHours, source } = state as Record<string, unknown>;
  return { ...(isHistoryRange(rangeHours) ? { rangeHours } : {}), ...(isSourceChoice(source) ? { source } : {}) };
}

class HistoryPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private choice: ModelChoice | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private lastPostedAt = 0;
  private stale = false;
  private disposed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: HistoryPanelDeps,
    state: unknown,
  ) {
    const restored = restoredChoice(state);
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, 'history', vscode.l10n.t('Claude API History'), {
      range: String(restored.rangeHours ?? 24),
      source: restored.source ?? 'all',
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: HistoryRequest) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleUpdate();
      }),
      deps.monitor.onDidChange(() => this.scheduleUpdate()),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pending) clearTimeout(this.pending);
    for (const disposable of this.disposables) disposable.dispose();
    if (current === this) current = undefined;
    this.panel.dispose();
  }

  private receive(message: HistoryRequest): void {
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'ready' || message.type === 'choose') {
      const offset = Number(message.utcOffsetMinutes);
      if (!isHistoryRange(message.rangeHours) || !isSourceChoice(message.source)) return;
      this.choice = { rangeHours: message.rangeHours, source: message.source, utcOffsetMinutes: Number.isFinite(offset) && Math.abs(offset) <= 18 * 60 ? offset : 0 };
      this.postModel();
    } else if (message.type === 'export' && (message.format === 'csv' || message.format === 'json')) {
      inBackground(this.deps.log, 'exporting the history', this.export(message.format));
    }
  }

  private scheduleUpdate(): void {
    if (this.disposed || this.pending) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    const wait = Math.max(0, this.lastPostedAt + UPDATE_EVERY_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.postModel();
    }, wait);
  }

  private postModel(): void {
    if (this.disposed || !this.choice) return;
    this.stale = false;
    this.lastPostedAt = Date.now();
    const update: HistoryUpdate = { type: 'model', model: buildHistoryModel(this.deps.monitor.historyData(), this.choice) };
    inBackground(this.deps.log, 'updating the history panel', Promise.resolve(this.panel.webview.postMessage(update)));
  }

  private async export(format: 'csv' | 'json'): Promise<void> {
    const data = this.deps.monitor.historyData();
    const model = buildHistoryModel(data, this.choice ?? { rangeHours: 24, source: 'all', utcOffsetMinutes: 0 });
    const range = { from: model.from, to: model.to, source: model.source };
    const stamp = new Date(data.now).toISOString().replace(/[:.]/g, '-');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `claude-health-history-${model.rangeHours}h-${stamp}.${format}`;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Claude API history'),
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (!target) return;
    const text = format === 'csv' ? historyCsv(data, range) : historyJson(data, range);
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    this.deps.log.info(`history: exported ${model.rangeHours} h (${model.source}) as ${format}`);
  }
}

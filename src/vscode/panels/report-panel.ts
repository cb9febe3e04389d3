// The diagnostics report as a rendered document in a webview: the verdict
// first, the actions on the report itself, one row per check. One panel per
// window: running again updates it in place. The Markdown (copied) and the
// JSON (saved, and what the webview draws from) are the CLI's own renderings,
// redacted before they reach this file (src/core/diagnostics/render/report-view.ts).
// The webview keeps them as its state, so a window reload brings the report
// back through the serializer registered at activation, its actions working.
import * as vscode from 'vscode';
import { renderReportForView, restoreReportView, savedReportView, type SavedReportView } from '../../core/diagnostics/render/report-view';
import { type DiagnosticsReport } from '../../core/diagnostics/types';
import { inBackground } from '../background';
import { coreTranslator } from '../language';
import { type Log } from '../log';
import type { ReportAction, ReportRequest, ReportUpdate } from '../../webview/protocol';
import { REPORT_VIEW_TYPE } from './view-types';
import { webviewHtml, webviewOptions } from './webview-html';

export interface ReportPanelDeps {
  log: Log;
  extensionUri: vscode.Uri;
}

/** Runs the checks again (the choice of checks the shown report was made with); the panel shows the new report. */
export type RunAgain = () => Promise<unknown>;

interface ShownReport {
  view: SavedReportView;
  /** The CLI's JSON document, parsed: what the webview draws. */
  document: Record<string, unknown>;
}

let current: ReportPanel | undefined;

/** Shows "running" in the open report, if one is open (a new run is under way). */
export function markReportRunning(): void {
  current?.post({ type: 'running' });
}

/**
 * Opens the report, or replaces the one open, and brings it to the front.
 * `inference` is the run's choice of checks, kept for Run Again (across a reload too).
 */
export function showReportPanel(report: DiagnosticsReport, secrets: readonly (string | undefined)[], inference: boolean, runAgain: RunAgain, deps: ReportPanelDeps): void {
  const view = savedReportView(renderReportForView(report, secrets, coreTranslator()), inference);
  if (!current) {
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, vscode.l10n.t('Claude Health Diagnostics'), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    current = new ReportPanel(panel, deps);
  }
  current.show(view, runAgain, true);
}

/**
 * The serializer's half: a report VS Code kept across a window reload, with the
 * state its webview saved (redacted renderings only). Drawn again as it was,
 * its actions working; a state this version cannot read leaves an empty report
 * that offers Run Again.
 */
export function reviveReportPanel(panel: vscode.WebviewPanel, state: unknown, secrets: readonly (string | undefined)[], runAgain: (inference: boolean | undefined) => RunAgain, deps: ReportPanelDeps): void {
  current?.dispose();
  panel.webview.options = webviewOptions(deps.extensionUri);
  current = new ReportPanel(panel, deps);
  const view = restoreReportView(state, secrets);
  if (view) current.show(view, runAgain(view.inference), false);
  else {
    deps.log.warn('diagnostics: the report kept across the reload could not be read; it offers Run Again');
    current.showEmpty(runAgain(undefined));
  }
}

class ReportPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private shown: ShownReport | undefined;
  private runAgain: RunAgain | undefined;
  private ready = false;
  private disposed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ReportPanelDeps,
  ) {
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, 'report', vscode.l10n.t('Claude Health Diagnostics'));
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: ReportRequest) => this.receive(message)),
    );
  }

  show(view: SavedReportView, runAgain: RunAgain, reveal: boolean): void {
    // The CLI's JSON renderer wrote it, or restoreReportView checked it.
    this.shown = { view, document: JSON.parse(view.json) as Record<string, unknown> };
    this.runAgain = runAgain;
    if (reveal) this.panel.reveal(undefined, false);
    this.sendReport();
  }

  showEmpty(runAgain: RunAgain): void {
    this.shown = undefined;
    this.runAgain = runAgain;
    this.sendReport();
  }

  post(update: ReportUpdate): void {
    if (!this.ready || this.disposed) return;
    inBackground(this.deps.log, 'updating the diagnostics report', Promise.resolve(this.panel.webview.postMessage(update)));
  }

  private sendReport(): void {
    if (this.shown) {
      // The webview draws from the JSON the CLI prints, redacted, and keeps the view for a reload: never the key.
      this.post({ type: 'report', report: this.shown.document, view: this.shown.view });
    } else {
      this.post({ type: 'empty', text: vscode.l10n.t('This report was not kept across the reload. Run Again to get a new one.') });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.disposables) disposable.dispose();
    if (current === this) current = undefined;
    this.panel.dispose();
  }

  private receive(message: ReportRequest): void {
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.sendReport();
    } else if (message.type === 'action') {
      inBackground(this.deps.log, `the report's ${message.action} action`, this.act(message.action));
    }
  }

  private async act(action: ReportAction): Promise<void> {
    const shown = this.shown;
    switch (action) {
      case 'copyMarkdown':
        if (!shown) return;
        await vscode.env.clipboard.writeText(shown.view.markdown);
        this.post({ type: 'notice', text: vscode.l10n.t('Copied the report as Markdown.') });
        return;
      case 'saveJson': {
        if (!shown) return;
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const name = `claude-health-diagnostics-${String(shown.document.startedAt).replace(/[^0-9A-Za-z-]/g, '-')}.json`;
        const target = await vscode.window.showSaveDialog({ filters: { JSON: ['json'] }, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}) });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, Buffer.from(shown.view.json, 'utf8'));
        this.post({ type: 'notice', text: vscode.l10n.t('Saved the report to {0}.', target.fsPath) });
        return;
      }
      case 'runAgain':
        await this.runAgain?.();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('claudeHealth.openSettings');
        return;
      case 'openLog':
        await vscode.commands.executeCommand('claudeHealth.showLog');
        return;
    }
  }
}

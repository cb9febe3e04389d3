// The diagnostics report as a rendered document in a webview: the verdict
// first, the actions on the report itself, one row per check. One panel per
// window: running again updates it in place. The Markdown (copied) and the
// JSON (saved, and what the webview draws from) are the CLI's own renderings,
// redacted before they leave this file.
import * as vscode from 'vscode';
import { renderJson } from '../../core/diagnostics/render/json';
import type { ComparisonView } from '../../core/diagnostics/compare/types';
import { comparisonView } from '../../core/diagnostics/render/comparison';
import { renderMarkdown } from '../../core/diagnostics/render/markdown';
import { reportVerdict, type ReportVerdict } from '../../core/diagnostics/render/verdict';
import { type DiagnosticsReport } from '../../core/diagnostics/types';
import { redactSecrets } from '../../core/net/redact';
import { inBackground } from '../background';
import { coreTranslator } from '../language';
import { type Log } from '../log';
import type { ReportAction, ReportRequest, ReportUpdate } from '../../webview/protocol';
import { REPORT_VIEW_TYPE } from './view-types';
import { webviewHtml, webviewOptions } from './webview-html';

export interface ReportPanelDeps {
  log: Log;
  extensionUri: vscode.Uri;
  /** Runs the checks again (the same choice of checks); the panel shows the new report. */
  runAgain: () => Promise<unknown>;
}

interface RenderedReport {
  report: DiagnosticsReport;
  markdown: string;
  json: string;
  verdict: ReportVerdict;
  /** The side-by-side table in the user's language, when endpoints were compared. */
  comparison?: ComparisonView;
}

let current: ReportPanel | undefined;

/** Shows "running" in the open report, if one is open (a new run is under way). */
export function markReportRunning(): void {
  current?.post({ type: 'running' });
}

/** Opens the report, or replaces the one open, and brings it to the front. */
export function showReportPanel(report: DiagnosticsReport, secrets: readonly (string | undefined)[], deps: ReportPanelDeps): void {
  const redact = (text: string): string => redactSecrets(text, secrets);
  const verdict = reportVerdict(report);
  const t = coreTranslator();
  const rendered: RenderedReport = {
    report,
    markdown: redact(renderMarkdown(report, t)),
    json: redact(renderJson(report)),
    verdict: { tone: verdict.tone, summary: redact(verdict.summary), ...(verdict.layer ? { layer: redact(verdict.layer) } : {}), ...(verdict.fix ? { fix: redact(verdict.fix) } : {}) },
  };
  // Redacted as text, like the Markdown: its cells quote what the endpoints answered.
  if (report.comparison?.length) rendered.comparison = JSON.parse(redact(JSON.stringify(comparisonView(report.comparison, t)))) as ComparisonView;
  if (!current) {
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, vscode.l10n.t('Claude Health Diagnostics'), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    current = new ReportPanel(panel, deps);
  }
  current.show(rendered);
}

class ReportPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private rendered: RenderedReport | undefined;
  private ready = false;

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

  show(rendered: RenderedReport): void {
    this.rendered = rendered;
    this.panel.reveal(undefined, false);
    this.sendReport();
  }

  post(update: ReportUpdate): void {
    if (!this.ready) return;
    inBackground(this.deps.log, 'updating the diagnostics report', Promise.resolve(this.panel.webview.postMessage(update)));
  }

  private sendReport(): void {
    if (!this.rendered) return;
    // The webview draws from the JSON the CLI prints, redacted: the same fields, never the key.
    const { json, verdict, comparison } = this.rendered;
    this.post({ type: 'report', report: JSON.parse(json) as Record<string, unknown>, verdict, ...(comparison ? { comparison } : {}) });
  }

  private dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    if (current === this) current = undefined;
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
    const rendered = this.rendered;
    switch (action) {
      case 'copyMarkdown':
        if (!rendered) return;
        await vscode.env.clipboard.writeText(rendered.markdown);
        this.post({ type: 'notice', text: vscode.l10n.t('Copied the report as Markdown.') });
        return;
      case 'saveJson': {
        if (!rendered) return;
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const name = `claude-health-diagnostics-${rendered.report.startedAt.replace(/[:.]/g, '-')}.json`;
        const target = await vscode.window.showSaveDialog({ filters: { JSON: ['json'] }, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}) });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, Buffer.from(rendered.json, 'utf8'));
        this.post({ type: 'notice', text: vscode.l10n.t('Saved the report to {0}.', target.fsPath) });
        return;
      }
      case 'runAgain':
        await this.deps.runAgain();
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

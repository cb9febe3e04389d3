// The status bar item: rendered from the monitor's view by the pure functions in
// src/core/view; this file only maps their model onto VS Code's objects.
import * as vscode from 'vscode';
import { type MonitorView } from '../core/monitor';
import { renderStatusBar } from '../core/view/status-bar';
import { TOOLTIP_COMMAND_IDS } from '../core/view/commands';
import { renderTooltip } from '../core/view/tooltip';

const BACKGROUNDS = {
  none: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
} as const;

export class StatusBarView implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private busy: string | undefined;
  private lastView: MonitorView | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('claudeHealth.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Claude Health');
    this.item.command = 'claudeHealth.showDetails';
    this.item.text = '$(loading~spin) Claude';
    this.item.tooltip = vscode.l10n.t('Claude Health: checking the Claude API…');
    this.item.show();
  }

  render(view: MonitorView): void {
    this.lastView = view;
    if (this.busy) return;
    const model = renderStatusBar(view);
    this.item.text = model.text;
    this.item.backgroundColor = BACKGROUNDS[model.background];
    this.item.accessibilityInformation = { label: model.accessibilityLabel, role: 'button' };
    const tooltip = new vscode.MarkdownString(renderTooltip(view), true);
    tooltip.isTrusted = { enabledCommands: [...TOOLTIP_COMMAND_IDS] };
    this.item.tooltip = tooltip;
  }

  /** Shows that long work (diagnostics) runs; `undefined` goes back to the health. */
  setBusy(label: string | undefined): void {
    this.busy = label;
    if (label) {
      this.item.text = `$(sync~spin) ${label}`;
      this.item.backgroundColor = undefined;
    } else if (this.lastView) {
      this.render(this.lastView);
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

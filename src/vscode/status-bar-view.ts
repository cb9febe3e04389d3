// The status bar item: rendered from the monitor's snapshot by the pure functions in
// src/core/view; this file only maps their model onto VS Code's objects.
import * as vscode from 'vscode';
import { type HealthMonitor, type MonitorSnapshot } from '../core/monitor';
import { COMMANDS, TOOLTIP_COMMAND_IDS } from '../core/view/commands';
import { renderStatusBar } from '../core/view/status-bar';
import { renderTooltip } from '../core/view/tooltip';
import { coreTranslator } from './language';

const BACKGROUNDS = {
  none: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
} as const;

const RERENDER_EVERY_MS = 10_000;

export class StatusBarView implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private busy: string | undefined;
  private lastSnapshot: MonitorSnapshot | undefined;
  private readonly t = coreTranslator();

  constructor() {
    this.item = vscode.window.createStatusBarItem('claudeHealth.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Claude Health');
    this.item.command = COMMANDS.showDetails.id;
    this.item.text = '$(loading~spin) Claude';
    this.item.tooltip = vscode.l10n.t('Claude Health: checking the Claude API…');
    this.item.show();
  }

  render(snapshot: MonitorSnapshot): void {
    this.lastSnapshot = snapshot;
    if (this.busy) return;
    const model = renderStatusBar(snapshot, this.t);
    this.item.text = model.text;
    this.item.backgroundColor = BACKGROUNDS[model.background];
    this.item.accessibilityInformation = { label: model.accessibilityLabel, role: 'button' };
    const tooltip = new vscode.MarkdownString(renderTooltip(snapshot, {}, this.t), true);
    tooltip.isTrusted = { enabledCommands: [...TOOLTIP_COMMAND_IDS] };
    this.item.tooltip = tooltip;
  }

  /** Shows that long work (diagnostics) runs; `undefined` goes back to the health. */
  setBusy(label: string | undefined): void {
    this.busy = label;
    if (label) {
      this.item.text = `$(sync~spin) ${label}`;
      this.item.backgroundColor = undefined;
    } else if (this.lastSnapshot) {
      this.render(this.lastSnapshot);
    }
  }

  /** Renders every snapshot of `monitor`, and again every 10 s: "updated N s ago" and staleness move with time. */
  follow(monitor: HealthMonitor): vscode.Disposable {
    const subscription = monitor.onDidChange((snapshot) => this.render(snapshot));
    const rerender = setInterval(() => this.render(monitor.snapshot()), RERENDER_EVERY_MS);
    this.render(monitor.snapshot());
    return {
      dispose: () => {
        clearInterval(rerender);
        subscription.dispose();
      },
    };
  }

  dispose(): void {
    this.item.dispose();
  }
}

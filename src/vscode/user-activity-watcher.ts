// Tells the monitor when the window has focus and when the user does something
// (types, moves the cursor, switches editors), at most every 15 s: polling
// parks while nobody is there and resumes on the first sign of life.
import * as vscode from 'vscode';
import { type HealthMonitor } from '../core/monitor';

const ACTIVITY_EVERY_MS = 15_000;

export class UserActivityWatcher implements vscode.Disposable {
  private lastActivityAt = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly monitor: HealthMonitor) {
    monitor.setFocused(vscode.window.state.focused);
    const activity = () => this.noteActivity();
    this.subscriptions = [
      vscode.window.onDidChangeWindowState((state) => monitor.setFocused(state.focused)),
      vscode.window.onDidChangeActiveTextEditor(activity),
      vscode.window.onDidChangeTextEditorSelection(activity),
      vscode.workspace.onDidChangeTextDocument(activity),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private noteActivity(): void {
    const now = Date.now();
    if (now - this.lastActivityAt < ACTIVITY_EVERY_MS) return;
    this.lastActivityAt = now;
    this.monitor.noteActivity();
  }
}

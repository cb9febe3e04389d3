// Shows a notification once per health transition, as the pure decision says,
// at the level the settings ask for when it happens.
import * as vscode from 'vscode';
import { type Health } from '../core/health';
import { type HealthMonitor } from '../core/monitor';
import { type NotificationLevel } from '../core/settings';
import { decideNotification } from '../core/view/notification';
import { inBackground } from './background';
import { coreTranslator } from './language';
import { type Log } from './log';
import { readSettings } from './settings-reader';

export function notifyHealthChange(previous: Health, next: Health, level: NotificationLevel, log: Log): void {
  const notification = decideNotification(previous, next, level, coreTranslator());
  if (!notification) return;
  const show =
    notification.severity === 'error'
      ? vscode.window.showErrorMessage
      : notification.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  const titles = notification.actions.map((action) => action.title);
  const answered = show(notification.message, ...titles).then(async (choice) => {
    const action = notification.actions.find((a) => a.title === choice);
    if (action) await vscode.commands.executeCommand(action.command);
  });
  inBackground(log, 'the health notification', answered);
}

export class HealthNotifier implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(monitor: HealthMonitor, log: Log) {
    this.subscription = monitor.onDidChangeHealth((previous, next) => notifyHealthChange(previous, next, readSettings().settings.notifications, log));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

// Shows a notification once per health transition, as the pure decision says.
import * as vscode from 'vscode';
import { type Health } from '../core/health';
import { type NotificationLevel } from '../core/settings';
import { decideNotification } from '../core/view/notification';

export function notifyHealthChange(previous: Health, next: Health, level: NotificationLevel): void {
  const notification = decideNotification(previous, next, level);
  if (!notification) return;
  const show =
    notification.severity === 'error'
      ? vscode.window.showErrorMessage
      : notification.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  const titles = notification.actions.map((action) => action.title);
  void show(notification.message, ...titles).then((choice) => {
    const action = notification.actions.find((a) => a.title === choice);
    if (action) void vscode.commands.executeCommand(action.command);
  });
}

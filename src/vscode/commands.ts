// Registers a command so that a failure reaches the user as a message with
// "Open Log", never as an unhandled rejection in the extension host.
import * as vscode from 'vscode';
import { describeError } from '../core/text/describe-error';
import { type Log } from './log';

export function registerCommand(log: Log, id: string, run: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await run(...args);
    } catch (error) {
      log.reportError(vscode.l10n.t('Claude Health: {0} failed: {1}', id.replace(/^claudeHealth\./, ''), describeError(error)), error);
      return undefined;
    }
  });
}

// The one output channel, and the one way errors reach the user: logged with
// their stack, shown as a short message with an "Open Log" action.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/net/redact';

export interface Log {
  readonly channel: vscode.LogOutputChannel;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Logs the error and shows `userMessage` with an "Open Log" action; never throws. */
  reportError(userMessage: string, error: unknown): void;
}

export function createLog(secrets: () => readonly (string | undefined)[]): Log {
  const channel = vscode.window.createOutputChannel('Claude Health', { log: true });
  // Every line passes the redactor: a key echoed by a proxy or an SDK error never reaches the log.
  const clean = (text: string) => redactSecrets(text, secrets());
  const describe = (error: unknown) => (error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
  const log: Log = {
    channel,
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message, error) => channel.error(clean(error === undefined ? message : `${message}: ${describe(error)}`)),
    reportError(userMessage, error) {
      log.error(userMessage, error);
      const openLog = vscode.l10n.t('Open Log');
      void vscode.window.showErrorMessage(clean(userMessage), openLog).then((choice) => {
        if (choice === openLog) channel.show(true);
      });
    },
  };
  return log;
}

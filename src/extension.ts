// Composition root: activate() builds the objects and registers them, nothing else.
// It reports its own failure, since VS Code shows none.
import * as vscode from 'vscode';
import { ApiKeyStore, promptForApiKey } from './vscode/api-key';
import { registerCommand } from './vscode/commands';
import { type RunDiagnosticsArgs } from './vscode/diagnostics-command';
import { DisposableStore } from './vscode/lifecycle';
import { createLog, type Log } from './vscode/log';
import { insertRetryWrapper, type InsertRetryWrapperArgs } from './vscode/retry-wrapper-command';
import { MonitorController } from './vscode/monitor-controller';
import { SimulatorController } from './vscode/simulator-controller';

let store: DisposableStore | undefined;

export function activate(context: vscode.ExtensionContext): void {
  store = new DisposableStore();
  context.subscriptions.push(store);
  const keys = store.add(new ApiKeyStore(context.secrets));
  const log: Log = createLog(() => keys.knownSecrets());
  store.add(log.channel);
  try {
    wire(context, store, log, keys);
  } catch (error) {
    log.reportError(vscode.l10n.t('Claude Health failed to start: {0}', (error as Error).message), error);
  }
}

function wire(context: vscode.ExtensionContext, disposables: DisposableStore, log: Log, keys: ApiKeyStore): void {
  const monitor = new MonitorController(context, keys, log, disposables);
  const simulator = disposables.add(new SimulatorController(log));
  const register = (id: string, run: (...args: never[]) => unknown) => disposables.add(registerCommand(log, id, run));

  register('claudeHealth.refresh', () => monitor.refresh());
  register('claudeHealth.showDetails', () => monitor.showDetails());
  register('claudeHealth.openStatusPage', () => monitor.openStatusPage());
  // The diagnostics ladder and the simulator load on first use: activation stays cheap.
  register('claudeHealth.runDiagnostics', async (args?: RunDiagnosticsArgs) => {
    const { runDiagnosticsCommand } = await import('./vscode/diagnostics-command.js');
    return runDiagnosticsCommand({ keys, log, statusBar: monitor.statusBar, allowedInsecureOrigins: () => monitor.allowedOrigins() }, args);
  });
  register('claudeHealth.setApiKey', () => promptForApiKey(keys));
  register('claudeHealth.clearApiKey', async () => {
    await keys.clear();
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude Health: API key removed from SecretStorage.'));
  });
  register('claudeHealth.showLog', () => log.channel.show());
  register('claudeHealth.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:claude-health.claude-health'));
  register('claudeHealth.insertRetryWrapper', (args?: InsertRetryWrapperArgs) => insertRetryWrapper(log, args));
  register('claudeHealth.startSimulator', (scenario?: string) => simulator.start(scenario));
  register('claudeHealth.stopSimulator', () => simulator.stop());
}

export function deactivate(): void {
  store?.dispose();
  store = undefined;
}

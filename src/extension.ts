// Composition root: activate() builds the objects and registers them, nothing else.
// Each behaviour is one object added here; the store disposes them in reverse.
// It reports its own failure, since VS Code shows none.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { systemClock, systemTimers } from './core/clock';
import { describeError } from './core/text/describe-error';
import { HealthMonitor } from './core/monitor';
import { TranscriptSource } from './core/monitor/transcript-source';
import { resolveStateDir, uniqueWriterName } from './core/store/observation-store';
import { TapMonitorSource } from './core/tap/tap-monitor-source';
import { COMMAND_NAMES, COMMANDS, type CommandName } from './core/view/commands';
import { ApiKeyStore, promptForApiKey } from './vscode/api-key';
import { inBackground } from './vscode/background';
import { registerCommand } from './vscode/commands';
import { type RunDiagnosticsArgs } from './vscode/diagnostics-command';
import { HISTORY_VIEW_TYPE, REPORT_VIEW_TYPE } from './vscode/panels/view-types';
import { HealthNotifier } from './vscode/health-notifier';
import { InsecureOriginConsent } from './vscode/insecure-origin-consent';
import { DisposableStore } from './vscode/lifecycle';
import { coreTranslator } from './vscode/language';
import { createLog, type Log } from './vscode/log';
import { openStatusPage, refreshWithProgress, showDetails } from './vscode/monitor-commands';
import { MonitorTransport } from './vscode/monitor-transport';
import { insertRetryWrapper, type InsertRetryWrapperArgs } from './vscode/retry-wrapper-command';
import { SettingsWatcher } from './vscode/settings-watcher';
import { readSettings } from './vscode/settings-reader';
import { SignalsPersistence } from './vscode/signals-persistence';
import { SimulatorController } from './vscode/simulator-controller';
import { TrafficTapController } from './vscode/traffic-tap-controller';
import { StatusBarView } from './vscode/status-bar-view';
import { UserActivityWatcher } from './vscode/user-activity-watcher';

let store: DisposableStore | undefined;

export function activate(context: vscode.ExtensionContext): void {
  store = new DisposableStore();
  context.subscriptions.push(store);
  const keys = store.add(new ApiKeyStore(context.secrets));
  const log: Log = createLog(() => keys.knownSecrets());
  store.add(log.channel);
  try {
    composeExtension(context, store, log, keys);
  } catch (error) {
    log.reportError(vscode.l10n.t('Claude Health failed to start: {0}', describeError(error)), error);
  }
}

function composeExtension(context: vscode.ExtensionContext, disposables: DisposableStore, log: Log, keys: ApiKeyStore): void {
  const { settings, problems } = readSettings();
  for (const problem of problems) log.warn(problem);
  const statusBar = disposables.add(new StatusBarView());
  const transport = disposables.add(new MonitorTransport(process.env));
  const consent = new InsecureOriginConsent(context.globalState, log);
  const persistence = new SignalsPersistence(context.globalState, log);
  // One of the monitor's sources: the monitor disposes it with the others.
  const tapSource = new TapMonitorSource(systemTimers);
  const monitor = disposables.add(
    new HealthMonitor({
      clock: systemClock,
      timers: systemTimers,
      settings,
      fetch: transport.fetch,
      route: () => transport.route(),
      getApiKey: async () => (await keys.get()).key,
      env: process.env,
      allowedInsecureOrigins: consent.allowedOrigins(),
      savedState: persistence.load(),
      log: (line) => log.info(line),
      t: coreTranslator(),
      extraSources: [
        // Claude Code's transcripts; they run only in the window that probes for all.
        (sink) => new TranscriptSource({ clock: systemClock, timers: systemTimers, sink, env: process.env, homedir: os.homedir() }, settings),
        // The traffic tap, when the user starts it in this window: its rows reach every window through the shared store.
        (sink) => tapSource.attach(sink),
      ],
      shared: { dir: resolveStateDir(process.env, process.platform, os.homedir()), writerName: uniqueWriterName('window') },
    }),
  );
  // Added after the monitor, so disposed before it: the last save sees everything.
  disposables.add(persistence.follow(monitor));
  disposables.add(statusBar.follow(monitor));
  disposables.add(consent.follow(monitor));
  disposables.add(new HealthNotifier(monitor, log));
  disposables.add(new SettingsWatcher(monitor, transport, consent, log));
  disposables.add(keys.onDidChange(() => monitor.keyChanged()));
  disposables.add(new UserActivityWatcher(monitor));
  monitor.start();

  const simulator = disposables.add(new SimulatorController(log));
  // The panels (history, diagnostics report) are a sibling bundle loaded on first use: activation stays cheap.
  const panels = () => import('./vscode/panels/index.js');
  const historyDeps = { monitor, log, extensionUri: context.extensionUri };
  const diagnosticsDeps = { keys, log, statusBar, allowedInsecureOrigins: () => consent.allowedOrigins(), extensionUri: context.extensionUri };
  // Both panels come back after a window reload; the serializers load the panels' bundle only when VS Code hands one back.
  disposables.add(
    vscode.window.registerWebviewPanelSerializer(HISTORY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await panels()).reviveHistoryPanel(panel, state, historyDeps),
    }),
  );
  disposables.add(
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await panels()).reviveDiagnosticsReport(panel, state, diagnosticsDeps),
    }),
  );
  const trafficTap = disposables.add(
    new TrafficTapController({ log, source: tapSource, terminalEnvironment: context.environmentVariableCollection, allowedInsecureOrigins: () => consent.allowedOrigins() }),
  );
  const handlers: Record<CommandName, (...args: never[]) => unknown> = {
    refresh: () => refreshWithProgress(monitor),
    showDetails: () => showDetails(monitor),
    showHistory: async () => (await panels()).showHistoryPanel(historyDeps),
    openStatusPage: () => openStatusPage(),
    runDiagnostics: async (args?: RunDiagnosticsArgs) => {
      const { runDiagnosticsCommand } = await panels();
      return runDiagnosticsCommand(diagnosticsDeps, args);
    },
    setApiKey: () => promptForApiKey(keys, log),
    clearApiKey: async () => {
      await keys.clear();
      inBackground(log, 'the key removal message', vscode.window.showInformationMessage(vscode.l10n.t('Claude Health: API key removed from SecretStorage.')));
    },
    showLog: () => log.channel.show(),
    openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:claude-health.claude-health'),
    insertRetryWrapper: (args?: InsertRetryWrapperArgs) => insertRetryWrapper(log, args),
    startSimulator: (scenario?: string) => simulator.start(scenario),
    stopSimulator: () => simulator.stop(),
    startTrafficTap: () => trafficTap.start(),
    stopTrafficTap: () => trafficTap.stop(),
  };
  for (const name of COMMAND_NAMES) disposables.add(registerCommand(log, COMMANDS[name].id, handlers[name]));
}

export function deactivate(): void {
  store?.dispose();
  store = undefined;
}

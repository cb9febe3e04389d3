// Wires the core HealthMonitor to VS Code: settings and proxy changes, the key,
// window focus and activity, globalState, the status bar and notifications.
import * as vscode from 'vscode';
import { systemClock, systemTimers } from '../core/clock';
import { HealthMonitor, type MonitorView } from '../core/monitor';
import { STATE_TITLES } from '../core/view/format';
import { type ApiKeyStore } from './api-key';
import { notifyHealthChange } from './health-notifier';
import { type DisposableStore } from './lifecycle';
import { type Log } from './log';
import { affectsConnection, readConnection, readSettings, statusPageHome } from './settings-reader';
import { StatusBarView } from './status-bar-view';

const SIGNALS_STATE = 'claudeHealth.signals';
const INSECURE_ORIGINS_STATE = 'claudeHealth.allowedInsecureOrigins';
const SAVE_EVERY_MS = 30_000;
const ACTIVITY_EVERY_MS = 15_000;
const RERENDER_EVERY_MS = 10_000;

export class MonitorController {
  readonly monitor: HealthMonitor;
  readonly statusBar: StatusBarView;
  private lastSavedAt = 0;
  private lastActivityAt = 0;
  private readonly askedOrigins = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    disposables: DisposableStore,
  ) {
    const { settings, problems } = readSettings();
    for (const problem of problems) log.warn(problem);
    this.statusBar = disposables.add(new StatusBarView());
    this.monitor = new HealthMonitor({
      clock: systemClock,
      timers: systemTimers,
      settings,
      getApiKey: async () => (await keys.get()).key,
      env: process.env,
      connection: readConnection(),
      allowedInsecureOrigins: this.allowedOrigins(),
      savedState: context.globalState.get(SIGNALS_STATE),
      log: (line) => log.info(line),
    });
    disposables.add({ dispose: () => this.shutdown() });
    disposables.add(this.monitor.onDidChange((view) => this.onView(view)));
    disposables.add(this.monitor.onDidChangeHealth((previous, next) => notifyHealthChange(previous, next, this.monitor.view().settings.notifications)));
    disposables.add(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('claudeHealth')) {
          const next = readSettings();
          for (const problem of next.problems) log.warn(problem);
          this.monitor.updateSettings(next.settings, next.problems);
        }
        if (affectsConnection(event)) this.monitor.updateConnection(readConnection(), this.allowedOrigins());
      }),
    );
    disposables.add(keys.onDidChange(() => this.monitor.keyChanged()));
    this.monitor.setFocused(vscode.window.state.focused);
    disposables.add(vscode.window.onDidChangeWindowState((state) => this.monitor.setFocused(state.focused)));
    const activity = () => this.noteActivity();
    disposables.add(vscode.window.onDidChangeActiveTextEditor(activity));
    disposables.add(vscode.window.onDidChangeTextEditorSelection(activity));
    disposables.add(vscode.workspace.onDidChangeTextDocument(activity));
    // "updated N s ago" and staleness move with time even when nothing new arrives.
    const rerender = setInterval(() => this.statusBar.render(this.monitor.view()), RERENDER_EVERY_MS);
    disposables.add({ dispose: () => clearInterval(rerender) });
    this.statusBar.render(this.monitor.view());
    this.monitor.start();
  }

  allowedOrigins(): string[] {
    return this.context.globalState.get<string[]>(INSECURE_ORIGINS_STATE, []).filter((origin) => typeof origin === 'string');
  }

  private noteActivity(): void {
    const now = Date.now();
    if (now - this.lastActivityAt < ACTIVITY_EVERY_MS) return;
    this.lastActivityAt = now;
    this.monitor.noteActivity();
  }

  private onView(view: MonitorView): void {
    this.statusBar.render(view);
    if (view.now - this.lastSavedAt > SAVE_EVERY_MS) this.save();
    if (view.probe.paused === 'key_held_back') void this.askToAllowInsecureOrigin(view);
  }

  private save(): void {
    this.lastSavedAt = Date.now();
    // Times, outcomes and latencies only: the signals state never holds the key.
    void this.context.globalState.update(SIGNALS_STATE, this.monitor.saveState());
  }

  /** A plain-http base URL off this machine: the key stays home until the user says otherwise, once per origin. */
  private async askToAllowInsecureOrigin(view: MonitorView): Promise<void> {
    let origin: string;
    try {
      origin = new URL(view.probe.baseUrl.url).origin;
    } catch {
      return;
    }
    if (this.askedOrigins.has(origin)) return;
    this.askedOrigins.add(origin);
    const allow = vscode.l10n.t('Send It over HTTP');
    const settings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Claude Health has not sent your API key to {0}: it uses plain http:// to another machine, so anyone on the way could read the key.', origin),
      { modal: false },
      allow,
      settings,
    );
    if (choice === allow) {
      const origins = [...new Set([...this.allowedOrigins(), origin])];
      await this.context.globalState.update(INSECURE_ORIGINS_STATE, origins);
      this.log.warn(`the user allowed sending the API key over plain http to ${origin}`);
      this.monitor.updateConnection(readConnection(), origins);
    } else if (choice === settings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'claudeHealth.apiBaseUrl');
    }
  }

  async refresh(): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Claude Health: refreshing') }, () => this.monitor.refresh());
  }

  async openStatusPage(): Promise<void> {
    const home = statusPageHome(this.monitor.view().settings.statusPageUrl);
    if (!home) throw new Error(vscode.l10n.t('the status page URL is not an http(s) URL'));
    await vscode.env.openExternal(vscode.Uri.parse(home));
  }

  /** The status bar's click: the state in words, then the actions. */
  async showDetails(): Promise<void> {
    const view = this.monitor.view();
    const actions: (vscode.QuickPickItem & { command?: string })[] = [
      { label: `${STATE_TITLES[view.health.state]}`, kind: vscode.QuickPickItemKind.Separator },
      ...view.health.reasons.map((reason) => ({ label: `$(info) ${reason}` })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: `$(refresh) ${vscode.l10n.t('Refresh')}`, command: 'claudeHealth.refresh' },
      { label: `$(pulse) ${vscode.l10n.t('Run Connection Diagnostics')}`, command: 'claudeHealth.runDiagnostics' },
      { label: `$(link-external) ${vscode.l10n.t('Open Status Page')}`, command: 'claudeHealth.openStatusPage' },
      ...(view.health.state === 'unconfigured' ? [{ label: `$(key) ${vscode.l10n.t('Set API Key')}`, command: 'claudeHealth.setApiKey' }] : []),
      { label: `$(gear) ${vscode.l10n.t('Settings')}`, command: 'claudeHealth.openSettings' },
      { label: `$(output) ${vscode.l10n.t('Show Log')}`, command: 'claudeHealth.showLog' },
    ];
    const picked = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('Claude API: {0}', STATE_TITLES[view.health.state]) });
    if (picked?.command) await vscode.commands.executeCommand(picked.command);
  }

  private shutdown(): void {
    this.save();
    this.monitor.dispose();
  }
}

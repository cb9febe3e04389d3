// A plain-http base URL on another machine: the key stays home until the user
// says otherwise, asked once per origin per session; the answer is kept in globalState.
import * as vscode from 'vscode';
import { type HealthMonitor, type MonitorSnapshot } from '../core/monitor';
import { inBackground } from './background';
import { type Log } from './log';

const INSECURE_ORIGINS_STATE = 'claudeHealth.allowedInsecureOrigins';

export class InsecureOriginConsent implements vscode.Disposable {
  private readonly askedOrigins = new Set<string>();
  private subscription: vscode.Disposable | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  allowedOrigins(): string[] {
    return this.state.get<string[]>(INSECURE_ORIGINS_STATE, []).filter((origin) => typeof origin === 'string');
  }

  /** Asks whenever `monitor` holds the key back. */
  follow(monitor: HealthMonitor): this {
    this.subscription = monitor.onDidChange((snapshot) => {
      if (snapshot.probe.paused === 'key_held_back') inBackground(this.log, 'asking about a plain-http API host', this.ask(snapshot, monitor));
    });
    return this;
  }

  dispose(): void {
    this.subscription?.dispose();
  }

  private async ask(snapshot: MonitorSnapshot, monitor: HealthMonitor): Promise<void> {
    let origin: string;
    try {
      origin = new URL(snapshot.probe.baseUrl.url).origin;
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
      await this.state.update(INSECURE_ORIGINS_STATE, origins);
      this.log.warn(`the user allowed sending the API key over plain http to ${origin}`);
      monitor.allowInsecureOrigins(origins);
    } else if (choice === settings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'claudeHealth.apiBaseUrl');
    }
  }
}

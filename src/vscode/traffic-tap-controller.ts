// Claude Health: Start/Stop Traffic Tap. The tap runs inside the extension
// host on a free loopback port, in front of the API base URL the probes use
// (same proxy and TLS settings, same rule for plain-http hosts). Its records
// feed the monitor as the 'tap' source. With claudeHealth.tap.setTerminalBaseUrl
// on, integrated terminals get ANTHROPIC_BASE_URL pointing at it while it runs.
import * as vscode from 'vscode';
import { resolveApiBaseUrl } from '../core/net/base-url';
import type { TapMonitorSource } from '../core/tap/tap-monitor-source';
import type { RunningTap } from '../core/tap/tap-server';
import { describeError } from '../core/text/describe-error';
import { COMMANDS } from '../core/view/commands';
import { inBackground } from './background';
import { type Log } from './log';
import { readConnection, readSettings, readTapSettings } from './settings-reader';

const RUNNING_CONTEXT = 'claudeHealth.trafficTapRunning';
export const BASE_URL_VARIABLE = 'ANTHROPIC_BASE_URL';

export interface TrafficTapDeps {
  log: Log;
  source: TapMonitorSource;
  /** Where terminals get ANTHROPIC_BASE_URL from (ExtensionContext.environmentVariableCollection). */
  terminalEnvironment: vscode.GlobalEnvironmentVariableCollection;
  /** Origins the user allowed to receive the key over plain http. */
  allowedInsecureOrigins: () => readonly string[];
}

export class TrafficTapController implements vscode.Disposable {
  private running: RunningTap | undefined;
  private starting: Promise<string | undefined> | undefined;
  /** The URL new terminals get from us, if any. */
  private terminalUrl: string | undefined;
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: TrafficTapDeps) {
    // A tap lives as long as this window: a URL kept across restarts would point terminals at nothing.
    deps.terminalEnvironment.persistent = false;
    deps.terminalEnvironment.clear();
    this.item = vscode.window.createStatusBarItem('claudeHealth.trafficTap', vscode.StatusBarAlignment.Right, 98);
    this.item.name = vscode.l10n.t('Claude Health Traffic Tap');
    this.item.command = COMMANDS.stopTrafficTap.id;
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('claudeHealth.tap')) this.applyTerminalEnvironment();
    });
  }

  get url(): string | undefined {
    return this.running?.url;
  }

  /** Resolves to the tap's URL, or undefined when it could not start. */
  start(): Promise<string | undefined> {
    this.starting ??= this.startOnce().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startOnce(): Promise<string | undefined> {
    if (this.running) {
      inBackground(this.deps.log, 'the traffic tap message', vscode.window.showInformationMessage(vscode.l10n.t('The traffic tap is already running at {0}.', this.running.url)));
      return this.running.url;
    }
    const { log, source } = this.deps;
    const upstream = resolveApiBaseUrl(readSettings().settings.apiBaseUrl, process.env);
    if (upstream.problem) log.warn(upstream.problem);
    try {
      const [{ startTap }, { formatTapRecord }] = await Promise.all([import('../core/tap/tap-server.js'), import('../core/tap/tap-record.js')]);
      this.running = await startTap({
        upstream: upstream.url,
        ...readConnection(),
        env: process.env,
        allowedInsecureOrigins: this.deps.allowedInsecureOrigins(),
        onRecord: (record) => {
          source.push(record);
          log.info(`tap: ${formatTapRecord(record)}`);
        },
        log: (line) => log.info(`tap: ${line}`),
      });
    } catch (error) {
      log.reportError(vscode.l10n.t('Could not start the traffic tap: {0}', describeError(error)), error);
      return undefined;
    }
    const { url, upstream: target } = this.running;
    log.info(`traffic tap running at ${url}, forwarding to ${target}`);
    this.item.text = `$(radio-tower) ${vscode.l10n.t('Tap')}`;
    this.item.tooltip = vscode.l10n.t('Claude Health traffic tap at {0}, forwarding to {1}. Click to stop.', url, target);
    this.item.show();
    this.applyTerminalEnvironment();
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    inBackground(log, 'offering the traffic tap actions', this.offerActions(url, target));
    return url;
  }

  private async offerActions(url: string, upstream: string): Promise<void> {
    const copy = vscode.l10n.t('Copy ANTHROPIC_BASE_URL');
    const terminal = vscode.l10n.t('Open a Terminal Using It');
    const message =
      readTapSettings().setTerminalBaseUrl ?
        vscode.l10n.t('Traffic tap running at {0}, forwarding to {1}. New terminals use it; relaunch open terminals to pick it up.', url, upstream)
      : vscode.l10n.t('Traffic tap running at {0}, forwarding to {1}. Set ANTHROPIC_BASE_URL to it in your app\'s environment.', url, upstream);
    const choice = await vscode.window.showInformationMessage(message, copy, terminal);
    if (choice === copy) await vscode.env.clipboard.writeText(`${BASE_URL_VARIABLE}=${url}`);
    if (choice === terminal) vscode.window.createTerminal({ name: vscode.l10n.t('Claude traffic tap'), env: { [BASE_URL_VARIABLE]: url } }).show();
  }

  /**
   * Terminals get the tap's URL while it runs and the setting is on; otherwise
   * nothing of ours, so new terminals get the user's own ANTHROPIC_BASE_URL (or
   * none) again: replace() never touches the environment itself, and dropping
   * the entry undoes it. VS Code marks open terminals for a relaunch either way.
   */
  private applyTerminalEnvironment(): void {
    const environment = this.deps.terminalEnvironment;
    const target = this.running && readTapSettings().setTerminalBaseUrl ? this.running.url : undefined;
    if (target === this.terminalUrl) return;
    this.terminalUrl = target;
    if (target) {
      // Applied again once shell integration starts too: an `export ANTHROPIC_BASE_URL=…` in the user's
      // shell profile would otherwise win, and their app would bypass the tap while we say it goes through.
      environment.replace(BASE_URL_VARIABLE, target, { applyAtProcessCreation: true, applyAtShellIntegration: true });
      environment.description = vscode.l10n.t('ANTHROPIC_BASE_URL points at the Claude Health traffic tap ({0}).', target);
      this.deps.log.info(`terminals: new terminals get ${BASE_URL_VARIABLE}=${target} (the traffic tap)`);
    } else {
      environment.delete(BASE_URL_VARIABLE);
      environment.description = undefined;
      this.deps.log.info(`terminals: new terminals get ${BASE_URL_VARIABLE} from the environment again`);
    }
  }

  async stop(): Promise<void> {
    await this.starting;
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.item.hide();
    this.applyTerminalEnvironment();
    this.deps.source.flush();
    await running.close();
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    this.deps.log.info('traffic tap stopped');
  }

  dispose(): void {
    this.subscription.dispose();
    inBackground(this.deps.log, 'stopping the traffic tap', this.stop());
    this.item.dispose();
  }
}

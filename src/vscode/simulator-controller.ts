// Claude Health: Start/Stop Local Simulator. The simulator runs inside the
// extension host on 127.0.0.1, so users can point their own code (with an
// inserted retry wrapper) at a 529 storm and watch it ride it out.
import * as vscode from 'vscode';
import { describeError } from '../core/text/describe-error';
import { COMMANDS } from '../core/view/commands';
import { type RunningSimulator } from '../sim/server';
import { inBackground } from './background';
import { type Log } from './log';

const RUNNING_CONTEXT = 'claudeHealth.simulatorRunning';

export class SimulatorController implements vscode.Disposable {
  private running: { sim: RunningSimulator; scenario: string } | undefined;
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly log: Log) {
    this.item = vscode.window.createStatusBarItem('claudeHealth.simulator', vscode.StatusBarAlignment.Right, 99);
    this.item.name = vscode.l10n.t('Claude Health Simulator');
    this.item.command = COMMANDS.stopSimulator.id;
  }

  get baseUrl(): string | undefined {
    return this.running?.sim.apiBaseUrl;
  }

  private async pickScenario(): Promise<string | vscode.Uri | undefined> {
    const { BUILT_IN_SCENARIOS } = await import('../sim/in-extension.js');
    const fromFile = vscode.l10n.t('From a JSON scenario file…');
    const picked = await vscode.window.showQuickPick(
      [
        ...Object.values(BUILT_IN_SCENARIOS).map((s) => ({ label: s.name, detail: s.description })),
        { label: fromFile, detail: vscode.l10n.t('A timeline of phases; see the README for the format.') },
      ],
      { title: vscode.l10n.t('Start Local Simulator'), placeHolder: vscode.l10n.t('Which scenario?') },
    );
    if (!picked) return undefined;
    if (picked.label !== fromFile) return picked.label;
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: vscode.l10n.t('Scenario file') });
    return files?.[0];
  }

  /** `scenario`: a built-in name; asked for when absent. Resolves to the base URL, or undefined when cancelled or failed. */
  async start(scenario?: string): Promise<string | undefined> {
    const choice = scenario ?? (await this.pickScenario());
    if (choice === undefined) return undefined;
    await this.stop();
    try {
      const { loadScenario, startSimulator } = await import('../sim/in-extension.js');
      const parsed = loadScenario(typeof choice === 'string' ? choice : choice.fsPath);
      const sim = await startSimulator({ scenario: parsed, log: (line) => this.log.channel.debug(`simulator: ${line}`) });
      this.running = { sim, scenario: parsed.name };
    } catch (error) {
      this.log.reportError(vscode.l10n.t('Could not start the simulator: {0}', describeError(error)), error);
      return undefined;
    }
    const url = this.running.sim.apiBaseUrl;
    this.log.info(`simulator running at ${url} (scenario ${this.running.scenario})`);
    this.item.text = `$(beaker) ${vscode.l10n.t('Sim: {0}', this.running.scenario)}`;
    this.item.tooltip = vscode.l10n.t('Claude API simulator at {0}, scenario {1}. Click to stop.', url, this.running.scenario);
    this.item.show();
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    inBackground(this.log, 'offering the simulator actions', this.offerActions(url));
    return url;
  }

  private async offerActions(url: string): Promise<void> {
    const copy = vscode.l10n.t('Copy ANTHROPIC_BASE_URL');
    const terminal = vscode.l10n.t('Open a Terminal Using It');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Claude API simulator running at {0}.', url), copy, terminal);
    if (choice === copy) await vscode.env.clipboard.writeText(`ANTHROPIC_BASE_URL=${url}`);
    if (choice === terminal) {
      vscode.window.createTerminal({ name: vscode.l10n.t('Claude simulator'), env: { ANTHROPIC_BASE_URL: url } }).show();
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.item.hide();
    await running.sim.close();
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    this.log.info('simulator stopped');
  }

  dispose(): void {
    inBackground(this.log, 'stopping the simulator', this.stop());
    this.item.dispose();
  }
}

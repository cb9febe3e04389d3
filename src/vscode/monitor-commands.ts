// The commands that act on the monitor: refresh, open the status page, and the
// status bar's click (the state in words, then the actions).
import * as vscode from 'vscode';
import { type HealthMonitor } from '../core/monitor';
import { statusPageHome } from '../core/statuspage/home-page';
import { commandNamesOfferedIn, COMMANDS, type CommandOfferedIn } from '../core/view/commands';
import { stateTitles } from '../core/view/format';
import { proberRoleLine } from '../core/view/prober-role';
import { coreTranslator } from './language';
import { readSettings } from './settings-reader';

export async function refreshWithProgress(monitor: HealthMonitor): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Claude Health: refreshing') }, () => monitor.refresh());
}

export async function openStatusPage(): Promise<void> {
  const home = statusPageHome(readSettings().settings.statusPageUrl);
  if (!home) throw new Error(vscode.l10n.t('the status page URL is not an http(s) URL'));
  await vscode.env.openExternal(vscode.Uri.parse(home));
}

const QUICK_PICK_LABELS: Record<CommandOfferedIn<'quickPick'>, () => string> = {
  refresh: () => `$(refresh) ${vscode.l10n.t('Refresh')}`,
  runDiagnostics: () => `$(pulse) ${vscode.l10n.t('Run Connection Diagnostics')}`,
  showHistory: () => `$(graph-line) ${vscode.l10n.t('Show History')}`,
  openStatusPage: () => `$(link-external) ${vscode.l10n.t('Open Status Page')}`,
  setApiKey: () => `$(key) ${vscode.l10n.t('Set API Key')}`,
  openSettings: () => `$(gear) ${vscode.l10n.t('Settings')}`,
  showLog: () => `$(output) ${vscode.l10n.t('Show Log')}`,
};

/** The status bar's click: the state in words, then the actions (Set API Key only while there is none). */
export async function showDetails(monitor: HealthMonitor): Promise<void> {
  const { health, probe } = monitor.snapshot();
  const t = coreTranslator();
  const title = stateTitles(t)[health.state];
  const prober = proberRoleLine({ sharesProbing: monitor.sharesProbing, isProber: monitor.isProber, paused: probe.paused }, t);
  const actions: (vscode.QuickPickItem & { command?: string })[] = [
    { label: title, kind: vscode.QuickPickItemKind.Separator },
    ...health.reasons.map((reason) => ({ label: `$(info) ${reason}` })),
    ...(prober ? [{ label: `$(broadcast) ${prober}` }] : []),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...commandNamesOfferedIn('quickPick')
      .filter((name) => name !== 'setApiKey' || health.state === 'unconfigured')
      .map((name) => ({ label: QUICK_PICK_LABELS[name](), command: COMMANDS[name].id })),
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('Claude API: {0}', title) });
  if (picked?.command) await vscode.commands.executeCommand(picked.command);
}

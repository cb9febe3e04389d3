// Every command the extension contributes, and where each is offered: the
// tooltip's command links (the adapter trusts exactly those), the actions of
// health notifications, and the status bar's quick pick. Registration walks
// this table; a unit test holds it equal to package.json.
export type CommandSurface = 'tooltip' | 'notification' | 'quickPick';

export interface CommandSpec {
  readonly id: string;
  readonly offeredIn: readonly CommandSurface[];
}

export const COMMANDS = {
  refresh: { id: 'claudeHealth.refresh', offeredIn: ['tooltip', 'quickPick'] },
  showDetails: { id: 'claudeHealth.showDetails', offeredIn: [] },
  setApiKey: { id: 'claudeHealth.setApiKey', offeredIn: ['quickPick'] },
  clearApiKey: { id: 'claudeHealth.clearApiKey', offeredIn: [] },
  showLog: { id: 'claudeHealth.showLog', offeredIn: ['tooltip', 'quickPick'] },
  openStatusPage: { id: 'claudeHealth.openStatusPage', offeredIn: ['tooltip', 'notification', 'quickPick'] },
  openSettings: { id: 'claudeHealth.openSettings', offeredIn: ['tooltip', 'quickPick'] },
  runDiagnostics: { id: 'claudeHealth.runDiagnostics', offeredIn: ['tooltip', 'notification', 'quickPick'] },
  insertRetryWrapper: { id: 'claudeHealth.insertRetryWrapper', offeredIn: [] },
  startSimulator: { id: 'claudeHealth.startSimulator', offeredIn: [] },
  stopSimulator: { id: 'claudeHealth.stopSimulator', offeredIn: [] },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The ids offered on one surface, in table order. */
export function commandIdsOfferedIn(surface: CommandSurface): string[] {
  return COMMAND_NAMES.map((name): CommandSpec => COMMANDS[name])
    .filter((spec) => spec.offeredIn.includes(surface))
    .map((spec) => spec.id);
}

/** What MarkdownString.isTrusted.enabledCommands lists for the tooltip. */
export const TOOLTIP_COMMAND_IDS: readonly string[] = commandIdsOfferedIn('tooltip');

// Every command the extension contributes, and where each is offered: the
// tooltip's command links (the adapter trusts exactly those), the actions of
// health notifications, and the status bar's quick pick. Registration walks
// this table; a unit test holds it equal to package.json.
export type CommandSurface = 'tooltip' | 'notification' | 'quickPick';

export interface CommandSpec {
  readonly id: string;
  readonly offeredIn: readonly CommandSurface[];
}

// In the order the tooltip, notifications and quick pick show them.
export const COMMANDS = {
  refresh: { id: 'claudeHealth.refresh', offeredIn: ['tooltip', 'quickPick'] },
  runDiagnostics: { id: 'claudeHealth.runDiagnostics', offeredIn: ['tooltip', 'notification', 'quickPick'] },
  showHistory: { id: 'claudeHealth.showHistory', offeredIn: ['tooltip', 'quickPick'] },
  openStatusPage: { id: 'claudeHealth.openStatusPage', offeredIn: ['tooltip', 'notification', 'quickPick'] },
  setApiKey: { id: 'claudeHealth.setApiKey', offeredIn: ['quickPick'] },
  openSettings: { id: 'claudeHealth.openSettings', offeredIn: ['tooltip', 'quickPick'] },
  showLog: { id: 'claudeHealth.showLog', offeredIn: ['tooltip', 'quickPick'] },
  showDetails: { id: 'claudeHealth.showDetails', offeredIn: [] },
  clearApiKey: { id: 'claudeHealth.clearApiKey', offeredIn: [] },
  insertRetryWrapper: { id: 'claudeHealth.insertRetryWrapper', offeredIn: [] },
  startSimulator: { id: 'claudeHealth.startSimulator', offeredIn: [] },
  stopSimulator: { id: 'claudeHealth.stopSimulator', offeredIn: [] },
  startTrafficTap: { id: 'claudeHealth.startTrafficTap', offeredIn: [] },
  stopTrafficTap: { id: 'claudeHealth.stopTrafficTap', offeredIn: [] },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The names of the commands offered on surface S: a label table typed with it must cover exactly those. */
export type CommandOfferedIn<S extends CommandSurface> = {
  [K in CommandName]: S extends (typeof COMMANDS)[K]['offeredIn'][number] ? K : never;
}[CommandName];

/** The commands offered on one surface, in table order. */
export function commandNamesOfferedIn<S extends CommandSurface>(surface: S): CommandOfferedIn<S>[] {
  return COMMAND_NAMES.filter((name) => (COMMANDS[name] as CommandSpec).offeredIn.includes(surface)) as CommandOfferedIn<S>[];
}

/** The ids offered on one surface, in table order. */
export function commandIdsOfferedIn(surface: CommandSurface): string[] {
  return commandNamesOfferedIn(surface).map((name) => COMMANDS[name].id);
}

/** What MarkdownString.isTrusted.enabledCommands lists for the tooltip. */
export const TOOLTIP_COMMAND_IDS: readonly string[] = commandIdsOfferedIn('tooltip');

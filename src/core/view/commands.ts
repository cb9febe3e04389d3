// The command ids the tooltip links to. The adapter registers them and lists
// exactly these in MarkdownString.isTrusted.enabledCommands.
export const TOOLTIP_COMMANDS = {
  refresh: 'claudeHealth.refresh',
  runDiagnostics: 'claudeHealth.runDiagnostics',
  openStatusPage: 'claudeHealth.openStatusPage',
  openSettings: 'claudeHealth.openSettings',
  showLog: 'claudeHealth.showLog',
} as const;

export const TOOLTIP_COMMAND_IDS: readonly string[] = Object.values(TOOLTIP_COMMANDS);

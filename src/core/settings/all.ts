// Every setting the extension reads, in typed sections, from two raw readers:
// one for `claudeHealth.*`, one for VS Code's `http.*`. The scope table is
// what package.json must declare (a unit test holds them together).
import type { SnippetPolicy } from '../snippets/types';
import { CONNECTION_SPECS, validateConnectionSettings, type ConnectionSettings } from './connection';
import { DIAGNOSTICS_SPECS, validateDiagnosticsSettings, type DiagnosticsSettings } from './diagnostics';
import { MONITOR_SPECS, SETTINGS_SECTION, validateSettings, type Settings } from './monitor';
import { SNIPPET_SPECS, validateSnippetSettings } from './snippets';
import { WORKSPACE_PROOF_SCOPES, type SettingScope, type SettingSpec } from './spec';
import { TAP_SPECS } from './tap';

/** Every `claudeHealth.*` setting, keyed by its full name. */
export const CLAUDE_HEALTH_SETTINGS: Readonly<Record<string, SettingSpec>> = Object.freeze(
  Object.fromEntries(
    [...Object.values(MONITOR_SPECS), ...Object.values(SNIPPET_SPECS), ...Object.values(DIAGNOSTICS_SPECS), ...Object.values(TAP_SPECS)].map((spec): [string, SettingSpec] => [
      `${SETTINGS_SECTION}.${spec.key}`,
      spec,
    ]),
  ),
);

/** The VS Code settings read for the connection, keyed by full name, with the scope VS Code gives them. */
export const CONNECTION_SETTINGS: Readonly<Record<string, SettingSpec>> = Object.freeze(
  Object.fromEntries(Object.values(CONNECTION_SPECS).map((spec): [string, SettingSpec] => [`http.${spec.key}`, spec])),
);

/** Whether a workspace's `.vscode/settings.json` can change a setting (VS Code ignores it for machine and application scope). */
export function workspaceCanSet(scope: SettingScope): boolean {
  return !WORKSPACE_PROOF_SCOPES.includes(scope);
}

export interface AllSettings {
  monitor: Settings;
  snippets: SnippetPolicy;
  diagnostics: DiagnosticsSettings;
  connection: ConnectionSettings;
  /** Sentences about corrected values, per section, so each user of a section can log its own. */
  problems: { monitor: string[]; snippets: string[]; diagnostics: string[]; connection: string[] };
}

/** Reads and checks every section; never throws. Keys are relative to `claudeHealth` and `http`. */
export function validateAllSettings(readClaudeHealth: (key: string) => unknown, readHttp: (key: string) => unknown): AllSettings {
  const monitor = validateSettings(readClaudeHealth);
  const snippets = validateSnippetSettings(readClaudeHealth);
  const diagnostics = validateDiagnosticsSettings(readClaudeHealth);
  const connection = validateConnectionSettings(readHttp);
  return {
    monitor: monitor.settings,
    snippets: snippets.policy,
    diagnostics: diagnostics.diagnostics,
    connection: connection.connection,
    problems: { monitor: monitor.problems, snippets: snippets.problems, diagnostics: diagnostics.problems, connection: connection.problems },
  };
}

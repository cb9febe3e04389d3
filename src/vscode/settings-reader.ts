// The one place that reads `claudeHealth.*` and VS Code's `http.*` settings:
// raw values go to the core's settings module, which checks them. Scope is
// VS Code's to enforce: for machine- and application-scoped settings (every
// setting that decides where the key goes, what is billed, or whether an
// outage shows), `get` never returns a workspace value, so a cloned
// repository cannot change them. package.json declares those scopes and a
// unit test holds it to the core's table.
import * as vscode from 'vscode';
import { type NodeFetchOptions } from '../core/net/node-fetch';
import {
  CONNECTION_SECTION,
  fetchOptionsFrom,
  SETTINGS_SECTION,
  validateAllSettings,
  validateConnectionSettings,
  validateSettings,
  validateTapSettings,
  type AllSettings,
  type TapSettings,
  type ValidatedSettings,
} from '../core/settings';

function rawReader(section: string): (key: string) => unknown {
  const config = vscode.workspace.getConfiguration(section);
  return (key) => config.get(key);
}

/** Every section, checked, with the sentences about what was corrected. */
export function readAllSettings(): AllSettings {
  return validateAllSettings(rawReader(SETTINGS_SECTION), rawReader(CONNECTION_SECTION));
}

/** The monitor's section. */
export function readSettings(): ValidatedSettings {
  return validateSettings(rawReader(SETTINGS_SECTION));
}

/** VS Code's http.proxy, http.noProxy, http.proxyStrictSSL and http.proxySupport, for our own requests. */
export function readConnection(): Omit<NodeFetchOptions, 'env'> {
  return fetchOptionsFrom(validateConnectionSettings(rawReader(CONNECTION_SECTION)).connection);
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', 'http.proxySupport'].some((key) => event.affectsConfiguration(key));
}

/** The traffic tap's section. */
export function readTapSettings(): TapSettings {
  return validateTapSettings(rawReader(SETTINGS_SECTION)).tap;
}

// Reads `claudeHealth.*` and VS Code's proxy settings into the core's types.
// Machine-scoped settings are resolved by VS Code itself: a workspace value for
// them is ignored, so a cloned repository cannot redirect the key.
import * as vscode from 'vscode';
import { type NodeFetchOptions } from '../core/probe/transport/node-fetch';
import { SETTINGS_SECTION, validateSettings, type ValidatedSettings } from '../core/settings';

export function readSettings(): ValidatedSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return validateSettings((key) => config.get(key));
}

/** VS Code's http.proxy, http.noProxy, http.proxyStrictSSL and http.proxySupport, for our own requests. */
export function readConnection(): Omit<NodeFetchOptions, 'env'> {
  const http = vscode.workspace.getConfiguration('http');
  const connection: Omit<NodeFetchOptions, 'env'> = {};
  // http.proxySupport "off" tells VS Code to leave extensions' traffic alone; we honour it for http.proxy too.
  const proxy = http.get<string>('proxySupport') === 'off' ? undefined : http.get<string>('proxy');
  if (typeof proxy === 'string' && proxy.trim() !== '') connection.proxyUrl = proxy.trim();
  const noProxy = http.get<unknown>('noProxy');
  if (Array.isArray(noProxy)) connection.noProxy = noProxy.filter((entry): entry is string => typeof entry === 'string');
  if (http.get<boolean>('proxyStrictSSL') === false) connection.rejectUnauthorized = false;
  return connection;
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', 'http.proxySupport'].some((key) => event.affectsConfiguration(key));
}

// Claude Health: Run Connection Diagnostics. Gathers the inputs VS Code knows
// (settings, key, proxy settings, where the extension host runs), runs the core
// ladder with progress and cancel, and shows the report in its webview
// (src/vscode/panels/report-panel.ts), where its actions are. The key never
// reaches the report.
import * as vscode from 'vscode';
import { runDiagnostics } from '../core/diagnostics/runner';
import { type DiagnosticsInput, type DiagnosticsReport } from '../core/diagnostics/types';
import { resolveComparisonTargets } from '../core/diagnostics/compare/targets';
import { resolveApiBaseUrl } from '../core/net/base-url';
import { CHECK_IDS } from '../core/diagnostics/types';
import { type AllSettings } from '../core/settings';
import { type ApiKeyStore } from './api-key';
import { coreTranslator } from './language';
import { type Log } from './log';
import { readAllSettings } from './settings-reader';
import { markReportRunning, reviveReportPanel, showReportPanel } from './panels/report-panel';
import { type StatusBarView } from './status-bar-view';

export interface RunDiagnosticsArgs {
  /** Send one tiny billed message too; asked when absent and message probes are off. */
  inference?: boolean;
}

const KEY_SOURCES = { 'secret-storage': 'SecretStorage', environment: 'ANTHROPIC_API_KEY', none: undefined } as const;

async function askAboutInference(): Promise<boolean | undefined> {
  const free = { label: vscode.l10n.t('Run the free checks'), detail: vscode.l10n.t('Config, proxy, DNS, TCP, TLS, HTTP, auth, rate limits, status page, SDK versions.'), inference: false };
  const billed = {
    label: vscode.l10n.t('Also send one tiny message'),
    detail: vscode.l10n.t('Billed: about 10 input tokens and 1 output token. The only check that meets an inference 529 right now.'),
    inference: true,
  };
  const picked = await vscode.window.showQuickPick([free, billed], { title: vscode.l10n.t('Run Connection Diagnostics') });
  return picked?.inference;
}

async function gatherInput(all: AllSettings, keys: ApiKeyStore, allowedInsecureOrigins: readonly string[], inference: boolean): Promise<DiagnosticsInput> {
  const { monitor: settings, diagnostics, connection } = all;
  const { key, source } = await keys.get();
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const input: DiagnosticsInput = {
    apiBaseUrlSetting: settings.apiBaseUrl,
    allowedInsecureOrigins,
    env: process.env,
    locale: coreTranslator().locale,
    statusPageUrl: settings.statusPageUrl,
    watchedComponents: settings.watchedComponents,
    inference: { enabled: inference, model: settings.probeModels[0] },
    vscodeVersion: vscode.version,
    appHost: vscode.env.appHost,
    httpProxyStrictSSL: connection.proxyStrictSSL,
    httpProxySupport: connection.proxySupport,
    httpNoProxy: connection.noProxy,
    httpSystemCertificates: connection.systemCertificates,
    dnsServers: diagnostics.dnsServers,
  };
  if (key) input.apiKey = key;
  const keySource = KEY_SOURCES[source];
  if (keySource) input.apiKeySource = keySource;
  if (vscode.env.remoteName) input.remoteName = vscode.env.remoteName;
  if (folder) input.workspaceFolder = folder.uri.fsPath;
  if (connection.proxy) input.httpProxy = connection.proxy;
  if (diagnostics.compareEndpoints.length) {
    // Each compared endpoint gets only the key in the variable it names; one that cannot have it runs without, and the report says why.
    const configured = resolveApiBaseUrl(input.apiBaseUrlSetting, input.env).url;
    input.compare = resolveComparisonTargets(diagnostics.compareEndpoints, process.env, key ? { baseUrl: configured, apiKey: key } : { baseUrl: configured }, coreTranslator()).targets;
  }
  return input;
}

export interface DiagnosticsDeps {
  keys: ApiKeyStore;
  log: Log;
  statusBar: StatusBarView;
  allowedInsecureOrigins: () => readonly string[];
  extensionUri: vscode.Uri;
}

export async function runDiagnosticsCommand(
  deps: DiagnosticsDeps,
  args: RunDiagnosticsArgs = {},
): Promise<DiagnosticsReport | undefined> {
  const all = readAllSettings();
  for (const problem of [...all.problems.diagnostics, ...all.problems.connection]) deps.log.warn(problem);
  const inference = args.inference ?? (all.monitor.probeMode === 'message' ? true : await askAboutInference());
  if (inference === undefined) return undefined;
  const input = await gatherInput(all, deps.keys, deps.allowedInsecureOrigins(), inference);
  markReportRunning();
  deps.statusBar.setBusy(vscode.l10n.t('Claude: diagnosing…'));
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Claude Health: diagnosing the connection'), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        let done = 0;
        try {
          return await runDiagnostics(input, {
            signal: controller.signal,
            // Each check has its own limit; the run as a whole gets room for the dependent chain.
            timeoutMs: Math.max(all.diagnostics.timeoutMs * 3, 5_000),
            onProgress: (check) => {
              done++;
              progress.report({ message: `${check.title}: ${check.status} (${done}/${CHECK_IDS.length})`, increment: 100 / CHECK_IDS.length });
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    deps.log.info(`diagnostics: ${report.summary} (${report.durationMs} ms)`);
    deps.statusBar.setBusy(undefined);
    // Run Again keeps the choice of checks made for this run. Every key the run held is redacted.
    const secrets = [input.apiKey, ...(input.compare ?? []).map((target) => target.apiKey)];
    showReportPanel(report, secrets, inference, () => runDiagnosticsCommand(deps, { inference }), deps);
    return report;
  } finally {
    deps.statusBar.setBusy(undefined);
  }
}

/**
 * The report VS Code kept across a window reload (its serializer's half): drawn
 * again from its saved, redacted renderings; Run Again makes the same choice of
 * checks (or asks, when the saved report does not say) and updates this tab.
 */
export function reviveDiagnosticsReport(panel: vscode.WebviewPanel, state: unknown, deps: DiagnosticsDeps): void {
  reviveReportPanel(panel, state, deps.keys.knownSecrets(), (inference) => () => runDiagnosticsCommand(deps, inference === undefined ? {} : { inference }), deps);
}

// A diagnostics report as the editor's report panel holds it, for a display
// language: the checks run as src/vscode/diagnostics-command.ts runs them (the
// key from SecretStorage, the editor's surface, the locale of VS Code's
// language) and rendered as src/vscode/panels/report-panel.ts renders them
// (coreTranslator() is translatorFor(vscode.env.language)), redacted, saved.
// Real checks against loopback endpoints only.
import { renderReportForView, savedReportView, type SavedReportView } from '../../src/core/diagnostics/render/report-view';
import { runDiagnostics } from '../../src/core/diagnostics/runner';
import type { ComparisonTarget } from '../../src/core/diagnostics/compare/types';
import type { DiagnosticsReport } from '../../src/core/diagnostics/types';
import { translatorFor } from '../../src/core/l10n';

export interface EditorReport {
  report: DiagnosticsReport;
  view: SavedReportView;
}

export interface ReportEndpoints {
  apiBaseUrl: string;
  statusPageUrl: string;
  /** Endpoints compared side by side (claudeHealth.diagnostics.compareEndpoints), without a key. */
  compare?: ComparisonTarget[];
}

export async function editorReport(displayLanguage: string, endpoints: ReportEndpoints, apiKey: string): Promise<EditorReport> {
  const t = translatorFor(displayLanguage);
  const report = await runDiagnostics(
    {
      apiBaseUrlSetting: endpoints.apiBaseUrl,
      statusPageUrl: endpoints.statusPageUrl,
      apiKey,
      apiKeySource: 'SecretStorage',
      env: {},
      locale: t.locale,
      vscodeVersion: '1.139.0',
      appHost: 'desktop',
      dnsServers: [],
      ...(endpoints.compare ? { compare: endpoints.compare } : {}),
    },
    { timeoutMs: 30_000 },
  );
  return { report, view: savedReportView(renderReportForView(report, [apiKey], t), false) };
}

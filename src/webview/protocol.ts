// The messages between the panels' host code (src/vscode/panels) and the
// scripts inside their webviews. Types only: both sides compile against them.
import type { HistoryRangeHours, SourceChoice } from '../core/history/data';
import type { HistoryModel } from '../core/history/model';

export interface HistoryChoice {
  rangeHours: HistoryRangeHours;
  source: SourceChoice;
}

/** Webview to host. */
export type HistoryRequest =
  | ({ type: 'ready' | 'choose'; utcOffsetMinutes: number } & HistoryChoice)
  | { type: 'export'; format: 'csv' | 'json' };

/** Host to webview. */
export type HistoryUpdate = { type: 'model'; model: HistoryModel };

/** The state the webview keeps (getState) and the serializer restores. */
export type HistoryViewState = HistoryChoice;

export type { ReportVerdict } from '../core/diagnostics/render/verdict';
import type { SavedReportView } from '../core/diagnostics/render/report-view-types';
export type { ComparisonView } from '../core/diagnostics/compare/types';

export type ReportAction = 'copyMarkdown' | 'saveJson' | 'runAgain' | 'openSettings' | 'openLog';

/** Webview to host. */
export type ReportRequest = { type: 'ready' } | { type: 'action'; action: ReportAction };

/**
 * Host to webview: the report as the CLI's JSON prints it (redacted), parsed,
 * with the view to keep (its comparison already in words and in the user's language) as the webview's state (what a reload restores); a run
 * in progress; a restored report with nothing to show; a short notice.
 */
export type ReportUpdate =
  | { type: 'report'; report: Record<string, unknown>; view: SavedReportView }
  | { type: 'running' }
  | { type: 'empty'; text: string }
  | { type: 'notice'; text: string };

/** The state the report webview keeps (setState) and the serializer restores. */
export type ReportViewState = SavedReportView;

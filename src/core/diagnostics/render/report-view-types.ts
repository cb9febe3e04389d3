// The shapes of the report view (src/core/diagnostics/render/report-view.ts),
// on their own: the webview's script compiles against them too, without the
// renderers behind them.
import type { ComparisonView } from '../compare/types';
import type { ReportVerdict } from './verdict';

export interface RenderedReport {
  /** What Copy as Markdown puts on the clipboard: the CLI's Markdown, redacted. */
  markdown: string;
  /** What Save as JSON writes and the view draws from: the CLI's JSON, redacted. */
  json: string;
  verdict: ReportVerdict;
  /** The side-by-side table in the user's language, when endpoints were compared (redacted). */
  comparison?: ComparisonView;
}

/** What the report view keeps across a window reload (its webview state). */
export interface SavedReportView extends RenderedReport {
  version: 1;
  /** The run's choice of the billed message check, so Run Again after a reload makes the same one. */
  inference?: boolean;
}

// What the extension loads when a panel first opens (bundled as dist/panels.js,
// see esbuild.js): the history panel, and the diagnostics command with its
// report panel, and what their serializers revive after a window reload.
// Activation never loads this file: the serializers import it when called.
export { reviveDiagnosticsReport, runDiagnosticsCommand, type DiagnosticsDeps, type RunDiagnosticsArgs } from '../diagnostics-command';
export { reviveHistoryPanel, showHistoryPanel, type HistoryPanelDeps } from './history-panel';

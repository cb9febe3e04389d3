// What the extension loads when a panel first opens (bundled as dist/panels.js,
// see esbuild.js): the history panel, and the diagnostics command with its
// report panel. Activation never loads this file.
export { runDiagnosticsCommand, type DiagnosticsDeps, type RunDiagnosticsArgs } from '../diagnostics-command';
export { reviveHistoryPanel, showHistoryPanel, type HistoryPanelDeps } from './history-panel';

// Webview view types: registered at activation (the serializer) and used by the lazily loaded panels.
export const HISTORY_VIEW_TYPE = 'claudeHealth.history';
export const REPORT_VIEW_TYPE = 'claudeHealth.diagnosticsReport';

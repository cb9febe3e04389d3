// Every word the diagnostics report webview shows, in one place (for translation).
export const STRINGS = {
  title: 'Claude Health: connection diagnostics',
  running: 'Running the checks…',
  brokenLayer: 'Broken layer',
  warningLayer: 'Worth a look',
  fix: 'Fix',
  actions: { copyMarkdown: 'Copy as Markdown', saveJson: 'Save as JSON…', runAgain: 'Run Again', openSettings: 'Open Settings', openLog: 'Open Log' },
  columns: ['Check', 'Status', 'Detail', 'Next step', 'Time'],
  status: { pass: 'pass', warn: 'warn', fail: 'fail', skip: 'skip' } as Record<string, string>,
  details: 'Details',
  started: (at: string, ms: number, cancelled: boolean): string => `Started ${new Date(at).toLocaleString()}, took ${duration(ms)}${cancelled ? '; cancelled' : ''}.`,
  blockedBy: (id: string): string => `Skipped because ${id} failed.`,
};

export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

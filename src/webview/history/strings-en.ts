// Every word the history panel shows, in English; strings-zh-cn.ts has the
// same table in Simplified Chinese (the type makes both carry every entry).
import type { ChartKind, SourceChoice } from '../../core/history/data';
import type { HealthSegment } from '../../core/history/model';

/** The impacts a status page gives an incident or a maintenance window. */
export type StatusImpact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** Month and weekday names for the charts' time axis (uPlot's DateNames). */
export interface ChartDateNames {
  MMMM: string[];
  MMM: string[];
  WWWW: string[];
  WWW: string[];
}

export interface HistoryStrings {
  title: string;
  /** Between a label and its value: ": " in English, "：" in Chinese. */
  colon: string;
  range: string;
  rangeLabel: (hours: number) => string;
  source: string;
  sources: Record<SourceChoice, string>;
  exportCsv: string;
  exportJson: string;
  health: string;
  healthHelp: string;
  noBands: string;
  requests: string;
  latency: string;
  heat: string;
  heatHelp: string;
  heatCell: (day: string, hour: number, overloaded: number, total: number) => string;
  noHeat: string;
  errors: string;
  noErrors: string;
  errorColumns: readonly [time: string, source: string, kind: string, status: string, requestId: string, retryAfter: string];
  kinds: Record<ChartKind, string>;
  states: Record<HealthSegment['state'], string>;
  impacts: Record<StatusImpact, string>;
  band: (kind: string, name: string, impact: string, ongoing: boolean) => string;
  totals: (total: number) => string;
  waiting: string;
  retention: (hours: number) => string;
  /** The requests chart's y axis. */
  requestsAxis: string;
  /** The charts' x series in the legend. */
  time: string;
  chartDateNames: ChartDateNames;
  /** uPlot's date template (e.g. "{h}:{mm}{aa}\n{M}/{D}") as this language writes dates. */
  chartDateTemplate: (template: string) => string;
}

export const HISTORY_EN: HistoryStrings = {
  title: 'Claude API history',
  colon: ': ',
  range: 'Range',
  rangeLabel: (hours) => (hours >= 168 ? '7 d' : `${hours} h`),
  source: 'Source',
  sources: { all: 'All sources', probe: 'Probes', tap: 'Traffic tap', 'claude-code': 'Claude Code' },
  exportCsv: 'Export CSV…',
  exportJson: 'Export JSON…',
  health: 'Health and status page',
  healthHelp: 'The health the status bar showed; incidents and maintenance the status page reported, as bands below it.',
  noBands: 'No incident or maintenance reported in this range.',
  requests: 'Requests by outcome',
  latency: 'Latency of answered requests',
  heat: '529 overloads by hour of day',
  heatHelp: 'One row per stored day, one cell per hour (local time). Darker means more 529s.',
  heatCell: (day, hour, overloaded, total) => `${day} ${String(hour).padStart(2, '0')}:00: ${overloaded} × 529 of ${total} requests`,
  noHeat: 'No requests stored yet.',
  errors: 'Latest errors',
  noErrors: 'No errors in this range.',
  errorColumns: ['Time', 'Source', 'Kind', 'Status', 'Request id', 'Retry-after'],
  kinds: { ok: 'OK', overloaded: '529 overloaded', rate_limited: '429 rate limited', server_error: '5xx', network: 'Network / timeout', other: 'Other (auth, 4xx)' },
  states: { operational: 'Operational', degraded: 'Degraded', outage: 'Outage', maintenance: 'Maintenance', unknown: 'Unknown', unconfigured: 'Not configured', none: 'No data' },
  impacts: { none: 'none', minor: 'minor', major: 'major', critical: 'critical', maintenance: 'maintenance' },
  band: (kind, name, impact, ongoing) => `${kind === 'maintenance' ? 'Maintenance' : 'Incident'}: ${name} (${impact}${ongoing ? ', ongoing' : ''})`,
  totals: (total) => `${total} requests in range`,
  waiting: 'Waiting for data…',
  retention: (hours) => `Keeps ${hours} h (claudeHealth.history.retentionHours).`,
  requestsAxis: 'requests',
  time: 'Time',
  chartDateNames: {
    MMMM: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    MMM: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    WWWW: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    WWW: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  },
  // uPlot's own templates are English already.
  chartDateTemplate: (template) => template,
};

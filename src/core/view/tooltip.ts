// The status bar tooltip as Markdown (for a MarkdownString with
// supportThemeIcons and isTrusted limited to TOOLTIP_COMMAND_IDS). Every string
// that came from the network or from settings is escaped.
import type { RateLimitBucket, RateLimitInfo } from '../headers';
import type { MonitorView } from '../monitor';
import type { ProbeResult } from '../probe/types';
import { describeComponentStatus } from '../statuspage/verdict';
import { TOOLTIP_COMMANDS } from './commands';
import { formatAgo, formatClock, formatIn, formatLatency, formatSeconds, sparkline, STATE_TITLES, type TimeFormat } from './format';
import { code, commandLink, escapeMarkdown, link } from './markdown';
import { STATE_ICONS, isStale } from './status-bar';

const MAX_INCIDENTS = 5;
const SPARKLINE_POINTS = 30;

function headerSection(view: MonitorView): string[] {
  const { health } = view;
  const dataAt = view.dataAt;
  const updated = dataAt === undefined ? 'no data yet' : `updated ${formatAgo(dataAt, view.now)}${isStale(view) ? ' (stale)' : ''}`;
  const lines = [`$(${STATE_ICONS[health.state]}) **Claude API: ${STATE_TITLES[health.state]}** · ${updated}`, ''];
  for (const reason of health.reasons) lines.push(`- ${escapeMarkdown(reason)}`);
  for (const problem of view.settingsProblems) lines.push(`- $(gear) ${escapeMarkdown(problem)}`);
  if (view.probe.baseUrl.problem) lines.push(`- $(gear) ${escapeMarkdown(view.probe.baseUrl.problem)}`);
  return lines;
}

function componentsSection(view: MonitorView): string[] {
  const watched = view.page.verdict.watched;
  if (watched.length === 0) return [];
  const lines = ['', '**Watched components**', ''];
  for (const component of watched) lines.push(`- ${escapeMarkdown(component.name)}: ${describeComponentStatus(component.status)}`);
  return lines;
}

function incidentsSection(view: MonitorView, time: TimeFormat): string[] {
  const incidents = view.page.snapshot?.incidents ?? [];
  if (incidents.length === 0) return [];
  const lines = ['', '**Open incidents**', ''];
  for (const incident of incidents.slice(0, MAX_INCIDENTS)) {
    const updatedAt = incident.latestUpdate?.createdAt ?? incident.updatedAt;
    const when = updatedAt ? ` · updated ${formatClock(Date.parse(updatedAt), time)}` : '';
    const latest = incident.latestUpdate ? ` — ${escapeMarkdown(truncate(incident.latestUpdate.body, 160))}` : '';
    lines.push(`- ${link(incident.name, incident.url)} (${escapeMarkdown(incident.status)}, ${escapeMarkdown(incident.impact)} impact${when})${latest}`);
  }
  if (incidents.length > MAX_INCIDENTS) lines.push(`- and ${incidents.length - MAX_INCIDENTS} more`);
  return lines;
}

function maintenanceSection(view: MonitorView, time: TimeFormat): string[] {
  const maintenances = view.page.snapshot?.maintenances ?? [];
  if (maintenances.length === 0) return [];
  const lines = ['', '**Maintenance**', ''];
  for (const m of maintenances.slice(0, MAX_INCIDENTS)) {
    const from = m.scheduledFor ? formatClock(Date.parse(m.scheduledFor), time) : '?';
    const until = m.scheduledUntil ? formatClock(Date.parse(m.scheduledUntil), time) : '?';
    const status = m.active ? 'in progress' : 'scheduled';
    lines.push(`- ${link(m.name, m.url)} (${status}, ${from}–${until})`);
  }
  return lines;
}

function probeLine(result: ProbeResult, time: TimeFormat): string {
  const subject = result.model ? ` ${code(result.model)}` : '';
  const status = result.httpStatus !== undefined ? ` · HTTP ${result.httpStatus}` : '';
  const id = result.requestId ? ` · ${code(result.requestId)}` : '';
  return `- ${escapeMarkdown(result.mode)}${subject} at ${formatClock(result.at, time)}: **${escapeMarkdown(result.outcome)}**${status} · ${formatLatency(result.latencyMs)}${id} — ${escapeMarkdown(result.message)}`;
}

function probeSection(view: MonitorView, time: TimeFormat): string[] {
  const { probe } = view;
  const lines = ['', `**Last probe** (${escapeMarkdown(probe.mode)} → ${escapeMarkdown(probe.baseUrl.url)})`, ''];
  if (probe.lastRound.length === 0) lines.push('- none yet');
  for (const result of probe.lastRound) lines.push(probeLine(result, time));
  if (probe.paused === 'idle') lines.push('- paused while you are idle; it resumes on activity');
  if (probe.paused === 'retry_after' || probe.retryAfterUntil !== undefined) {
    if (probe.retryAfterUntil !== undefined) lines.push(`- the server asked for a pause: next probe after ${formatClock(probe.retryAfterUntil, time)} (retry-after)`);
  } else if (probe.nextProbeAt !== undefined && probe.paused === undefined) {
    lines.push(`- next probe ${formatIn(probe.nextProbeAt, view.now)}`);
  }
  return lines;
}

function countsSection(view: MonitorView): string[] {
  const w = view.window;
  if (w.total === 0) return [];
  const parts = [
    `${w.total} probes`,
    `${w.ok} ok`,
    `529×${w.overloaded}`,
    `429×${w.rateLimited}${w.spendLimited ? ` (spend limit ×${w.spendLimited})` : ''}`,
    `5xx×${w.serverError}`,
    `timeouts×${w.timeout}`,
    `network×${w.networkError}`,
  ];
  const lines = ['', `**Last ${w.windowMinutes} min:** ${parts.join(' · ')}`];
  if (w.retryAfterSeconds.length) lines.push(`retry-after seen: ${w.retryAfterSeconds.slice(-8).map(formatSeconds).join(', ')}`);
  return lines;
}

function bucketText(name: string, bucket: RateLimitBucket | undefined, time: TimeFormat): string | undefined {
  if (!bucket) return undefined;
  const amount =
    bucket.remaining !== undefined && bucket.limit !== undefined ? `${bucket.remaining}/${bucket.limit}`
    : bucket.remaining !== undefined ? `${bucket.remaining} left`
    : bucket.limit !== undefined ? `limit ${bucket.limit}`
    : '';
  const reset = bucket.reset ? `, full at ${formatClock(Date.parse(bucket.reset), time)}` : '';
  return `${name} ${amount}${reset}`.trim();
}

function rateLimitSection(view: MonitorView, time: TimeFormat): string[] {
  const info: RateLimitInfo | undefined = view.probe.lastRound.find((r) => Object.keys(r.rateLimit).length > 0)?.rateLimit;
  if (!info) return [];
  const parts = [
    bucketText('requests', info.requests, time),
    bucketText('tokens', info.tokens, time),
    bucketText('input tokens', info.inputTokens, time),
    bucketText('output tokens', info.outputTokens, time),
  ].filter((part): part is string => part !== undefined);
  return parts.length ? ['', `**Rate-limit headroom:** ${parts.join(' · ')}`] : [];
}

function sparklineSection(view: MonitorView): string[] {
  const events = view.recent.slice(-SPARKLINE_POINTS);
  if (events.length < 2) return [];
  const line = sparkline(events.map((e) => (e.outcome === 'ok' ? e.latencyMs : undefined)));
  const oks = events.filter((e) => e.outcome === 'ok').map((e) => e.latencyMs);
  const range = oks.length ? ` ${formatLatency(Math.min(...oks))}–${formatLatency(Math.max(...oks))}` : '';
  return ['', `**Latency** ${code(line)}${range} (last ${events.length}, × failed)`];
}

function commandsSection(): string[] {
  return [
    '',
    '---',
    '',
    [
      commandLink('$(refresh) Refresh', TOOLTIP_COMMANDS.refresh),
      commandLink('$(pulse) Run Diagnostics', TOOLTIP_COMMANDS.runDiagnostics),
      commandLink('$(link-external) Status Page', TOOLTIP_COMMANDS.openStatusPage),
      commandLink('$(gear) Settings', TOOLTIP_COMMANDS.openSettings),
      commandLink('$(output) Log', TOOLTIP_COMMANDS.showLog),
    ].join(' · '),
  ];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The whole tooltip. `time` fixes the zone and locale (tests); the default is the machine's. */
export function renderTooltip(view: MonitorView, time: TimeFormat = {}): string {
  return [
    ...headerSection(view),
    ...componentsSection(view),
    ...incidentsSection(view, time),
    ...maintenanceSection(view, time),
    ...probeSection(view, time),
    ...countsSection(view),
    ...rateLimitSection(view, time),
    ...sparklineSection(view),
    ...commandsSection(),
  ].join('\n');
}

// The status bar tooltip as Markdown (for a MarkdownString with
// supportThemeIcons and isTrusted limited to TOOLTIP_COMMAND_IDS). Every string
// that came from the network or from settings is escaped.
import type { RateLimitBucket, RateLimitInfo } from '../headers';
import type { MonitorSnapshot } from '../monitor/snapshot';
import type { ProbeResult } from '../probe/types';
import { english, type Translate } from '../l10n';
import { describeComponentStatus } from '../statuspage/verdict';
import { commandNamesOfferedIn, COMMANDS, type CommandOfferedIn } from './commands';
import { formatAgo, formatClock, formatIn, formatLatency, formatSeconds, outcomeWord, sparkline, stateTitles, type TimeFormat } from './format';
import { code, commandLink, escapeMarkdown, link } from './markdown';
import { STATE_ICONS, isStale } from './status-bar';
import { trafficSection } from './traffic-section';

const MAX_INCIDENTS = 5;
const SPARKLINE_POINTS = 30;

function headerSection(snapshot: MonitorSnapshot, t: Translate): string[] {
  const { health } = snapshot;
  const dataAt = snapshot.dataAt;
  const updated = dataAt === undefined ? t`no data yet` : `${t`updated ${formatAgo(dataAt, snapshot.now, t)}`}${isStale(snapshot) ? t` (stale)` : ''}`;
  const lines = [`$(${STATE_ICONS[health.state]}) **Claude API: ${stateTitles(t)[health.state]}** · ${updated}`, ''];
  for (const reason of health.reasons) lines.push(`- ${escapeMarkdown(reason)}`);
  for (const problem of snapshot.settingsProblems) lines.push(`- $(gear) ${escapeMarkdown(problem)}`);
  if (snapshot.probe.baseUrl.problem) lines.push(`- $(gear) ${escapeMarkdown(snapshot.probe.baseUrl.problem)}`);
  return lines;
}

function componentsSection(snapshot: MonitorSnapshot, t: Translate): string[] {
  const watched = snapshot.page.verdict.watched;
  if (watched.length === 0) return [];
  const lines = ['', `**${t`Watched components`}**`, ''];
  for (const component of watched) lines.push(`- ${escapeMarkdown(component.name)}: ${describeComponentStatus(component.status, t)}`);
  return lines;
}

function incidentsSection(snapshot: MonitorSnapshot, time: TimeFormat, t: Translate): string[] {
  const incidents = snapshot.page.summary?.incidents ?? [];
  if (incidents.length === 0) return [];
  const lines = ['', `**${t`Open incidents`}**`, ''];
  for (const incident of incidents.slice(0, MAX_INCIDENTS)) {
    const updatedAt = incident.latestUpdate?.createdAt ?? incident.updatedAt;
    const when = updatedAt ? ` · ${t`updated ${formatClock(Date.parse(updatedAt), time)}`}` : '';
    const latest = incident.latestUpdate ? ` — ${escapeMarkdown(truncate(incident.latestUpdate.body, 160))}` : '';
    lines.push(`- ${link(incident.name, incident.url)} (${escapeMarkdown(incident.status)}, ${t`${escapeMarkdown(incident.impact)} impact`}${when})${latest}`);
  }
  if (incidents.length > MAX_INCIDENTS) lines.push(`- ${t`and ${incidents.length - MAX_INCIDENTS} more`}`);
  return lines;
}

function maintenanceSection(snapshot: MonitorSnapshot, time: TimeFormat, t: Translate): string[] {
  const maintenances = snapshot.page.summary?.maintenances ?? [];
  if (maintenances.length === 0) return [];
  const lines = ['', `**${t`Maintenance`}**`, ''];
  for (const m of maintenances.slice(0, MAX_INCIDENTS)) {
    const from = m.scheduledFor ? formatClock(Date.parse(m.scheduledFor), time) : '?';
    const until = m.scheduledUntil ? formatClock(Date.parse(m.scheduledUntil), time) : '?';
    const status = m.active ? t`in progress` : t`scheduled`;
    lines.push(`- ${link(m.name, m.url)} (${status}, ${from}–${until})`);
  }
  return lines;
}

function probeLine(result: ProbeResult, time: TimeFormat, t: Translate): string {
  const subject = result.model ? ` ${code(result.model)}` : '';
  const status = result.httpStatus !== undefined ? ` · HTTP ${result.httpStatus}` : '';
  const id = result.requestId ? ` · ${code(result.requestId)}` : '';
  return `- ${t`${escapeMarkdown(result.mode)}${subject} at ${formatClock(result.at, time)}`}: **${escapeMarkdown(outcomeWord(result.outcome, t))}**${status} · ${formatLatency(result.latencyMs)}${id} — ${escapeMarkdown(result.message)}`;
}

function probeSection(snapshot: MonitorSnapshot, time: TimeFormat, t: Translate): string[] {
  const { probe } = snapshot;
  const lines = ['', `**${t`Last probe`}** (${escapeMarkdown(probe.mode)} → ${escapeMarkdown(probe.baseUrl.url)})`, ''];
  if (probe.lastRound.length === 0) lines.push(`- ${t`none yet`}`);
  for (const result of probe.lastRound) lines.push(probeLine(result, time, t));
  if (probe.paused === 'idle') lines.push(`- ${t`paused while you are idle; it resumes on activity`}`);
  if (probe.paused === 'other_window') lines.push(`- ${t`another Claude Health window probes for all windows; its results show here`}`);
  if (probe.paused === 'retry_after' || probe.retryAfterUntil !== undefined) {
    if (probe.retryAfterUntil !== undefined) lines.push(`- ${t`the server asked for a pause: next probe after ${formatClock(probe.retryAfterUntil, time)} (retry-after)`}`);
  } else if (probe.nextProbeAt !== undefined && probe.paused === undefined) {
    lines.push(`- ${t`next probe ${formatIn(probe.nextProbeAt, snapshot.now, t)}`}`);
  }
  return lines;
}

function countsSection(snapshot: MonitorSnapshot, t: Translate): string[] {
  const w = snapshot.window;
  if (w.total === 0) return [];
  const parts = [
    t`${w.total} probes`,
    t`${w.ok} ok`,
    `529×${w.overloaded}`,
    `429×${w.rateLimited}${w.spendLimited ? t` (spend limit ×${w.spendLimited})` : ''}`,
    `5xx×${w.serverError}`,
    t`timeouts×${w.timeout}`,
    t`network×${w.networkError}`,
  ];
  const lines = ['', `**${t`Last ${w.windowMinutes} min:`}** ${parts.join(' · ')}`];
  if (w.retryAfterSeconds.length) lines.push(t`retry-after seen: ${w.retryAfterSeconds.slice(-8).map(formatSeconds).join(', ')}`);
  return lines;
}

function bucketText(name: string, bucket: RateLimitBucket | undefined, time: TimeFormat, t: Translate): string | undefined {
  if (!bucket) return undefined;
  const amount =
    bucket.remaining !== undefined && bucket.limit !== undefined ? `${bucket.remaining}/${bucket.limit}`
    : bucket.remaining !== undefined ? t`${bucket.remaining} left`
    : bucket.limit !== undefined ? t`limit ${bucket.limit}`
    : '';
  const reset = bucket.reset ? t`, full at ${formatClock(Date.parse(bucket.reset), time)}` : '';
  return `${name} ${amount}${reset}`.trim();
}

function rateLimitSection(snapshot: MonitorSnapshot, time: TimeFormat, t: Translate): string[] {
  const info: RateLimitInfo | undefined = snapshot.probe.lastRound.find((r) => Object.keys(r.rateLimit).length > 0)?.rateLimit;
  if (!info) return [];
  const parts = [
    bucketText(t`requests`, info.requests, time, t),
    bucketText(t`tokens`, info.tokens, time, t),
    bucketText(t`input tokens`, info.inputTokens, time, t),
    bucketText(t`output tokens`, info.outputTokens, time, t),
  ].filter((part): part is string => part !== undefined);
  return parts.length ? ['', `**${t`Rate-limit headroom:`}** ${parts.join(' · ')}`] : [];
}

function sparklineSection(snapshot: MonitorSnapshot, t: Translate): string[] {
  const events = snapshot.recent.slice(-SPARKLINE_POINTS);
  if (events.length < 2) return [];
  const line = sparkline(events.map((e) => (e.outcome === 'ok' ? e.latencyMs : undefined)));
  const oks = events.filter((e) => e.outcome === 'ok').map((e) => e.latencyMs);
  const range = oks.length ? ` ${formatLatency(Math.min(...oks))}–${formatLatency(Math.max(...oks))}` : '';
  return ['', `**${t`Latency`}** ${code(line)}${range} ${t`(last ${events.length}, × failed)`}`];
}

function linkLabels(t: Translate): Record<CommandOfferedIn<'tooltip'>, string> {
  return {
    refresh: `$(refresh) ${t`Refresh`}`,
    runDiagnostics: `$(pulse) ${t`Run Diagnostics`}`,
    showHistory: `$(graph-line) ${t`History`}`,
    openStatusPage: `$(link-external) ${t`Status Page`}`,
    openSettings: `$(gear) ${t`Settings`}`,
    showLog: `$(output) ${t`Log`}`,
  };
}

function commandsSection(t: Translate): string[] {
  const labels = linkLabels(t);
  return ['', '---', '', commandNamesOfferedIn('tooltip').map((name) => commandLink(labels[name], COMMANDS[name].id)).join(' · ')];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The whole tooltip. `time` fixes the zone and locale (tests); the default is the machine's. `t`: the language, default English. */
export function renderTooltip(snapshot: MonitorSnapshot, time: TimeFormat = {}, t: Translate = english): string {
  return [
    ...headerSection(snapshot, t),
    ...componentsSection(snapshot, t),
    ...incidentsSection(snapshot, time, t),
    ...maintenanceSection(snapshot, time, t),
    ...probeSection(snapshot, time, t),
    ...trafficSection(snapshot, time, t),
    ...countsSection(snapshot, t),
    ...rateLimitSection(snapshot, time, t),
    ...sparklineSection(snapshot, t),
    ...commandsSection(t),
  ].join('\n');
}

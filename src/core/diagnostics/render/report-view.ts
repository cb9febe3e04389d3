// The diagnostics report as the editor's report view holds it: the CLI's
// Markdown and JSON renderings (one renderer each) and the verdict, with every
// secret the run held redacted before anything leaves this file. The same
// shape is what the view saves so it comes back after a window reload: VS Code
// keeps it in its own storage and hands it back, so on the way back it is
// checked field by field and anything unexpected is dropped, never drawn. The
// raw report (which could hold the key in a detail) is never part of it.
import { jsonField, parseJsonBounded } from '../../json/bounded';
import { english, type Translate } from '../../l10n';
import { redactSecrets } from '../../net/redact';
import type { DiagnosticsReport } from '../types';
import { comparisonView } from './comparison';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { RenderedReport, SavedReportView } from './report-view-types';
import { reportVerdict, type ReportVerdict } from './verdict';

export type { RenderedReport, SavedReportView } from './report-view-types';

/** A report far larger than any real run (13 checks and a few compared endpoints) is not kept. */
export const MAX_SAVED_TEXT = 1024 * 1024;

const FINISHED_TONES: readonly string[] = ['pass', 'warn', 'fail'];

function redactAll(rendered: RenderedReport, secrets: readonly (string | undefined)[]): RenderedReport {
  const redact = (text: string): string => redactSecrets(text, secrets);
  const { verdict } = rendered;
  return {
    markdown: redact(rendered.markdown),
    json: redact(rendered.json),
    verdict: { tone: verdict.tone, summary: redact(verdict.summary), ...(verdict.layer ? { layer: redact(verdict.layer) } : {}), ...(verdict.fix ? { fix: redact(verdict.fix) } : {}) },
    // Redacted as text, like the Markdown: its cells quote what the endpoints answered.
    ...(rendered.comparison ? { comparison: JSON.parse(redact(JSON.stringify(rendered.comparison))) as RenderedReport['comparison'] } : {}),
  };
}

export function renderReportForView(report: DiagnosticsReport, secrets: readonly (string | undefined)[], t: Translate = english): RenderedReport {
  const comparison = report.comparison?.length ? comparisonView(report.comparison, t) : undefined;
  return redactAll({ markdown: renderMarkdown(report, t), json: renderJson(report), verdict: reportVerdict(report), ...(comparison ? { comparison } : {}) }, secrets);
}

export function savedReportView(rendered: RenderedReport, inference: boolean | undefined): SavedReportView {
  return { version: 1, ...rendered, ...(inference === undefined ? {} : { inference }) };
}

/** The report document inside `json` (parsed, bounded), when it has the fields every report has. */
function reportDocument(json: string): Record<string, unknown> | undefined {
  const parsed = parseJsonBounded(json, { maxBytes: MAX_SAVED_TEXT });
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return undefined;
  const document = parsed.value as Record<string, unknown>;
  if (!Array.isArray(jsonField(document, 'checks')) || typeof jsonField(document, 'summary') !== 'string' || typeof jsonField(document, 'startedAt') !== 'string') return undefined;
  return document;
}

function boundedText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SAVED_TEXT;
}

function restoredVerdict(value: unknown): ReportVerdict | undefined {
  const tone = jsonField(value, 'tone');
  const summary = jsonField(value, 'summary');
  const layer = jsonField(value, 'layer');
  const fix = jsonField(value, 'fix');
  if (typeof tone !== 'string' || !FINISHED_TONES.includes(tone) || !boundedText(summary)) return undefined;
  if ((layer !== undefined && !boundedText(layer)) || (fix !== undefined && !boundedText(fix))) return undefined;
  return { tone: tone as ReportVerdict['tone'], summary, ...(layer === undefined ? {} : { layer }), ...(fix === undefined ? {} : { fix }) };
}

/**
 * The saved view from what VS Code handed back (without the comparison table:
 * after a reload the page draws the comparison from the JSON instead), or undefined when it is not
 * one this version wrote whole (no state, another version's, damaged). The
 * texts are redacted again with the secrets known now: a key the user set
 * since never shows, whatever the storage held.
 */
export function restoreReportView(state: unknown, secrets: readonly (string | undefined)[] = []): SavedReportView | undefined {
  if (jsonField(state, 'version') !== 1) return undefined;
  const markdown = jsonField(state, 'markdown');
  const json = jsonField(state, 'json');
  const inference = jsonField(state, 'inference');
  const verdict = restoredVerdict(jsonField(state, 'verdict'));
  if (!boundedText(markdown) || !boundedText(json) || !verdict || (inference !== undefined && typeof inference !== 'boolean')) return undefined;
  const rendered = redactAll({ markdown, json, verdict }, secrets);
  if (!reportDocument(rendered.json)) return undefined;
  return savedReportView(rendered, inference);
}

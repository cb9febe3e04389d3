// Validation of a Statuspage summary.json document into a StatusSnapshot.
// The document is untrusted: unknown enum values become `unknown`, malformed
// entries are skipped with a warning, text is trimmed and bounded.
import { english, type Translate } from '../l10n';
import { parseJsonBounded, previewJson, type JsonBounds } from '../json/bounded';
import { cleanText } from '../text/clean';
import { parseRfc3339 } from '../time/instant';
import {
  COMPONENT_STATUSES,
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  INDICATORS,
  MAINTENANCE_STATUSES,
  type ComponentStatus,
  type IncidentStatus,
  type Indicator,
  type MaintenanceStatus,
  type StatusComponent,
  type StatusPageErrorKind,
  type StatusIncident,
  type StatusMaintenance,
  type StatusSnapshot,
  type StatusUpdate,
} from './types';

export { cleanText };

export type SummaryParse =
  | { ok: true; snapshot: StatusSnapshot }
  | { ok: false; kind: Extract<StatusPageErrorKind, 'too_large' | 'invalid_json' | 'unrecognised'>; message: string };

const MAX_ITEMS = 200;
const MAX_NAME = 200;
const MAX_BODY = 1000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A real summary.json nests five levels (incident, update, affected component); anything near this is not one. */
export const SUMMARY_JSON_BOUNDS: JsonBounds = { maxDepth: 32, maxBytes: 4 * 1024 * 1024 };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | 'unknown' {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : 'unknown';
}

/** Statuspage writes RFC 3339 with an offset; anything else ("Incident 1", 30 February) is no time at all. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const at = parseRfc3339(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** Only http(s) links survive: a `command:` or `javascript:` link from the network must never render. */
export function safeLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function listOf(value: unknown, what: string, warnings: string[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.push(`${what} is not a list; ignored.`);
    return [];
  }
  if (value.length > MAX_ITEMS) warnings.push(`${what} has ${value.length} entries; only the first ${MAX_ITEMS} are kept.`);
  return value.slice(0, MAX_ITEMS);
}

function componentIdsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const item of value.slice(0, MAX_ITEMS)) {
    const id = isObject(item) ? item.id ?? item.code : undefined;
    if (typeof id === 'string' && ID.test(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function latestUpdateOf(value: unknown): StatusUpdate | undefined {
  if (!Array.isArray(value)) return undefined;
  let latest: { update: StatusUpdate; at: number } | undefined;
  for (const item of value.slice(0, MAX_ITEMS)) {
    if (!isObject(item)) continue;
    const body = cleanText(item.body, MAX_BODY);
    if (body === undefined) continue;
    const createdAt = isoTime(item.display_at) ?? isoTime(item.created_at);
    const at = createdAt ? Date.parse(createdAt) : -Infinity;
    const update: StatusUpdate = { status: cleanText(item.status, 40) ?? 'unknown', body };
    if (createdAt) update.createdAt = createdAt;
    if (!latest || at > latest.at) latest = { update, at };
  }
  return latest?.update;
}

function parseComponent(value: unknown, index: number, warnings: string[]): StatusComponent | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || !ID.test(value.id)) {
    warnings.push(`components[${index}] has no usable id; skipped.`);
    return undefined;
  }
  if (value.group === true) return undefined;
  const status: ComponentStatus = oneOf(value.status, COMPONENT_STATUSES);
  if (status === 'unknown') warnings.push(`component ${value.id} has an unknown status; shown as unknown.`);
  return { id: value.id, name: cleanText(value.name, MAX_NAME) ?? value.id, status };
}

function parseIncident(value: unknown, index: number, warnings: string[]): StatusIncident | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || !ID.test(value.id)) {
    warnings.push(`incidents[${index}] has no usable id; skipped.`);
    return undefined;
  }
  const status: IncidentStatus = oneOf(value.status, INCIDENT_STATUSES);
  if (status === 'resolved' || status === 'postmortem') return undefined;
  const incident: StatusIncident = {
    id: value.id,
    name: cleanText(value.name, MAX_NAME) ?? 'Unnamed incident',
    status,
    impact: oneOf(value.impact, INCIDENT_IMPACTS),
    componentIds: componentIdsOf(value.components),
  };
  const createdAt = isoTime(value.created_at);
  if (createdAt) incident.createdAt = createdAt;
  const updatedAt = isoTime(value.updated_at);
  if (updatedAt) incident.updatedAt = updatedAt;
  const url = safeLink(value.shortlink);
  if (url) incident.url = url;
  const latestUpdate = latestUpdateOf(value.incident_updates);
  if (latestUpdate) incident.latestUpdate = latestUpdate;
  return incident;
}

function parseMaintenance(value: unknown, index: number, warnings: string[]): StatusMaintenance | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || !ID.test(value.id)) {
    warnings.push(`scheduled_maintenances[${index}] has no usable id; skipped.`);
    return undefined;
  }
  const status: MaintenanceStatus = oneOf(value.status, MAINTENANCE_STATUSES);
  if (status === 'completed') return undefined;
  const maintenance: StatusMaintenance = {
    id: value.id,
    name: cleanText(value.name, MAX_NAME) ?? 'Unnamed maintenance',
    status,
    impact: oneOf(value.impact, INCIDENT_IMPACTS),
    componentIds: componentIdsOf(value.components),
    active: status === 'in_progress' || status === 'verifying',
  };
  const scheduledFor = isoTime(value.scheduled_for);
  if (scheduledFor) maintenance.scheduledFor = scheduledFor;
  const scheduledUntil = isoTime(value.scheduled_until);
  if (scheduledUntil) maintenance.scheduledUntil = scheduledUntil;
  const updatedAt = isoTime(value.updated_at);
  if (updatedAt) maintenance.updatedAt = updatedAt;
  const url = safeLink(value.shortlink);
  if (url) maintenance.url = url;
  const latestUpdate = latestUpdateOf(value.incident_updates);
  if (latestUpdate) maintenance.latestUpdate = latestUpdate;
  return maintenance;
}

function collect<T>(items: unknown[], parse: (item: unknown, index: number, warnings: string[]) => T | undefined, warnings: string[]): T[] {
  const out: T[] = [];
  items.forEach((item, index) => {
    const parsed = parse(item, index, warnings);
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
}

/** A page that lists one id twice would count its status twice; the first entry wins. */
function uniqueById<T extends { id: string }>(items: T[], what: string, warnings: string[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (!seen.has(item.id)) return seen.add(item.id);
    warnings.push(`${what} ${item.id} is listed more than once; the first entry is kept.`);
    return false;
  });
}

/**
 * Reads the text of a summary.json: refused before parsing when it is larger
 * or nested deeper than any Statuspage answer, then validated by parseSummary.
 */
export function parseSummaryText(text: string, fetchedAt: number, bounds: JsonBounds = SUMMARY_JSON_BOUNDS, t: Translate = english): SummaryParse {
  const parsed = parseJsonBounded(text, bounds);
  if (parsed.ok) return parseSummary(parsed.value, fetchedAt, t);
  switch (parsed.reason) {
    case 'too_large':
      return { ok: false, kind: 'too_large', message: t`the status page answer is larger than ${Math.round(bounds.maxBytes / 1024)} kB` };
    case 'too_deep':
      return { ok: false, kind: 'unrecognised', message: t`the status page answer is nested deeper than ${bounds.maxDepth} levels; a Statuspage summary is not` };
    case 'invalid':
      return {
        ok: false,
        kind: 'invalid_json',
        message: text.trim() === '' ? t`an empty answer instead of JSON` : t`malformed JSON (${Buffer.byteLength(text, 'utf8')} bytes; truncated?)`,
      };
  }
}

/**
 * Validates a parsed summary.json (or status.json: components and incidents
 * are optional). Fails only when nothing in it looks like a Statuspage answer.
 */
export function parseSummary(document: unknown, fetchedAt: number, t: Translate = english): SummaryParse {
  if (!isObject(document)) return { ok: false, kind: 'unrecognised', message: t`the status page answer is not a JSON object` };
  const hasStatus = isObject(document.status);
  const hasComponents = Array.isArray(document.components);
  if (!hasStatus && !hasComponents) {
    return { ok: false, kind: 'unrecognised', message: t`the status page answer has neither "status" nor "components"; is statusPageUrl a Statuspage summary.json?` };
  }
  const warnings: string[] = [];
  const status = hasStatus ? (document.status as Json) : {};
  const indicator: Indicator = oneOf(status.indicator, INDICATORS);
  if (indicator === 'unknown') {
    warnings.push(hasStatus ? `status.indicator ${describe(status.indicator)} is not one we know; shown as unknown.` : 'no status.indicator; shown as unknown.');
  }
  const components = uniqueById(collect(listOf(document.components, 'components', warnings), parseComponent, warnings), 'component', warnings);
  const incidents = uniqueById(collect(listOf(document.incidents, 'incidents', warnings), parseIncident, warnings), 'incident', warnings);
  const maintenances = uniqueById(
    collect(listOf(document.scheduled_maintenances, 'scheduled_maintenances', warnings), parseMaintenance, warnings),
    'maintenance',
    warnings,
  );
  const snapshot: StatusSnapshot = {
    indicator,
    description: cleanText(status.description, MAX_NAME) ?? describeIndicator(indicator),
    components,
    incidents,
    maintenances,
    fetchedAt,
    warnings,
  };
  const page = isObject(document.page) ? document.page : undefined;
  const pageUpdatedAt = isoTime(page?.updated_at);
  if (pageUpdatedAt) snapshot.pageUpdatedAt = pageUpdatedAt;
  return { ok: true, snapshot };
}

export function describeIndicator(indicator: Indicator): string {
  switch (indicator) {
    case 'none':
      return 'All Systems Operational';
    case 'minor':
      return 'Minor Service Outage';
    case 'major':
      return 'Partial System Outage';
    case 'critical':
      return 'Major Service Outage';
    case 'maintenance':
      return 'Service Under Maintenance';
    case 'unknown':
      return 'Status unknown';
  }
}

/** A short preview of an unexpected value; never recursive, whatever its depth. */
function describe(value: unknown): string {
  return previewJson(value, 40);
}

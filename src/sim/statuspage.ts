// The status-page half: Atlassian Statuspage v2 JSON, with the real page id,
// component ids and field names, showing whichever phase the page admits to.
import { createHash } from 'node:crypto';
import { SIM_COMPONENTS, STATUS_PAGE_ID, STATUS_PAGE_NAME } from './components';
import { type ComponentStatus, type Indicator, type Scenario, type StatusPageSpec } from './scenario';
import { type TimelinePosition } from './timeline';

// A Map like every name table in the simulator: names reach it from scenario files.
const DEFAULT_DESCRIPTIONS: ReadonlyMap<Indicator, string> = new Map([
  ['none', 'All Systems Operational'],
  ['minor', 'Partially Degraded Service'],
  ['major', 'Partial System Outage'],
  ['critical', 'Major System Outage'],
  ['maintenance', 'Service Under Maintenance'],
]);

export interface StatusPageDocuments {
  spec: StatusPageSpec;
  updatedAtMs: number;
  summary: object;
  status: object;
  components: object;
  unresolvedIncidents: object;
  upcomingMaintenances: object;
  activeMaintenances: object;
  allMaintenances: object;
}

/** Statuspage-style 12-character ids, stable for a given scenario and phase. */
function stableId(...parts: (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('/')).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[digest[i]! % alphabet.length];
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function buildStatusPage(scenario: Scenario, position: TimelinePosition, startedAtEpochMs: number, baseUrl: string): StatusPageDocuments {
  const { phase, index, shownSinceMs } = position.statusPage;
  const spec = phase.statusPage;
  const since = startedAtEpochMs + shownSinceMs;
  const page = { id: STATUS_PAGE_ID, name: STATUS_PAGE_NAME, url: baseUrl, time_zone: 'Etc/UTC', updated_at: iso(since) };

  const components = SIM_COMPONENTS.map((component) => {
    const status: ComponentStatus = spec.components?.[component.id] ?? 'operational';
    return {
      id: component.id,
      name: component.name,
      status,
      created_at: '2023-07-11T17:43:48.000Z',
      updated_at: iso(status === 'operational' ? startedAtEpochMs : since),
      position: component.position,
      description: component.description,
      showcase: true,
      start_date: '2023-07-11',
      group_id: null,
      page_id: STATUS_PAGE_ID,
      group: false,
      only_show_if_degraded: false,
    };
  });
  const affected = components.filter((c) => c.status !== 'operational');
  const affectedUpdates = affected.map((c) => ({ code: c.id, name: c.name, old_status: 'operational', new_status: c.status }));

  // Incidents and maintenances share Statuspage's incident shape; maintenances add their schedule.
  const incidentShaped = (kind: string, i: number, entry: { name: string; status: string; body: string }, impact: string, createdAt: number, startedAt: number) => {
    const id = stableId(scenario.name, index, kind, i);
    return {
      id,
      name: entry.name,
      status: entry.status,
      created_at: iso(createdAt),
      updated_at: iso(since),
      monitoring_at: entry.status === 'monitoring' ? iso(since) : null,
      resolved_at: null,
      impact,
      shortlink: `${baseUrl}/incidents/${id}`,
      started_at: iso(startedAt),
      page_id: STATUS_PAGE_ID,
      incident_updates: [
        {
          id: stableId(scenario.name, index, `${kind}-update`, i),
          status: entry.status,
          body: entry.body,
          incident_id: id,
          created_at: iso(since),
          updated_at: iso(since),
          display_at: iso(since),
          affected_components: affectedUpdates,
          deliver_notifications: true,
        },
      ],
      components: affected,
    };
  };

  const incidents = (spec.incidents ?? []).map((incident, i) => incidentShaped('incident', i, incident, incident.impact, since, since));
  const maintenances = (spec.maintenances ?? []).map((maintenance, i) => {
    const from = since + maintenance.startsInMinutes * 60_000;
    return {
      ...incidentShaped('maintenance', i, maintenance, 'maintenance', Math.min(since, from), from),
      scheduled_for: iso(from),
      scheduled_until: iso(from + maintenance.durationMinutes * 60_000),
    };
  });

  const status = { indicator: spec.indicator, description: spec.description ?? DEFAULT_DESCRIPTIONS.get(spec.indicator) ?? '' };
  return {
    spec,
    updatedAtMs: since,
    summary: { page, components, incidents, scheduled_maintenances: maintenances, status },
    status: { page, status },
    components: { page, components },
    unresolvedIncidents: { page, incidents },
    upcomingMaintenances: { page, scheduled_maintenances: maintenances.filter((m) => m.status === 'scheduled') },
    activeMaintenances: { page, scheduled_maintenances: maintenances.filter((m) => m.status === 'in_progress') },
    allMaintenances: { page, scheduled_maintenances: maintenances },
  };
}

/** Which document a status-page path asks for, or undefined when it is not one. */
/** Every path statusPageDocumentFor answers. */
export const STATUS_PAGE_PATHS: ReadonlySet<string> = new Set([
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/incidents.json',
  '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
  '/api/v2/scheduled-maintenances.json',
]);

export function statusPageDocumentFor(pathname: string, docs: StatusPageDocuments): object | undefined {
  switch (pathname) {
    case '/api/v2/summary.json':
      return docs.summary;
    case '/api/v2/status.json':
      return docs.status;
    case '/api/v2/components.json':
      return docs.components;
    case '/api/v2/incidents/unresolved.json':
    case '/api/v2/incidents.json':
      return docs.unresolvedIncidents;
    case '/api/v2/scheduled-maintenances/upcoming.json':
      return docs.upcomingMaintenances;
    case '/api/v2/scheduled-maintenances/active.json':
      return docs.activeMaintenances;
    case '/api/v2/scheduled-maintenances.json':
      return docs.allMaintenances;
    default:
      return undefined;
  }
}

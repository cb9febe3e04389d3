// What the status page says about the components we watch, as a state and a
// sentence. Components are matched by id; when none of the watched ones is on
// the page, the page-wide indicator decides.
import { english, type Translate } from '../l10n';
import type { ComponentStatus, Indicator, StatusComponent, StatusIncident, StatusMaintenance, StatusPageError, StatusSnapshot } from './types';

export type PageState = 'operational' | 'degraded' | 'outage' | 'maintenance' | 'unknown';

export interface PageVerdict {
  state: PageState;
  /** e.g. "status page: Claude API partial outage (Elevated errors on Claude API)". */
  reason: string;
  watched: StatusComponent[];
  /** Unresolved incidents that touch a watched component, or all when the page does not say which. */
  incidents: StatusIncident[];
  /** Maintenance in progress or scheduled that touches a watched component. */
  maintenances: StatusMaintenance[];
}

function componentWords(t: Translate): Record<ComponentStatus, string> {
  return {
    operational: t`operational`,
    degraded_performance: t`degraded performance`,
    partial_outage: t`partial outage`,
    major_outage: t`major outage`,
    under_maintenance: t`under maintenance`,
    unknown: t`status unknown`,
  };
}

export function describeComponentStatus(status: ComponentStatus, t: Translate = english): string {
  return componentWords(t)[status];
}

function stateOfComponent(status: ComponentStatus): PageState {
  switch (status) {
    case 'operational':
      return 'operational';
    case 'degraded_performance':
    case 'partial_outage':
      return 'degraded';
    case 'major_outage':
      return 'outage';
    case 'under_maintenance':
      return 'maintenance';
    case 'unknown':
      return 'unknown';
  }
}

function stateOfIndicator(indicator: Indicator): PageState {
  switch (indicator) {
    case 'none':
      return 'operational';
    case 'minor':
    case 'major':
      return 'degraded';
    case 'critical':
      return 'outage';
    case 'maintenance':
      return 'maintenance';
    case 'unknown':
      return 'unknown';
  }
}

const SEVERITY: Record<PageState, number> = { unknown: 0, operational: 1, degraded: 2, maintenance: 3, outage: 4 };

export function worsePageState(a: PageState, b: PageState): PageState {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

function touches(componentIds: readonly string[], watched: readonly string[]): boolean {
  return componentIds.length === 0 || componentIds.some((id) => watched.includes(id));
}

const LISTED = 3;

/** At most a few names, so a page with many unwell components still gives one readable line. */
function listed(names: readonly string[], t: Translate): string {
  const shown = names.slice(0, LISTED).join(t`, `);
  return names.length > LISTED ? t`${shown} and ${names.length - LISTED} more` : shown;
}

export function pageVerdict(
  snapshot: StatusSnapshot | undefined,
  lastError: StatusPageError | undefined,
  watchedIds: readonly string[],
  t: Translate = english,
): PageVerdict {
  if (lastError || !snapshot) {
    return {
      state: 'unknown',
      reason: lastError ? t`status page unreadable: ${lastError.message}` : t`status page not read yet`,
      watched: snapshot ? snapshot.components.filter((c) => watchedIds.includes(c.id)) : [],
      incidents: snapshot?.incidents ?? [],
      maintenances: snapshot?.maintenances ?? [],
    };
  }
  const watched = snapshot.components.filter((component) => watchedIds.includes(component.id));
  const incidents = snapshot.incidents.filter((incident) => touches(incident.componentIds, watchedIds));
  const maintenances = snapshot.maintenances.filter((m) => touches(m.componentIds, watchedIds));
  // A component whose status we could not read says nothing: it must not make
  // the verdict operational, nor hide what the page-wide indicator says.
  const known = watched.filter((c) => c.status !== 'unknown');
  let state: PageState;
  let what: string;
  if (known.length > 0) {
    state = known.map((c) => stateOfComponent(c.status)).reduce(worsePageState, 'operational');
    const unwell = known.filter((c) => c.status !== 'operational');
    what = unwell.length === 0 ? t`operational` : listed(unwell.map((c) => `${c.name} ${describeComponentStatus(c.status, t)}`), t);
    const unread = watched.filter((c) => c.status === 'unknown');
    if (unread.length > 0) what = t`${what}; ${listed(unread.map((c) => c.name), t)} status unknown`;
  } else {
    state = stateOfIndicator(snapshot.indicator);
    const why = watched.length > 0 ? t`${listed(watched.map((c) => c.name), t)} status unknown` : t`watched components not on the page`;
    what = `${snapshot.description} (${why})`;
  }
  if (state !== 'outage' && state !== 'maintenance' && maintenances.some((m) => m.active)) {
    state = 'maintenance';
    what = t`${what}; maintenance in progress`;
  }
  const named = state === 'operational' ? [] : [...incidents, ...maintenances.filter((m) => m.active)].map((item) => item.name);
  const suffix = named.length ? ` (${named.slice(0, 2).join('; ')}${named.length > 2 ? '; …' : ''})` : '';
  return { state, reason: t`status page: ${what}${suffix}`, watched, incidents, maintenances };
}

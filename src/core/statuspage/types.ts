// The typed view of an Atlassian Statuspage summary that the rest of the core
// uses. Every string in it came from the network: views escape it.

export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
/** `unknown`: the page could not be read, or said something we do not recognise. */
export type Indicator = (typeof INDICATORS)[number] | 'unknown';

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number] | 'unknown';

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number] | 'unknown';

export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number] | 'unknown';

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number] | 'unknown';

export interface StatusComponent {
  id: string;
  name: string;
  status: ComponentStatus;
}

export interface StatusUpdate {
  status: string;
  body: string;
  /** ISO 8601 */
  createdAt?: string;
}

export interface StatusIncident {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  /** ISO 8601 */
  createdAt?: string;
  /** ISO 8601 */
  updatedAt?: string;
  /** http(s) only; anything else is dropped. */
  url?: string;
  latestUpdate?: StatusUpdate;
  componentIds: string[];
}

export interface StatusMaintenance {
  id: string;
  name: string;
  status: MaintenanceStatus;
  impact: IncidentImpact;
  /** ISO 8601 */
  scheduledFor?: string;
  /** ISO 8601 */
  scheduledUntil?: string;
  /** ISO 8601 */
  updatedAt?: string;
  url?: string;
  latestUpdate?: StatusUpdate;
  componentIds: string[];
  /** In progress or being verified now. */
  active: boolean;
}

export interface StatusSnapshot {
  indicator: Indicator;
  description: string;
  components: StatusComponent[];
  /** Unresolved only. */
  incidents: StatusIncident[];
  /** Scheduled, in progress or verifying; completed ones are dropped. */
  maintenances: StatusMaintenance[];
  /** When we read it (ms epoch, our clock). */
  fetchedAt: number;
  /** What the page claims as its own update time (ISO 8601). */
  pageUpdatedAt?: string;
  /** Parts of the document that were not understood and were skipped. */
  warnings: string[];
}

export type StatusPageErrorKind =
  | 'network' // DNS, TCP, TLS, proxy
  | 'timeout'
  | 'http_status' // any status but 200/304
  | 'too_large'
  | 'not_json' // e.g. an HTML error page with 200
  | 'invalid_json' // malformed or truncated
  | 'unrecognised'; // JSON, but not a Statuspage summary

export interface StatusPageError {
  kind: StatusPageErrorKind;
  /** One sentence, safe to show. */
  message: string;
  httpStatus?: number;
  /** Network error code (ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
  code?: string;
}

/** Conditional-request validators remembered from the last fresh answer. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

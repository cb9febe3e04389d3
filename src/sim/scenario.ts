// The simulator's scenario model: a timeline of phases that drives both the API
// half (which faults, how often, how slow) and the status-page half (what it
// admits, and how late). Scenario files are JSON of this shape, validated by
// parseScenario with errors that name the offending path.
import { parseCapacity, type CapacitySpec } from './capacity';

export const FAULT_KINDS = [
  'ok',
  'overloaded', // 529 overloaded_error
  'rate_limited', // 429 rate_limit_error with retry-after
  'rate_limited_no_retry_after', // 429 without retry-after (as in early 2024)
  'spend_limit', // 429 with error.details.error_code enforced_spend_limit_reached, no retry-after
  'server_error', // 500 api_error
  'bad_gateway_html', // 502 with an HTML body, as a CDN sends it
  'service_unavailable_empty', // 503 with no body at all, as a proxy sends it
  'gateway_timeout', // 504 timeout_error
  'stream_overloaded', // streams: 200, then an `event: error` overloaded_error; non-streams: 529
  'reset', // connection reset part-way through the body
  'hang', // never answers; the client's timeout ends it
  'bad_request', // 400 invalid_request_error
  'unauthorized', // 401 authentication_error
  'forbidden', // 403 permission_error
  'not_found', // 404 not_found_error
  'request_too_large', // 413 request_too_large
  'conflict', // 409 conflict_error
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How a fault answers, beyond its kind. Every field is optional. */
export interface FaultOptions {
  /** `retry-after` in seconds (integer) for 429s; default 1 for rate_limited. */
  retryAfterSeconds?: number;
  /** `retry-after-ms`, sent in addition when set. */
  retryAfterMs?: number;
  /** Overrides `x-should-retry` (true/false); null leaves the header out. */
  shouldRetry?: boolean | null;
  /** stream_overloaded: fail before the first content event, or after some content. */
  streamStage?: 'before_content' | 'after_content';
  /** Extra delay before answering, in milliseconds. */
  latencyMs?: number;
}

/** A fault in a phase's mix: drawn with this probability per matching request. */
export interface FaultRule extends FaultOptions {
  kind: FaultKind;
  probability: number;
  /** API paths it applies to, matched exactly (e.g. "/v1/messages"); default every API path. */
  paths?: string[];
  /** Models it applies to (requests that name a model); default all. */
  models?: string[];
}

/** A scripted answer, consumed in order by the next matching API request, before the scenario's mix. */
export interface ScriptedFault extends FaultOptions {
  kind: FaultKind;
  paths?: string[];
  models?: string[];
  /** How many matching requests it answers; default 1. */
  times?: number;
}

export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export interface IncidentSpec {
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  body: string;
}

export interface MaintenanceSpec {
  name: string;
  /** in_progress shows as active; scheduled shows as upcoming. */
  status: 'scheduled' | 'in_progress';
  body: string;
  /** Minutes from the phase start (negative: already started). */
  startsInMinutes: number;
  durationMinutes: number;
}

export const STATUS_PAGE_FAULTS = ['html_error', 'malformed_json', 'hang'] as const;
export type StatusPageFault = (typeof STATUS_PAGE_FAULTS)[number];

export interface StatusPageSpec {
  indicator: Indicator;
  description?: string;
  /** Component id -> status; components not named are operational. */
  components?: Record<string, ComponentStatus>;
  incidents?: IncidentSpec[];
  maintenances?: MaintenanceSpec[];
  /** The status page itself misbehaves. */
  fault?: StatusPageFault;
}

export interface Phase {
  name: string;
  /** Seconds; omitted or null on the last phase means "forever". */
  durationSeconds?: number | null;
  faults?: FaultRule[];
  /** Added latency: a fixed number of ms, or a uniform range. */
  latencyMs?: number | { min: number; max: number };
  statusPage: StatusPageSpec;
  /** Seconds after this phase starts before the status page admits it (default: the scenario's). */
  statusPageLagSeconds?: number;
  /** The API's capacity during this phase (default: the scenario's); see capacity.ts. */
  capacity?: CapacitySpec;
}

export interface RateLimits {
  requestsPerMinute: number;
  inputTokensPerMinute: number;
  outputTokensPerMinute: number;
}

export interface Scenario {
  name: string;
  description: string;
  phases: Phase[];
  /** Restart from the first phase after the last one ends (the last needs a duration). */
  loop?: boolean;
  statusPageLagSeconds?: number;
  rateLimits?: Partial<RateLimits>;
  /** Seed of the random draws, so a run is repeatable. */
  seed?: number;
  /** The API's capacity in every phase that sets none; see capacity.ts. */
  capacity?: CapacitySpec;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  requestsPerMinute: 4000,
  inputTokensPerMinute: 2_000_000,
  outputTokensPerMinute: 400_000,
};

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new ScenarioError(`${path}: ${message}`);
}

function requireString(value: Json, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'must be a non-empty string');
  return value;
}

function requireText(value: Json, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

function requireNumber(value: Json, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(path, `must be a number from ${min} to ${max}`);
  }
  return value;
}

function requireOneOf<T extends string>(value: Json, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function optionalStringList(value: Json, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(path, 'must be a list of strings');
  return value.map((item, i) => requireString(item, `${path}[${i}]`));
}

/** A key as it appears in an error path: plain names as `.name`, anything else quoted, escaped and shortened. */
export function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}...` : key)}]`;
}

function rejectUnknownKeys(value: Record<string, Json>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(keyPath(path, key), `is not a known field (known: ${allowed.join(', ')})`);
  }
}

/** Keys that reach an object's prototype when copied or looked up; never meaningful in a scenario. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Scenarios are a few levels deep; anything deeper is not a scenario, and walking it costs stack or time. */
const MAX_JSON_DEPTH = 32;

/**
 * Refuses prototype keys and absurd nesting anywhere in a JSON value, before any field is read.
 * Iterative, so hostile nesting costs neither stack nor more than one visit per value.
 */
export function rejectHostileJson(value: Json, path: string): void {
  const pending: { value: Json; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth > MAX_JSON_DEPTH) fail(item.path, `is nested more than ${MAX_JSON_DEPTH} levels deep`);
    if (Array.isArray(item.value)) {
      item.value.forEach((child: Json, i) => pending.push({ value: child, path: `${item.path}[${i}]`, depth: item.depth + 1 }));
      continue;
    }
    for (const key of Object.keys(item.value)) {
      const childPath = keyPath(item.path, key);
      if (PROTOTYPE_KEYS.has(key)) fail(childPath, 'is not allowed (a prototype key)');
      pending.push({ value: (item.value as Record<string, Json>)[key], path: childPath, depth: item.depth + 1 });
    }
  }
}

const FAULT_OPTION_KEYS = ['retryAfterSeconds', 'retryAfterMs', 'shouldRetry', 'streamStage', 'latencyMs'] as const;

export function parseFaultOptions(value: Record<string, Json>, path: string): FaultOptions {
  const options: FaultOptions = {};
  if (value.retryAfterSeconds !== undefined) {
    options.retryAfterSeconds = Math.round(requireNumber(value.retryAfterSeconds, `${path}.retryAfterSeconds`, 0, 86_400));
  }
  if (value.retryAfterMs !== undefined) options.retryAfterMs = requireNumber(value.retryAfterMs, `${path}.retryAfterMs`, 0, 86_400_000);
  if (value.shouldRetry !== undefined) {
    if (value.shouldRetry !== null && typeof value.shouldRetry !== 'boolean') fail(`${path}.shouldRetry`, 'must be true, false or null');
    options.shouldRetry = value.shouldRetry;
  }
  if (value.streamStage !== undefined) {
    options.streamStage = requireOneOf(value.streamStage, `${path}.streamStage`, ['before_content', 'after_content'] as const);
  }
  if (value.latencyMs !== undefined) options.latencyMs = requireNumber(value.latencyMs, `${path}.latencyMs`, 0, 600_000);
  return options;
}

function parseFaultRule(value: Json, path: string): FaultRule {
  if (!isObject(value)) fail(path, 'must be an object like {"kind": "overloaded", "probability": 0.5}');
  rejectUnknownKeys(value, path, ['kind', 'probability', 'paths', 'models', ...FAULT_OPTION_KEYS]);
  const rule: FaultRule = {
    kind: requireOneOf(value.kind, `${path}.kind`, FAULT_KINDS),
    probability: requireNumber(value.probability, `${path}.probability`, 0, 1),
    ...parseFaultOptions(value, path),
  };
  const paths = optionalStringList(value.paths, `${path}.paths`);
  if (paths) rule.paths = paths;
  const models = optionalStringList(value.models, `${path}.models`);
  if (models) rule.models = models;
  return rule;
}

export function parseScriptedFault(value: Json, path: string): ScriptedFault {
  rejectHostileJson(value, path);
  if (!isObject(value)) fail(path, 'must be an object like {"kind": "overloaded", "times": 2}');
  rejectUnknownKeys(value, path, ['kind', 'paths', 'models', 'times', ...FAULT_OPTION_KEYS]);
  const scripted: ScriptedFault = { kind: requireOneOf(value.kind, `${path}.kind`, FAULT_KINDS), ...parseFaultOptions(value, path) };
  const paths = optionalStringList(value.paths, `${path}.paths`);
  if (paths) scripted.paths = paths;
  const models = optionalStringList(value.models, `${path}.models`);
  if (models) scripted.models = models;
  if (value.times !== undefined) scripted.times = Math.round(requireNumber(value.times, `${path}.times`, 1, 1_000_000));
  return scripted;
}

function parseIncident(value: Json, path: string): IncidentSpec {
  if (!isObject(value)) fail(path, 'must be an object');
  rejectUnknownKeys(value, path, ['name', 'status', 'impact', 'body']);
  return {
    name: requireString(value.name, `${path}.name`),
    status: requireOneOf(value.status, `${path}.status`, INCIDENT_STATUSES),
    impact: requireOneOf(value.impact, `${path}.impact`, INCIDENT_IMPACTS),
    body: requireString(value.body, `${path}.body`),
  };
}

function parseMaintenance(value: Json, path: string): MaintenanceSpec {
  if (!isObject(value)) fail(path, 'must be an object');
  rejectUnknownKeys(value, path, ['name', 'status', 'body', 'startsInMinutes', 'durationMinutes']);
  return {
    name: requireString(value.name, `${path}.name`),
    status: requireOneOf(value.status, `${path}.status`, ['scheduled', 'in_progress'] as const),
    body: requireString(value.body, `${path}.body`),
    startsInMinutes: requireNumber(value.startsInMinutes, `${path}.startsInMinutes`, -10_080, 525_600),
    durationMinutes: requireNumber(value.durationMinutes, `${path}.durationMinutes`, 1, 525_600),
  };
}

function parseStatusPage(value: Json, path: string): StatusPageSpec {
  if (!isObject(value)) fail(path, 'must be an object like {"indicator": "none"}');
  rejectUnknownKeys(value, path, ['indicator', 'description', 'components', 'incidents', 'maintenances', 'fault']);
  const spec: StatusPageSpec = { indicator: requireOneOf(value.indicator, `${path}.indicator`, INDICATORS) };
  if (value.description !== undefined) spec.description = requireString(value.description, `${path}.description`);
  if (value.components !== undefined) {
    if (!isObject(value.components)) fail(`${path}.components`, 'must map component ids to statuses');
    spec.components = {};
    for (const [id, status] of Object.entries(value.components)) {
      spec.components[id] = requireOneOf(status, keyPath(`${path}.components`, id), COMPONENT_STATUSES);
    }
  }
  if (value.incidents !== undefined) {
    if (!Array.isArray(value.incidents)) fail(`${path}.incidents`, 'must be a list');
    spec.incidents = value.incidents.map((item, i) => parseIncident(item, `${path}.incidents[${i}]`));
  }
  if (value.maintenances !== undefined) {
    if (!Array.isArray(value.maintenances)) fail(`${path}.maintenances`, 'must be a list');
    spec.maintenances = value.maintenances.map((item, i) => parseMaintenance(item, `${path}.maintenances[${i}]`));
  }
  if (value.fault !== undefined) spec.fault = requireOneOf(value.fault, `${path}.fault`, STATUS_PAGE_FAULTS);
  return spec;
}

function parseLatency(value: Json, path: string): Phase['latencyMs'] {
  if (typeof value === 'number') return requireNumber(value, path, 0, 600_000);
  if (!isObject(value)) fail(path, 'must be a number of ms or {"min": ms, "max": ms}');
  rejectUnknownKeys(value, path, ['min', 'max']);
  const min = requireNumber(value.min, `${path}.min`, 0, 600_000);
  const max = requireNumber(value.max, `${path}.max`, min, 600_000);
  return { min, max };
}

function parsePhase(value: Json, path: string, isLast: boolean, loops: boolean): Phase {
  if (!isObject(value)) fail(path, 'must be an object');
  rejectUnknownKeys(value, path, ['name', 'durationSeconds', 'faults', 'latencyMs', 'statusPage', 'statusPageLagSeconds', 'capacity']);
  const phase: Phase = {
    name: requireString(value.name, `${path}.name`),
    statusPage: parseStatusPage(value.statusPage, `${path}.statusPage`),
  };
  if (value.durationSeconds === undefined || value.durationSeconds === null) {
    if (!isLast || loops) fail(`${path}.durationSeconds`, 'is required on every phase but the last of a scenario that does not loop');
    phase.durationSeconds = null;
  } else {
    phase.durationSeconds = requireNumber(value.durationSeconds, `${path}.durationSeconds`, 0.001, 31_536_000);
  }
  if (value.faults !== undefined) {
    if (!Array.isArray(value.faults)) fail(`${path}.faults`, 'must be a list');
    phase.faults = value.faults.map((item, i) => parseFaultRule(item, `${path}.faults[${i}]`));
    const total = phase.faults.reduce((sum, rule) => sum + rule.probability, 0);
    if (total > 1.000001) fail(`${path}.faults`, `probabilities add up to ${total.toFixed(3)}, more than 1`);
  }
  if (value.latencyMs !== undefined) phase.latencyMs = parseLatency(value.latencyMs, `${path}.latencyMs`);
  if (value.statusPageLagSeconds !== undefined) {
    phase.statusPageLagSeconds = requireNumber(value.statusPageLagSeconds, `${path}.statusPageLagSeconds`, 0, 86_400);
  }
  if (value.capacity !== undefined) phase.capacity = parseCapacity(value.capacity, `${path}.capacity`, fail);
  return phase;
}

/** Validates a parsed JSON value as a scenario. Throws ScenarioError naming the bad field. */
export function parseScenario(value: Json, path = 'scenario'): Scenario {
  rejectHostileJson(value, path);
  if (!isObject(value)) fail(path, 'must be a JSON object with "name" and "phases"');
  rejectUnknownKeys(value, path, ['name', 'description', 'phases', 'loop', 'statusPageLagSeconds', 'rateLimits', 'seed', 'capacity']);
  const loop = value.loop === undefined ? false : value.loop;
  if (typeof loop !== 'boolean') fail(`${path}.loop`, 'must be true or false');
  if (!Array.isArray(value.phases) || value.phases.length === 0) fail(`${path}.phases`, 'must be a non-empty list');
  const phases = value.phases.map((item, i, all) => parsePhase(item, `${path}.phases[${i}]`, i === all.length - 1, loop));
  const scenario: Scenario = {
    name: requireString(value.name, `${path}.name`),
    description: value.description === undefined ? '' : requireText(value.description, `${path}.description`),
    phases,
    loop,
  };
  if (value.statusPageLagSeconds !== undefined) {
    scenario.statusPageLagSeconds = requireNumber(value.statusPageLagSeconds, `${path}.statusPageLagSeconds`, 0, 86_400);
  }
  if (value.rateLimits !== undefined) {
    if (!isObject(value.rateLimits)) fail(`${path}.rateLimits`, 'must be an object');
    rejectUnknownKeys(value.rateLimits, `${path}.rateLimits`, Object.keys(DEFAULT_RATE_LIMITS));
    scenario.rateLimits = {};
    for (const key of Object.keys(DEFAULT_RATE_LIMITS) as (keyof RateLimits)[]) {
      const limit = value.rateLimits[key];
      if (limit !== undefined) scenario.rateLimits[key] = requireNumber(limit, `${path}.rateLimits.${key}`, 1, 1e9);
    }
  }
  if (value.seed !== undefined) scenario.seed = requireNumber(value.seed, `${path}.seed`, 0, 2 ** 32 - 1);
  if (value.capacity !== undefined) scenario.capacity = parseCapacity(value.capacity, `${path}.capacity`, fail);
  return scenario;
}

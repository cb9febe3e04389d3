// What the monitor knows, as Prometheus metrics, through prom-client (the
// ecosystem's library: exposition format, escaping and histograms are its job).
// One registry serves `watch` and `tap`. Every label value comes from a closed
// set or the user's own configuration: no request ids, models outside the
// configured list, or paths, so a scrape stays small however long it runs.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HEALTH_STATES, type HealthState } from '../health';
import type { RateLimitInfo } from '../headers';
import { RATE_LIMIT_BUCKETS } from '../headers';
import { REQUEST_KINDS, REQUEST_SOURCES, type RequestKind, type RequestSource } from '../signals/request-kinds';
import { COMPONENT_STATUSES, type StatusSnapshot } from '../statuspage/types';

/** Resolves 50 ms to 60 s: a healthy probe, a slow first token, a request that timed out. */
export const DURATION_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/** prom-client process metrics left out of the registry (see createHealthMetrics). */
const MISNAMED_PROCESS_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export type MetricType = 'gauge' | 'counter' | 'histogram';

export interface MetricDefinition {
  name: string;
  type: MetricType;
  labels: readonly string[];
  help: string;
}

/** The documented list (README's metrics table); a test keeps the two in step. */
export const METRIC_DEFINITIONS = [
  { name: 'claude_health_state', type: 'gauge', labels: ['state'], help: '1 for the current health state, 0 for the others.' },
  {
    name: 'claude_health_requests_total',
    type: 'counter',
    labels: ['source', 'kind', 'code'],
    help: 'Requests seen, by source (probe, tap, claude-code), kind and HTTP status (none when there was no answer).',
  },
  {
    name: 'claude_health_request_duration_seconds',
    type: 'histogram',
    labels: ['source'],
    help: 'Time until the answer was complete or the request gave up.',
  },
  {
    name: 'claude_health_status_page_component',
    type: 'gauge',
    labels: ['component', 'component_id', 'status'],
    help: '1 for the status the status page gives a watched component, 0 for the others.',
  },
  { name: 'claude_health_status_page_incidents_open', type: 'gauge', labels: [], help: 'Unresolved incidents on the status page.' },
  {
    name: 'claude_health_ratelimit_remaining',
    type: 'gauge',
    labels: ['dimension'],
    help: 'anthropic-ratelimit-*-remaining from the latest answer that carried it.',
  },
  { name: 'claude_health_ratelimit_limit', type: 'gauge', labels: ['dimension'], help: 'anthropic-ratelimit-*-limit from the latest answer that carried it.' },
  { name: 'claude_health_retry_after_seconds', type: 'gauge', labels: [], help: 'The latest retry-after the API sent, in seconds.' },
  {
    name: 'claude_health_last_success_timestamp_seconds',
    type: 'gauge',
    labels: ['source'],
    help: 'When a request from this source last succeeded (Unix seconds).',
  },
] as const satisfies readonly MetricDefinition[];

/** One observed request, whatever its source. */
export interface RequestSample {
  source: RequestSource;
  kind: RequestKind;
  /** HTTP status, when an answer came. */
  httpStatus?: number;
  latencyMs?: number;
  /** ms epoch. */
  at: number;
}

export interface HealthMetrics {
  readonly registry: Registry;
  recordRequest(sample: RequestSample): void;
  setHealth(state: HealthState): void;
  /** `undefined`: the page has not been read (its series are dropped, not zeroed). */
  setStatusPage(snapshot: StatusSnapshot | undefined, watchedComponentIds: readonly string[]): void;
  setRateLimits(info: RateLimitInfo): void;
  setRetryAfter(seconds: number): void;
  /** The exposition text, for /metrics. */
  render(): Promise<string>;
}

export interface HealthMetricsOptions {
  /** prom-client's process metrics (CPU, memory, event loop lag); on by default. */
  processMetrics?: boolean;
}

type Definition = (typeof METRIC_DEFINITIONS)[number];
function definition<N extends Definition['name']>(name: N): Extract<Definition, { name: N }> {
  return METRIC_DEFINITIONS.find((d) => d.name === name) as Extract<Definition, { name: N }>;
}

/** A status the label may carry: a real HTTP status, else `none`. */
export function statusCodeLabel(httpStatus: number | undefined): string {
  return httpStatus !== undefined && Number.isInteger(httpStatus) && httpStatus >= 100 && httpStatus <= 599 ? String(httpStatus) : 'none';
}

export function createHealthMetrics(options: HealthMetricsOptions = {}): HealthMetrics {
  const registry = new Registry();
  const registers = [registry];
  const gauge = (name: Definition['name']) => {
    const d = definition(name);
    return new Gauge({ name: d.name, help: d.help, labelNames: [...d.labels], registers });
  };
  const state = gauge('claude_health_state');
  const requestsDef = definition('claude_health_requests_total');
  const requests = new Counter({ name: requestsDef.name, help: requestsDef.help, labelNames: [...requestsDef.labels], registers });
  const durationDef = definition('claude_health_request_duration_seconds');
  const duration = new Histogram({ name: durationDef.name, help: durationDef.help, labelNames: [...durationDef.labels], buckets: DURATION_BUCKETS_SECONDS, registers });
  const component = gauge('claude_health_status_page_component');
  const incidents = gauge('claude_health_status_page_incidents_open');
  const remaining = gauge('claude_health_ratelimit_remaining');
  const limit = gauge('claude_health_ratelimit_limit');
  const retryAfter = gauge('claude_health_retry_after_seconds');
  const lastSuccess = gauge('claude_health_last_success_timestamp_seconds');
  if (options.processMetrics !== false) {
    collectDefaultMetrics({ register: registry });
    // Gauges named like counters, which `promtool check metrics` rejects; the
    // same counts stay available per type in the series without the suffix.
    for (const name of MISNAMED_PROCESS_GAUGES) registry.removeSingleMetric(name);
  }

  // Every source and kind exists from the start at 0, so a rate() over a quiet
  // period reads 0 rather than "no data", and an alert's ratio has a denominator.
  for (const source of REQUEST_SOURCES) for (const kind of REQUEST_KINDS) requests.inc({ source, kind, code: 'none' }, 0);
  for (const s of HEALTH_STATES) state.set({ state: s }, s === 'unknown' ? 1 : 0);

  return {
    registry,
    recordRequest(sample) {
      requests.inc({ source: sample.source, kind: sample.kind, code: statusCodeLabel(sample.httpStatus) });
      if (sample.latencyMs !== undefined && Number.isFinite(sample.latencyMs) && sample.latencyMs >= 0) {
        duration.observe({ source: sample.source }, sample.latencyMs / 1000);
      }
      if (sample.kind === 'ok') lastSuccess.set({ source: sample.source }, Math.floor(sample.at / 1000));
    },
    setHealth(current) {
      for (const s of HEALTH_STATES) state.set({ state: s }, s === current ? 1 : 0);
    },
    setStatusPage(snapshot, watched) {
      component.reset();
      if (!snapshot) {
        incidents.reset();
        return;
      }
      const watchedSet = new Set(watched);
      for (const c of snapshot.components) {
        if (!watchedSet.has(c.id)) continue;
        for (const status of [...COMPONENT_STATUSES, 'unknown'] as const) {
          component.set({ component: c.name, component_id: c.id, status }, c.status === status ? 1 : 0);
        }
      }
      incidents.set(snapshot.incidents.length);
    },
    setRateLimits(info) {
      for (const [field, dimension] of Object.entries(RATE_LIMIT_BUCKETS) as [keyof RateLimitInfo, string][]) {
        const bucket = info[field];
        const label = { dimension: dimension.replace(/-/g, '_') };
        if (bucket?.remaining !== undefined) remaining.set(label, bucket.remaining);
        if (bucket?.limit !== undefined) limit.set(label, bucket.limit);
      }
    },
    setRetryAfter(seconds) {
      if (Number.isFinite(seconds) && seconds >= 0) retryAfter.set(seconds);
    },
    render: () => registry.metrics(),
  };
}

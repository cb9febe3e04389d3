// The vocabulary every source's requests are counted in: the CLI's `signals`
// and `watch --json`, the Prometheus labels and the history view all use these
// names, so they are a contract (README, docs/prometheus).
import type { ProbeOutcome } from '../probe/types';

export const REQUEST_KINDS = ['ok', 'overloaded', 'rate_limited', 'server_error', 'network', 'auth', 'plan_limit', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Where an observed request came from: our probes, the local tap, Claude Code's transcripts. */
export const REQUEST_SOURCES = ['probe', 'tap', 'claude-code'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

const KIND_OF_PROBE_OUTCOME: Record<ProbeOutcome, RequestKind> = {
  ok: 'ok',
  overloaded: 'overloaded',
  rate_limited: 'rate_limited',
  server_error: 'server_error',
  auth_error: 'auth',
  bad_request: 'other',
  timeout: 'network',
  network_error: 'network',
};

export function requestKindOfProbeOutcome(outcome: ProbeOutcome): RequestKind {
  return KIND_OF_PROBE_OUTCOME[outcome];
}

const PROBE_OUTCOME_OF_KIND: Record<RequestKind, ProbeOutcome> = {
  ok: 'ok',
  overloaded: 'overloaded',
  rate_limited: 'rate_limited',
  server_error: 'server_error',
  network: 'network_error',
  auth: 'auth_error',
  // Never from a probe; the nearest outcome that leaves the probe verdict alone.
  plan_limit: 'bad_request',
  other: 'bad_request',
};

/** A probe row read back from the shared store, as the outcome the probe verdict counts. */
export function probeOutcomeOfKind(kind: RequestKind): ProbeOutcome {
  return PROBE_OUTCOME_OF_KIND[kind];
}

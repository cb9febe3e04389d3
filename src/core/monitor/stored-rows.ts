// A probe observation as the shared store keeps it (the kind vocabulary, the
// status, latency, retry-after and model; nothing else).
import { requestKindOfProbeOutcome } from '../signals/request-kinds';
import type { StoredObservation } from '../store/stored-observation';
import type { Observation } from './observation';

export function storedOfProbeObservation(observation: Observation): StoredObservation {
  const row: StoredObservation = { at: observation.at, source: observation.source, kind: requestKindOfProbeOutcome(observation.outcome), latencyMs: observation.latencyMs };
  if (observation.httpStatus !== undefined) row.status = observation.httpStatus;
  if (observation.retryAfterSeconds !== undefined) row.retryAfterSeconds = observation.retryAfterSeconds;
  if (observation.model !== undefined) row.model = observation.model;
  return row;
}

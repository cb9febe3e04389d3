// A tap record as the shared store keeps it: the store's own fields only
// (it validates them again on the way in and out).
import type { StoredObservation } from '../store/observation-store';
import type { TapRecord } from './tap-record';

export function storedObservationOf(record: TapRecord): StoredObservation {
  const stored: StoredObservation = { at: record.at, source: 'tap', kind: record.kind, latencyMs: Math.round(record.latencyMs), path: record.path };
  if (record.status !== undefined) stored.status = record.status;
  if (record.errorType !== undefined) stored.errorType = record.errorType;
  if (record.requestId !== undefined) stored.requestId = record.requestId;
  // The store keeps whole seconds; rounding up never shortens the server's ask.
  if (record.retryAfterSeconds !== undefined) stored.retryAfterSeconds = Math.ceil(record.retryAfterSeconds);
  if (record.model !== undefined) stored.model = record.model;
  return stored;
}

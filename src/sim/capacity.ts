// The simulator's capacity model: what an overload looks like to many callers at once.
// Message requests beyond N in flight (in one global pool, or one pool per API key) get a
// 529 overloaded_error at once; each admitted request holds its slot for a service time;
// optionally, requests beyond a rate get a 429 with retry-after. Set in a scenario (for
// the whole scenario or per phase) or at run time through POST /_sim/capacity.

export const CAPACITY_SCOPES = ['global', 'per_key'] as const;
export type CapacityScope = (typeof CAPACITY_SCOPES)[number];

export interface CapacitySpec {
  /** Message requests in flight at once; one more gets 529 overloaded_error. */
  maxInFlight: number;
  /** One pool for every caller (default), or one per API key. */
  scope?: CapacityScope;
  /** How long each admitted request holds its slot before it is answered, in ms. */
  serviceTimeMs?: number;
  /** Requests admitted per second (per pool); one more gets 429 with retry-after. */
  requestsPerSecond?: number;
}

/** Far beyond any test or demo; keeps the per-key pools bounded whatever keys clients send. */
export const MAX_CAPACITY_POOLS = 10_000;
const OVERFLOW_POOL = '(overflow)';
const WINDOW_MS = 1000;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws with `fail(path, message)` (the scenario parser's own error) on a bad field. */
export function parseCapacity(value: Json, path: string, fail: (path: string, message: string) => never): CapacitySpec {
  if (!isObject(value)) fail(path, 'must be an object like {"maxInFlight": 8, "serviceTimeMs": 200}');
  const known = ['maxInFlight', 'scope', 'serviceTimeMs', 'requestsPerSecond'];
  for (const key of Object.keys(value)) if (!known.includes(key)) fail(`${path}.${key.slice(0, 64)}`, `is not a known field (known: ${known.join(', ')})`);
  const integer = (field: string, min: number, max: number): number => {
    const n = value[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail(`${path}.${field}`, `must be a whole number from ${min} to ${max}`);
    return n;
  };
  const spec: CapacitySpec = { maxInFlight: integer('maxInFlight', 0, 100_000) };
  if (value.scope !== undefined) {
    if (typeof value.scope !== 'string' || !(CAPACITY_SCOPES as readonly string[]).includes(value.scope)) fail(`${path}.scope`, `must be one of ${CAPACITY_SCOPES.join(', ')}`);
    spec.scope = value.scope as CapacityScope;
  }
  if (value.serviceTimeMs !== undefined) spec.serviceTimeMs = integer('serviceTimeMs', 0, 600_000);
  if (value.requestsPerSecond !== undefined) spec.requestsPerSecond = integer('requestsPerSecond', 1, 100_000);
  return spec;
}

interface Pool {
  inFlight: number;
  /** When each request of the last second was admitted, oldest first (only with a request rate). */
  admitted: number[];
}

export type CapacityVerdict =
  | { admitted: true; serviceTimeMs: number; leave(): void }
  | { admitted: false; reason: 'over_capacity' }
  | { admitted: false; reason: 'over_request_rate'; retryAfterSeconds: number };

/** The pools' bookkeeping; outlives scenario switches so a request in flight always leaves the pool it entered. */
export class CapacityGate {
  private readonly pools = new Map<string, Pool>();

  /** Requests in flight now, in all pools. */
  inFlight(): number {
    let total = 0;
    for (const pool of this.pools.values()) total += pool.inFlight;
    return total;
  }

  admit(spec: CapacitySpec, apiKey: string, now: number): CapacityVerdict {
    const name = this.poolName(spec, apiKey);
    const pool = this.pools.get(name) ?? { inFlight: 0, admitted: [] };
    this.pools.set(name, pool);
    if (pool.inFlight >= spec.maxInFlight) {
      this.forgetIfIdle(name, pool);
      return { admitted: false, reason: 'over_capacity' };
    }
    if (spec.requestsPerSecond !== undefined) {
      while (pool.admitted.length > 0 && pool.admitted[0]! <= now - WINDOW_MS) pool.admitted.shift();
      if (pool.admitted.length >= spec.requestsPerSecond) {
        const freeAt = pool.admitted[pool.admitted.length - spec.requestsPerSecond]! + WINDOW_MS;
        return { admitted: false, reason: 'over_request_rate', retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
      }
      pool.admitted.push(now);
    }
    pool.inFlight++;
    let left = false;
    return {
      admitted: true,
      serviceTimeMs: spec.serviceTimeMs ?? 0,
      leave: () => {
        if (left) return;
        left = true;
        pool.inFlight--;
        this.forgetIfIdle(name, pool);
      },
    };
  }

  private poolName(spec: CapacitySpec, apiKey: string): string {
    if (spec.scope !== 'per_key') return '';
    // The key names its pool in memory only; pools are never listed anywhere.
    const name = `key:${apiKey}`;
    return this.pools.has(name) || this.pools.size < MAX_CAPACITY_POOLS ? name : OVERFLOW_POOL;
  }

  /** A pool with nothing in flight and no rate window to keep is dropped (per-key pools stay bounded). */
  private forgetIfIdle(name: string, pool: Pool): void {
    if (pool.inFlight === 0 && pool.admitted.length === 0) this.pools.delete(name);
  }
}

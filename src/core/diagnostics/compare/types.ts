// The shapes of the side-by-side comparison: what the adapters hand in (each
// endpoint with the key that may go there, already resolved) and what the
// report carries out (one entry per endpoint, plain data for JSON, Markdown,
// text and the editor's view). Never a key: at most where it came from.
import type { AddressKind } from '../net/ip-ranges';
import type { CheckStatus } from '../types';

export interface ComparisonTarget {
  /** The column heading (`--compare NAME=...` or the setting's `name`). */
  name: string;
  baseUrl: string;
  /** This endpoint's own key, from the variable it names; absent: only the layers below authentication run. */
  apiKey?: string;
  /** The variable the key came from, e.g. "RELAY_API_KEY". */
  apiKeySource?: string;
  /** Why it goes without a key, shown beside its authentication result. */
  keyNote?: string;
}

export type AuthResult = 'accepted' | 'rejected' | 'rate-limited' | 'not-checked' | 'unclear';
/** Whether a header came back: `unknown` when no answer arrived, `not-checked` when only an authenticated answer can tell. */
export type HeaderPresence = 'present' | 'absent' | 'unknown' | 'not-checked';

export interface LayerResult {
  status: CheckStatus;
  detail: string;
}

export interface ComparisonEntry {
  name: string;
  baseUrl: string;
  role: 'configured' | 'comparison';
  /** Where its key came from, or null when it ran without one. */
  keySource: string | null;
  /** The proxy its requests went through (password masked), or null when direct. */
  proxy: string | null;
  layers: {
    dns: LayerResult & { addresses: string[]; kinds: AddressKind[]; looksPolluted: boolean; fakeIp: boolean };
    /** `error`: the network error code when no connection was made (ECONNREFUSED, ETIMEDOUT...). */
    tcp: LayerResult & { connectMs: number | null; error: string | null };
    tls: LayerResult & { handshakeMs: number | null; issuer: string | null; protocol: string | null };
    http: LayerResult & { httpStatus: number | null };
    auth: LayerResult & { result: AuthResult; httpStatus: number | null };
  };
  headers: { requestId: HeaderPresence; rateLimits: HeaderPresence };
  /** Time to the whole answer of GET /v1/models?limit=1, each on a new connection. */
  latencyMs: { p50: number | null; p95: number | null; samples: number; answered: number };
  verdict: { status: 'pass' | 'warn' | 'fail'; text: string };
  notes: string[];
}

/** The comparison as a table, in words: one column per endpoint, one row per layer. */
export interface ComparisonTable {
  /** The column headings, in column order. */
  heads: string[];
  /** A label and one cell per endpoint. */
  rows: { label: string; cells: string[] }[];
}

/** The whole comparison in words, for a view that lays it out itself (the editor's report). */
export interface ComparisonView {
  heading: string;
  intro: string;
  table: ComparisonTable;
  verdictLabel: string;
  /** One per column, in the table's order. */
  verdicts: { status: ComparisonEntry['verdict']['status']; text: string }[];
  notes: { endpoint: string; text: string }[];
}

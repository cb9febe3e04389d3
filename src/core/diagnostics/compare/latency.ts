// A short latency sample of one endpoint: a few free GET /v1/models?limit=1,
// one after another, each on a new connection (as a one-off call from a
// script or a CLI meets it). Also notes whether the answers carry the API's
// request-id and anthropic-ratelimit-* headers, which relays often drop.
import type { Clock, Stopwatch } from '../../clock';
import { parseRequestId } from '../../headers';
import { keyHeaders } from '../checks/auth';
import { DIAGNOSTICS_API_VERSION } from '../checks/config';
import { apiUrl } from '../net/api-answer';
import { rawRequest } from '../net/raw-request';
import type { Plan } from '../plan';

export const DEFAULT_SAMPLE_COUNT = 5;
/** One slow answer must not eat the whole run. */
const PER_REQUEST_LIMIT_MS = 10_000;

export interface SampledAnswer {
  status: number;
  ms: number;
  requestId: boolean;
  rateLimits: boolean;
}

export interface LatencySample {
  answers: SampledAnswer[];
  /** Network error codes (or "timeout") of requests that got no answer. */
  failures: string[];
  /** The requests carried the endpoint's key. */
  authenticated: boolean;
  p50: number | null;
  p95: number | null;
}

export interface SampleOptions {
  plan: Plan;
  /** Sent only when given; the caller decides whether this endpoint may have it. */
  key?: string;
  count: number;
  /** Stopwatch time by which the sample must be finished. */
  deadline: number;
  signal: AbortSignal;
  clock: Clock;
  stopwatch: Stopwatch;
}

/** Nearest-rank percentile of ascending values: with five samples, p50 is the third and p95 the fifth. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

function withoutKey(): Record<string, string> {
  return { 'anthropic-version': DIAGNOSTICS_API_VERSION, accept: 'application/json', 'user-agent': 'claude-health-diagnostics' };
}

export async function sampleLatency(options: SampleOptions): Promise<LatencySample> {
  const { plan, key, stopwatch } = options;
  const answers: SampledAnswer[] = [];
  const failures: string[] = [];
  const url = apiUrl(plan.baseUrl, '/v1/models?limit=1');
  for (let i = 0; i < options.count; i++) {
    const left = options.deadline - stopwatch.now();
    if (left < 50 || options.signal.aborted) break;
    const result = await rawRequest(
      { plan, clock: options.clock, stopwatch },
      { url, method: 'GET', headers: key ? keyHeaders(key) : withoutKey(), timeoutMs: Math.min(PER_REQUEST_LIMIT_MS, left), signal: options.signal, maxBodyBytes: 16 * 1024 },
    );
    if (!result.ok) {
      failures.push(result.timedOut ? 'timeout' : (result.code ?? 'error'));
      continue;
    }
    const headers = result.answer.headers;
    answers.push({
      status: result.answer.status,
      ms: Math.round(result.answer.totalMs),
      requestId: parseRequestId(headers) !== undefined,
      rateLimits: Object.keys(headers).some((name) => name.startsWith('anthropic-ratelimit-')),
    });
  }
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  return { answers, failures, authenticated: Boolean(key), p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

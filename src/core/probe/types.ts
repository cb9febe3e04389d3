// What one probe found. Plain data: it goes into the signals, the health
// reasons, the tooltip and the CLI's JSON, so it holds no error objects and no
// text that could carry the key.
import type { RateLimitInfo } from '../headers';
import type { ProbeMode } from '../settings/monitor';

export const PROBE_OUTCOMES = [
  'ok',
  'overloaded', // 529, or overloaded_error anywhere (also inside a 200 stream)
  'rate_limited', // 429 (spendLimit tells the spend-cap variant apart)
  'server_error', // other 5xx, HTML or empty bodies from a CDN, unreadable answers
  'auth_error', // 401, 403
  'bad_request', // other 4xx (a wrong model name, say), and redirects
  'timeout',
  'network_error', // DNS, TCP, TLS, proxy: networkCode says which
] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export const SPEND_LIMIT_ERROR_CODE = 'enforced_spend_limit_reached';

export interface ProbeResult {
  mode: ProbeMode;
  /** The model probed (message and count_tokens modes). */
  model?: string;
  outcome: ProbeOutcome;
  /** When the probe started (ms epoch, the monitor's clock). */
  at: number;
  /** Real elapsed time until the answer was complete or the probe gave up. */
  latencyMs: number;
  httpStatus?: number;
  /** `error.type` from the body or the stream's error event. */
  errorType?: string;
  /** `error.details.error_code`. */
  errorCode?: string;
  /** 429 because the organisation's spend limit is reached: retrying cannot help. */
  spendLimit?: boolean;
  /** The error arrived as an SSE `event: error` after a 200. */
  inStream?: boolean;
  /** DNS/TCP/TLS/proxy error code from the cause chain. */
  networkCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  shouldRetry?: boolean;
  rateLimit: RateLimitInfo;
  /** One sentence for people; never contains the key. */
  message: string;
}

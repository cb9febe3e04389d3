// Rolling counts over the recent window (15 minutes by default): what the
// status bar's `529×3 429×1` and the tooltip's counters show.
import type { ProbeEvent } from './probe-log';

export interface WindowCounts {
  windowMinutes: number;
  total: number;
  ok: number;
  /** 529, or overloaded_error in a stream. */
  overloaded: number;
  /** 429 of any kind (spendLimited included). */
  rateLimited: number;
  spendLimited: number;
  /** 5xx other than 529, and unreadable answers. */
  serverError: number;
  timeout: number;
  networkError: number;
  authError: number;
  badRequest: number;
  /** retry-after values seen in the window, oldest first (at most 20). */
  retryAfterSeconds: number[];
}

const MAX_RETRY_AFTER_VALUES = 20;

export function emptyCounts(windowMinutes: number): WindowCounts {
  return {
    windowMinutes,
    total: 0,
    ok: 0,
    overloaded: 0,
    rateLimited: 0,
    spendLimited: 0,
    serverError: 0,
    timeout: 0,
    networkError: 0,
    authError: 0,
    badRequest: 0,
    retryAfterSeconds: [],
  };
}

export function countWindow(events: readonly ProbeEvent[], now: number, windowMinutes: number): WindowCounts {
  const counts = emptyCounts(windowMinutes);
  const from = now - windowMinutes * 60_000;
  for (const event of events) {
    if (event.at < from || event.at > now) continue;
    counts.total++;
    switch (event.outcome) {
      case 'ok':
        counts.ok++;
        break;
      case 'overloaded':
        counts.overloaded++;
        break;
      case 'rate_limited':
        counts.rateLimited++;
        if (event.spendLimit) counts.spendLimited++;
        break;
      case 'server_error':
        counts.serverError++;
        break;
      case 'timeout':
        counts.timeout++;
        break;
      case 'network_error':
        counts.networkError++;
        break;
      case 'auth_error':
        counts.authError++;
        break;
      case 'bad_request':
        counts.badRequest++;
        break;
    }
    if (event.retryAfterSeconds !== undefined) counts.retryAfterSeconds.push(event.retryAfterSeconds);
  }
  if (counts.retryAfterSeconds.length > MAX_RETRY_AFTER_VALUES) {
    counts.retryAfterSeconds = counts.retryAfterSeconds.slice(-MAX_RETRY_AFTER_VALUES);
  }
  return counts;
}

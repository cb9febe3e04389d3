// The anthropic-ratelimit-* headers of the auth check's answer: what is left of
// each limit, when it is full again, and a warning when under 10% is left.
import type { Translate } from '../../l10n';
import { parseRateLimits, parseRetryAfter, RATE_LIMIT_BUCKETS, type RateLimitBucket, type RateLimitInfo } from '../../headers';
import { type CheckDefinition } from '../check';
import type { CheckOutcome, JsonObject } from '../types';

const LOW_FRACTION = 0.1;

function untilText(resetIso: string | undefined, nowMs: number, t: Translate): string {
  if (!resetIso) return '';
  const ms = Date.parse(resetIso) - nowMs;
  if (ms <= 0) return t`, full again now (${resetIso})`;
  const text = ms < 120_000 ? `${Math.ceil(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`;
  return t`, full again in ${text} (${resetIso})`;
}

function bucketLine(name: string, bucket: RateLimitBucket, nowMs: number, t: Translate): string {
  const left = bucket.remaining !== undefined && bucket.limit !== undefined ? t`${bucket.remaining} of ${bucket.limit} left (${Math.floor((bucket.remaining / Math.max(1, bucket.limit)) * 100)}%)`
    : bucket.remaining !== undefined ? `${bucket.remaining} left`
    : bucket.limit !== undefined ? t`limit ${bucket.limit}`
    : t`no figures`;
  return `${name}: ${left}${untilText(bucket.reset, nowMs, t)}`;
}

function isLow(bucket: RateLimitBucket): boolean {
  return bucket.remaining !== undefined && bucket.limit !== undefined && bucket.limit > 0 && bucket.remaining / bucket.limit < LOW_FRACTION;
}

export const rateLimitsCheck: CheckDefinition = {
  id: 'rate-limits',
  title: (t) => t`Rate limits`,
  needs: ['auth'],
  timeoutMs: 1000,
  run: (context): Promise<CheckOutcome> => {
    const { t } = context;
    const answer = context.facts.authAnswer;
    if (!answer) return Promise.resolve({ status: 'skip', detail: t`no answer from the API to read limits from` });
    const nowMs = context.clock.now();
    const info: RateLimitInfo = parseRateLimits(answer.headers, nowMs);
    const buckets = (Object.keys(RATE_LIMIT_BUCKETS) as (keyof RateLimitInfo)[])
      .map((field) => ({ name: RATE_LIMIT_BUCKETS[field], bucket: info[field] }))
      .filter((entry): entry is { name: (typeof RATE_LIMIT_BUCKETS)[keyof RateLimitInfo]; bucket: RateLimitBucket } => entry.bucket !== undefined);
    const data: JsonObject = Object.fromEntries(
      buckets.map(({ name, bucket }) => [name, { limit: bucket.limit ?? null, remaining: bucket.remaining ?? null, reset: bucket.reset ?? null }]),
    );
    if (buckets.length === 0) {
      return Promise.resolve({
        status: 'skip',
        detail: t`the answer (HTTP ${answer.status}) carried no anthropic-ratelimit-* headers (a gateway may strip them)`,
      });
    }
    const notes = buckets.map(({ name, bucket }) => bucketLine(name, bucket, nowMs, t));
    notes.push(t`Token figures are rounded to thousands by the API; limits refill continuously.`);
    if (answer.status === 429) {
      const retryAfter = parseRetryAfter(answer.headers, nowMs);
      return Promise.resolve({
        status: 'warn',
        detail: t`rate limited now${retryAfter !== undefined ? t`: retry after ${retryAfter} s` : ''}; ${notes[0]}`,
        hint: t`Wait until the limit refills; honour retry-after in your code (the SDKs do), spread requests out, or ask for higher limits in the Console (Settings > Limits).`,
        notes,
        data,
        headline: t`Rate limited right now`,
      });
    }
    const low = buckets.filter(({ bucket }) => isLow(bucket));
    if (low.length) {
      return Promise.resolve({
        status: 'warn',
        detail: t`under 10% left: ${low.map(({ name, bucket }) => bucketLine(name, bucket, nowMs, t)).join('; ')}`,
        hint: t`Requests will soon get 429s: slow down or spread them, make sure your code honours retry-after, or ask for higher limits in the Console (Settings > Limits).`,
        notes,
        data,
        headline: t`Rate limits nearly used up (${low.map(({ name }) => name).join(', ')})`,
      });
    }
    return Promise.resolve({ status: 'pass', detail: notes.slice(0, 2).join('; '), notes, data });
  },
  timedOut: (_ms, { t }) => ({ status: 'warn', detail: t`reading the rate-limit headers did not finish`, hint: t`Run the diagnostics again.` }),
};

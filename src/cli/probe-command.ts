// `claude-health probe`: one probe of the API through the official SDK with
// retries off, printed as JSON with --json. The key comes from
// ANTHROPIC_API_KEY only and is never printed. Exit 0 when the probe is ok,
// 1 when it is not, 2 for bad input.
import { systemClock, type Clock } from '../core/clock';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../core/headers';
import { decideKeySending, resolveApiBaseUrl } from '../core/probe/base-url';
import { redactSecrets } from '../core/probe/redact';
import { runProbe } from '../core/probe/run-probe';
import { createNodeFetch } from '../core/probe/transport/node-fetch';
import type { ProbeResult } from '../core/probe/types';
import { DEFAULT_SETTINGS, PROBE_MODES, type ProbeMode } from '../core/settings';
import { EXIT_OK, EXIT_UNHEALTHY, UsageError, type CliIo } from './io';
import { booleanFlag, integerFlag, stringFlag, TIMEOUT_MS_RANGE, type CliFlags } from './flags';

export const PROBE_SUMMARY =
  'probe [--json] [--mode models|count_tokens|message] [--model ID] [--base-url URL] [--timeout-ms N] [--proxy URL] [--allow-insecure-http]   probe the API once (key from ANTHROPIC_API_KEY)';

/**
 * For parseArgs: --mode (models: free, default; count_tokens: free; message:
 * billed, max_tokens 1), --model (default claude-haiku-4-5), --base-url (else
 * ANTHROPIC_BASE_URL, then https://api.anthropic.com), --timeout-ms, --proxy,
 * --allow-insecure-http (send the key over plain http to another machine).
 */
export const PROBE_OPTIONS = {
  json: { type: 'boolean' },
  mode: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  'timeout-ms': { type: 'string' },
  proxy: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
} as const;

type BucketJson = Partial<Record<keyof RateLimitBucket, number | string>>;

export interface ProbeJson {
  outcome: string;
  httpStatus: number | null;
  errorType: string | null;
  errorCode: string | null;
  networkCode: string | null;
  requestId: string | null;
  retryAfterSeconds: number | null;
  latencyMs: number;
  rateLimit: { requests: BucketJson; tokens: BucketJson; inputTokens: BucketJson; outputTokens: BucketJson };
  mode: string;
  model: string | null;
  message: string;
}

export function probeJson(result: ProbeResult): ProbeJson {
  const rateLimit = { requests: {}, tokens: {}, inputTokens: {}, outputTokens: {} } as ProbeJson['rateLimit'];
  for (const field of Object.keys(RATE_LIMIT_BUCKETS) as (keyof ProbeJson['rateLimit'])[]) {
    const bucket = result.rateLimit[field];
    if (bucket) rateLimit[field] = { ...bucket };
  }
  return {
    outcome: result.outcome,
    httpStatus: result.httpStatus ?? null,
    errorType: result.errorType ?? null,
    errorCode: result.errorCode ?? null,
    networkCode: result.networkCode ?? null,
    requestId: result.requestId ?? null,
    retryAfterSeconds: result.retryAfterSeconds ?? null,
    latencyMs: result.latencyMs,
    rateLimit,
    mode: result.mode,
    model: result.model ?? null,
    message: result.message,
  };
}

function textReport(json: ProbeJson): string {
  const subject = `${json.mode}${json.model ? ` ${json.model}` : ''}`;
  const lines = [`probe ${subject}: ${json.outcome} in ${json.latencyMs} ms - ${json.message}`];
  if (json.requestId) lines.push(`  request-id: ${json.requestId}`);
  if (json.retryAfterSeconds !== null) lines.push(`  retry-after: ${json.retryAfterSeconds} s`);
  for (const [name, bucket] of Object.entries(json.rateLimit)) {
    if (Object.keys(bucket).length) lines.push(`  rate limit ${name}: ${bucket.remaining ?? '?'}/${bucket.limit ?? '?'}${bucket.reset ? `, reset ${bucket.reset}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runProbeCommand(flags: CliFlags, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const json = booleanFlag(flags, 'json');
  const rawMode = stringFlag(flags, 'mode') ?? 'models';
  if (!(PROBE_MODES as readonly string[]).includes(rawMode)) throw new UsageError(`--mode must be one of ${PROBE_MODES.join(', ')}, not "${rawMode.slice(0, 40)}"`);
  const mode = rawMode as ProbeMode;
  const model = stringFlag(flags, 'model') ?? DEFAULT_SETTINGS.probeModels[0] ?? 'claude-haiku-4-5';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$/.test(model)) throw new UsageError(`--model "${model.slice(0, 40)}" is not a model name`);
  const timeoutMs = integerFlag(flags, 'timeout-ms', TIMEOUT_MS_RANGE) ?? DEFAULT_SETTINGS.probeTimeoutMs;
  const apiKey = io.env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) throw new UsageError('ANTHROPIC_API_KEY is not set; the probe needs an API key');
  const baseUrlFlag = stringFlag(flags, 'base-url');
  const baseUrl = resolveApiBaseUrl(baseUrlFlag, io.env);
  if (baseUrlFlag !== undefined && baseUrl.source !== 'setting') throw new UsageError(`--base-url ${baseUrl.problem ?? 'is not usable'}`);
  if (baseUrl.problem) io.stderr(`claude-health probe: ${baseUrl.problem}\n`);
  const origin = new URL(baseUrl.url).origin;
  const decision = decideKeySending(baseUrl.url, booleanFlag(flags, 'allow-insecure-http') ? [origin] : []);
  if (!decision.send) throw new UsageError(`${decision.reason}; pass --allow-insecure-http to send it anyway`);
  const transport = createNodeFetch({ proxyUrl: stringFlag(flags, 'proxy'), env: io.env });
  try {
    const [result] = await runProbe({ mode, models: [model], apiKey, baseUrl: baseUrl.url, timeoutMs, fetch: transport.fetch, clock });
    if (!result) throw new Error('the probe returned no result');
    const document = probeJson(result);
    const text = json ? `${JSON.stringify(document, null, 2)}\n` : textReport(document);
    io.stdout(redactSecrets(text, [apiKey]));
    return result.outcome === 'ok' ? EXIT_OK : EXIT_UNHEALTHY;
  } finally {
    transport.close();
  }
}

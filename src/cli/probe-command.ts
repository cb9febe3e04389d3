// `claude-health probe`: one probe of the API through the official SDK with
// retries off, printed as JSON with --json. The key comes from
// ANTHROPIC_API_KEY only and is never printed. Exit 0 when the probe is ok,
// 1 when it is not, 2 for bad input.
import { systemClock, type Clock } from '../core/clock';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../core/headers';
import { decideKeySending, resolveApiBaseUrl } from '../core/net/base-url';
import { redactSecrets } from '../core/net/redact';
import { runProbe } from '../core/probe/run-probe';
import { createNodeFetch } from '../core/net/node-fetch';
import type { ProbeResult } from '../core/probe/types';
import { checkHttpUrl, DEFAULT_API_BASE_URL, DEFAULT_PROBE_MODEL, DEFAULT_SETTINGS, PROBE_MODES, type ProbeMode } from '../core/settings';
import type { Translate } from '../core/l10n';
import { proxyFlagHelp, type CommandHelp } from './help';
import { cliTranslator } from './locale';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, UsageError, type CliIo } from './io';
import { booleanFlag, choiceFlag, integerFlag, modelFlag, proxyFlag, stringFlag, TIMEOUT_MS_RANGE, type CliFlags } from './flags';

export function probeSummary(t: Translate): string {
  return t`Probe the API once through the official SDK (key from ANTHROPIC_API_KEY).`;
}

/** For parseArgs. */
export const PROBE_OPTIONS = {
  json: { type: 'boolean' },
  mode: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  'timeout-ms': { type: 'string' },
  proxy: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
} as const;

export function probeHelp(t: Translate): CommandHelp {
  return {
    description: t`One request with retries off, so a 529 or a 429 shows as it came. The key is never printed.`,
    flags: {
      json: { description: t`Print one JSON document instead of a line of text.` },
      mode: {
        value: 'MODE',
        description: t`models (free, the default): GET /v1/models; count_tokens (free); message: one billed message with max_tokens 1, the only mode that sees 529 overloads.`,
      },
      model: { value: 'ID', description: t`The model for count_tokens and message (default ${DEFAULT_PROBE_MODEL}).` },
      'base-url': { value: 'URL', description: t`The API base URL; default ANTHROPIC_BASE_URL, then ${DEFAULT_API_BASE_URL}.` },
      'timeout-ms': { value: 'N', description: t`Give up after N milliseconds, ${TIMEOUT_MS_RANGE.min} to ${TIMEOUT_MS_RANGE.max} (default ${DEFAULT_SETTINGS.probeTimeoutMs}).` },
      proxy: { value: 'URL', description: proxyFlagHelp(t) },
      'allow-insecure-http': { description: t`Send the key over plain http:// to a base URL on another machine (refused otherwise).` },
    },
    examples: ['probe', 'probe --mode message --model claude-haiku-4-5 --json', 'probe --base-url http://127.0.0.1:8080'],
    exitCodes: [
      [EXIT_OK, t`the API answered the probe`],
      [EXIT_UNHEALTHY, t`it did not: overloaded, rate limited, refused, unreachable`],
      [EXIT_USAGE, t`a bad flag, ANTHROPIC_API_KEY not set, or the key would go over plain http`],
    ],
  };
}

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

function textReport(json: ProbeJson, t: Translate): string {
  const subject = `${json.mode}${json.model ? ` ${json.model}` : ''}`;
  const lines = [t`probe ${subject}: ${json.outcome} in ${json.latencyMs} ms - ${json.message}`];
  if (json.requestId) lines.push(`  request-id: ${json.requestId}`);
  if (json.retryAfterSeconds !== null) lines.push(`  retry-after: ${json.retryAfterSeconds} s`);
  for (const [name, bucket] of Object.entries(json.rateLimit)) {
    if (!Object.keys(bucket).length) continue;
    const reset = bucket.reset ? t`, reset ${bucket.reset}` : '';
    lines.push(`  ${t`rate limit ${name}: ${bucket.remaining ?? '?'}/${bucket.limit ?? '?'}${reset}`}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runProbeCommand(flags: CliFlags, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const t = cliTranslator(io);
  const json = booleanFlag(flags, 'json');
  const mode: ProbeMode = choiceFlag(flags, 'mode', PROBE_MODES) ?? 'models';
  const model = modelFlag(flags) ?? DEFAULT_SETTINGS.probeModels[0] ?? DEFAULT_PROBE_MODEL;
  const timeoutMs = integerFlag(flags, 'timeout-ms', TIMEOUT_MS_RANGE) ?? DEFAULT_SETTINGS.probeTimeoutMs;
  const apiKey = io.env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) throw new UsageError((t) => t`ANTHROPIC_API_KEY is not set; the probe needs an API key`);
  const baseUrlFlag = stringFlag(flags, 'base-url');
  if (baseUrlFlag !== undefined) {
    // Named after the flag the user typed, not the setting it stands in for.
    const checked = checkHttpUrl(baseUrlFlag.trim(), t);
    if (!checked.ok) throw new UsageError(t`--base-url ${checked.reason}; give an http(s) URL such as ${DEFAULT_API_BASE_URL}`);
  }
  const baseUrl = resolveApiBaseUrl(baseUrlFlag, io.env, t);
  if (baseUrl.problem) io.stderr(`claude-health probe: ${baseUrl.problem}\n`);
  const origin = new URL(baseUrl.url).origin;
  const route = { proxyUrl: proxyFlag(flags), env: io.env };
  const decision = decideKeySending(baseUrl.url, booleanFlag(flags, 'allow-insecure-http') ? [origin] : [], route, t);
  if (!decision.send) throw new UsageError(t`${decision.reason}; pass --allow-insecure-http to send it anyway`);
  const transport = createNodeFetch(route);
  try {
    const [result] = await runProbe({ mode, models: [model], apiKey, baseUrl: baseUrl.url, timeoutMs, fetch: transport.fetch, clock, t });
    if (!result) throw new Error('the probe returned no result');
    const document = probeJson(result);
    const text = json ? `${JSON.stringify(document, null, 2)}\n` : textReport(document, t);
    io.stdout(redactSecrets(text, [apiKey]));
    return result.outcome === 'ok' ? EXIT_OK : EXIT_UNHEALTHY;
  } finally {
    transport.close();
  }
}

// `claude-health diagnose`: the connection diagnostics from a terminal or CI.
// Plain text by default (coloured on a terminal unless NO_COLOR is set),
// Markdown with --markdown, one JSON document with --json; exit 0 when no
// check failed, 1 otherwise, 2 for bad flags.
import * as net from 'node:net';
import * as path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { runDiagnostics } from '../core/diagnostics/runner';
import { renderJson } from '../core/diagnostics/render/json';
import { renderMarkdown } from '../core/diagnostics/render/markdown';
import { colourFor } from '../core/diagnostics/render/ansi';
import { renderText } from '../core/diagnostics/render/text';
import { resolveApiBaseUrl } from '../core/net/base-url';
import {
  DEFAULT_API_BASE_URL,
  DEFAULT_DNS_SERVERS,
  DEFAULT_PROBE_MODEL,
  DEFAULT_STATUS_PAGE_URL,
  duplicateName,
  MAX_COMPARE_ENDPOINTS,
  parseCompareSpec,
  type CompareEndpoint,
} from '../core/settings';
import { DEFAULT_SAMPLE_COUNT } from '../core/diagnostics/compare/latency';
import { resolveComparisonTargets } from '../core/diagnostics/compare/targets';
import type { ComparisonTarget } from '../core/diagnostics/compare/types';
import { compareFlagError, compareKeyError, duplicateNameError, tooManyError } from '../core/diagnostics/compare/wording';
import type { DiagnosticsInput, DiagnosticsReport } from '../core/diagnostics/types';
import { booleanFlag, integerFlag, listFlag, modelFlag, proxyFlag, repeatedFlag, stringFlag, TIMEOUT_MS_RANGE, urlFlag, type CliFlags } from './flags';
import { translatorFor, type Translate } from '../core/l10n';
import { proxyFlagHelp, type CommandHelp } from './help';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, UsageError, type CliIo } from './io';
import { cliTranslator } from './locale';

/** Parsed flags, as the command table hands them over (the names are those of DIAGNOSE_OPTIONS). */
export type DiagnoseFlags = CliFlags;

/** For the command table: the flags `parseArgs` accepts. */
export const DIAGNOSE_OPTIONS = {
  'base-url': { type: 'string' },
  'status-url': { type: 'string' },
  'dns-servers': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  workspace: { type: 'string' },
  inference: { type: 'boolean' },
  model: { type: 'string' },
  proxy: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  compare: { type: 'string', multiple: true },
} satisfies NonNullable<ParseArgsConfig['options']>;

export function diagnoseSummary(t: Translate): string {
  return t`Layered connection diagnostics: config, proxy, DNS, TCP, TLS, HTTP, auth, limits, status page, SDKs.`;
}

export function diagnoseHelp(t: Translate): CommandHelp {
  return {
    description: t`Names the broken layer first, with a next step for every failure. The key is read from ANTHROPIC_API_KEY; at most its last four characters are shown. Plain text by default, coloured on a terminal (never with NO_COLOR set or when piped).`,
    flags: {
      'base-url': { value: 'URL', description: t`The API base URL; default ANTHROPIC_BASE_URL, then ${DEFAULT_API_BASE_URL}.` },
      'status-url': { value: 'URL', description: t`The Statuspage summary.json (default ${DEFAULT_STATUS_PAGE_URL}).` },
      'dns-servers': {
        value: 'LIST',
        description: t`Public resolvers to compare the system resolver with: IP addresses, optionally with :port, comma-separated (default ${DEFAULT_DNS_SERVERS.join(',')}); "" turns the comparison off.`,
      },
      json: { description: t`Print one JSON document.` },
      markdown: { description: t`Print Markdown (for an issue or a pull request).` },
      'timeout-ms': { value: 'N', description: t`Stop the whole run after N milliseconds, ${TIMEOUT_MS_RANGE.min} to ${TIMEOUT_MS_RANGE.max}; what finished is still printed.` },
      workspace: { value: 'DIR', description: t`Scan this folder for SDK versions and retry wrappers (skipped without it).` },
      inference: { description: t`Also send one billed message (max_tokens 1): the only check that sees 529 overloads.` },
      model: { value: 'ID', description: t`The model for --inference (default ${DEFAULT_PROBE_MODEL}).` },
      proxy: { value: 'URL', description: proxyFlagHelp(t) },
      'allow-insecure-http': {
        description: t`Send the key over plain http:// to a base URL on another machine (not sent otherwise); with --compare, each compared endpoint's own key to it too.`,
      },
      compare: {
        value: 'NAME=URL[,KEY_ENV]',
        description: t`Also run the network checks and ${DEFAULT_SAMPLE_COUNT} free requests against this endpoint (e.g. the official API beside a relay) and show them side by side with the configured one; repeatable, up to ${MAX_COMPARE_ENDPOINTS}. KEY_ENV names the variable holding that endpoint's own key; without it no key is sent there and authentication is not checked. The configured key is never sent to another host.`,
      },
    },
    examples: [
      'diagnose',
      'diagnose --inference --workspace .',
      'diagnose --markdown > report.md',
      'diagnose --json --proxy http://proxy.example:8080',
      'diagnose --compare relay=https://relay.example,RELAY_KEY',
    ],
    exitCodes: [
      [EXIT_OK, t`no check failed (warnings allowed)`],
      [EXIT_UNHEALTHY, t`a check failed, an endpoint given with --compare failed, or the run was interrupted`],
      [EXIT_USAGE, t`a bad flag, or a --compare key variable that is not set or holds the configured key`],
    ],
  };
}

/** An IP literal, optionally with a port: 1.1.1.1, 1.1.1.1:53, 2606:4700::1111, [2606:4700::1111]:53. */
function isDnsServerAddress(server: string): boolean {
  const bracketed = /^\[([^\]]{1,64})\](?::(\d{1,5}))?$/.exec(server);
  if (bracketed) return net.isIP(bracketed[1] ?? '') === 6 && validPort(bracketed[2]);
  if (net.isIP(server) !== 0) return true;
  const colon = server.lastIndexOf(':');
  return colon > 0 && net.isIP(server.slice(0, colon)) === 4 && validPort(server.slice(colon + 1));
}

function validPort(port: string | undefined): boolean {
  return port === undefined || (/^\d{1,5}$/.test(port) && Number(port) <= 65_535);
}

/** "1.1.1.1,8.8.8.8:53,[2606:4700::1111]:53"; "" turns the comparison off. */
export function parseDnsServers(raw: string): string[] {
  const servers = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const server of servers) {
    if (!isDnsServerAddress(server)) throw new UsageError((t) => t`--dns-servers takes IP addresses (optionally with :port), comma-separated; "${server.slice(0, 60)}" is not one`);
  }
  return servers;
}

function workspace(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const dir = path.resolve(raw);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError((t) => t`--workspace must be an existing folder, not "${raw}"`);
  return dir;
}

/** The endpoints of --compare, each with only the key its own variable holds; a key it may not have stops the run. */
export function compareTargets(raws: readonly string[], input: DiagnosticsInput): ComparisonTarget[] {
  const endpoints: CompareEndpoint[] = [];
  for (const raw of raws) {
    const parsed = parseCompareSpec(raw);
    if (!parsed.ok) {
      throw new UsageError((t) => {
        const again = parseCompareSpec(raw, t);
        return compareFlagError(again.ok ? parsed.reason : again.reason);
      });
    }
    const { name } = parsed.endpoint;
    if (duplicateName(endpoints, name)) throw new UsageError((t) => duplicateNameError(name, t));
    endpoints.push(parsed.endpoint);
  }
  if (endpoints.length > MAX_COMPARE_ENDPOINTS) throw new UsageError((t) => tooManyError(MAX_COMPARE_ENDPOINTS, t));
  const configured = resolveApiBaseUrl(input.apiBaseUrlSetting, input.env).url;
  const resolved = resolveComparisonTargets(endpoints, input.env, input.apiKey ? { baseUrl: configured, apiKey: input.apiKey } : { baseUrl: configured }, translatorFor(input.locale));
  const problem = resolved.problems[0];
  if (problem) throw new UsageError((t) => compareKeyError(problem.name, problem.variable, problem.kind, t));
  return resolved.targets;
}

/** Builds the run's input from flags and the environment (the key from ANTHROPIC_API_KEY). */
export function diagnoseInput(flags: DiagnoseFlags, io: CliIo): DiagnosticsInput {
  if (booleanFlag(flags, 'json') && booleanFlag(flags, 'markdown')) throw new UsageError((t) => t`--json and --markdown exclude each other`);
  if (modelFlag(flags) !== undefined && !booleanFlag(flags, 'inference')) throw new UsageError((t) => t`--model only applies with --inference`);
  const input: DiagnosticsInput = { env: io.env, apiBaseUrlSettingName: '--base-url', surface: 'cli', locale: cliTranslator(io).locale };
  const baseUrl = urlFlag(flags, 'base-url');
  if (baseUrl) input.apiBaseUrlSetting = baseUrl;
  const proxy = proxyFlag(flags);
  if (proxy) input.httpProxy = proxy;
  if (booleanFlag(flags, 'allow-insecure-http')) input.allowedInsecureOrigins = [new URL(resolveApiBaseUrl(baseUrl, io.env).url).origin];
  const statusUrl = urlFlag(flags, 'status-url');
  if (statusUrl) input.statusPageUrl = statusUrl;
  const dnsServers = listFlag(flags, 'dns-servers');
  if (dnsServers !== undefined) input.dnsServers = parseDnsServers(dnsServers.join(','));
  const folder = workspace(stringFlag(flags, 'workspace'));
  if (folder) input.workspaceFolder = folder;
  const key = io.env.ANTHROPIC_API_KEY;
  if (key) {
    input.apiKey = key;
    input.apiKeySource = 'ANTHROPIC_API_KEY';
  }
  const model = stringFlag(flags, 'model');
  if (booleanFlag(flags, 'inference')) input.inference = model ? { enabled: true, model } : { enabled: true };
  const compare = repeatedFlag(flags, 'compare');
  if (compare) {
    input.compare = compareTargets(compare, input);
    // The consent covers each compared endpoint's own key; the configured key never goes there whatever it says.
    if (input.allowedInsecureOrigins) input.allowedInsecureOrigins = [...input.allowedInsecureOrigins, ...input.compare.map((target) => new URL(target.baseUrl).origin)];
  }
  return input;
}

/**
 * Runs the diagnostics and prints the report. Ctrl-C stops the run and still
 * prints what was found (unless the caller passes its own signal).
 */
export async function runDiagnoseCommand(flags: DiagnoseFlags, io: CliIo, signal?: AbortSignal): Promise<number> {
  const input = diagnoseInput(flags, io);
  const timeoutMs = integerFlag(flags, 'timeout-ms', TIMEOUT_MS_RANGE);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  if (signal?.aborted) interrupt();
  else if (signal) signal.addEventListener('abort', interrupt, { once: true });
  else process.once('SIGINT', interrupt);
  let report: DiagnosticsReport;
  try {
    report = await runDiagnostics(input, timeoutMs === undefined ? { signal: controller.signal } : { signal: controller.signal, timeoutMs });
  } finally {
    if (signal) signal.removeEventListener('abort', interrupt);
    else process.off('SIGINT', interrupt);
  }
  const t = cliTranslator(io);
  io.stdout(
    booleanFlag(flags, 'json') ? renderJson(report)
    : booleanFlag(flags, 'markdown') ? renderMarkdown(report, t)
    : renderText(report, colourFor(io.isTTY, io.env), t),
  );
  const failed = report.checks.some((check) => check.status === 'fail') || (report.comparison ?? []).some((entry) => entry.verdict.status === 'fail');
  return report.cancelled || failed ? EXIT_UNHEALTHY : EXIT_OK;
}

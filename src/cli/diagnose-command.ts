// `claude-health diagnose`: the connection diagnostics from a terminal or CI.
// Markdown by default, one JSON document with --json; exit 0 when no check
// failed, 1 otherwise, 2 for bad flags.
import * as path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { runDiagnostics } from '../core/diagnostics/runner';
import { renderJson } from '../core/diagnostics/render/json';
import { renderMarkdown } from '../core/diagnostics/render/markdown';
import type { DiagnosticsInput, DiagnosticsReport } from '../core/diagnostics/types';
import { booleanFlag, integerFlag, listFlag, stringFlag, TIMEOUT_MS_RANGE, urlFlag, type CliFlags } from './flags';
import { EXIT_OK, EXIT_UNHEALTHY, UsageError, type CliIo } from './io';

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
} satisfies NonNullable<ParseArgsConfig['options']>;

export const DIAGNOSE_SUMMARY =
  'diagnose [--base-url URL] [--status-url URL] [--dns-servers LIST] [--json|--markdown] [--timeout-ms N] [--workspace DIR] [--inference [--model ID]]   layered connection diagnostics';

/** "1.1.1.1,8.8.8.8:53,[2606:4700::1111]:53"; "" turns the comparison off. */
export function parseDnsServers(raw: string): string[] {
  const servers = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const server of servers) {
    const ok = /^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/.test(server) || /^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(server) || /^[0-9a-f:]*:[0-9a-f:.]+$/i.test(server);
    if (!ok) throw new UsageError(`--dns-servers takes IP addresses (optionally with :port), comma-separated; "${server}" is not one`);
  }
  return servers;
}

function workspace(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const dir = path.resolve(raw);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--workspace must be an existing folder, not "${raw}"`);
  return dir;
}

/** Builds the run's input from flags and the environment (the key from ANTHROPIC_API_KEY). */
export function diagnoseInput(flags: DiagnoseFlags, io: CliIo): DiagnosticsInput {
  if (booleanFlag(flags, 'json') && booleanFlag(flags, 'markdown')) throw new UsageError('--json and --markdown exclude each other');
  if (stringFlag(flags, 'model') !== undefined && !booleanFlag(flags, 'inference')) throw new UsageError('--model only applies with --inference');
  const input: DiagnosticsInput = { env: io.env, apiBaseUrlSettingName: '--base-url' };
  const baseUrl = urlFlag(flags, 'base-url');
  if (baseUrl) input.apiBaseUrlSetting = baseUrl;
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
  io.stdout(booleanFlag(flags, 'json') ? renderJson(report) : renderMarkdown(report));
  return report.cancelled || report.checks.some((check) => check.status === 'fail') ? EXIT_UNHEALTHY : EXIT_OK;
}

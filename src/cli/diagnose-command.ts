// `claude-health diagnose`: the connection diagnostics from a terminal or CI.
// Markdown by default, one JSON document with --json; exit 0 when no check
// failed, 1 otherwise, 2 for bad flags.
import * as net from 'node:net';
import * as path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { runDiagnostics } from '../core/diagnostics/runner';
import { renderJson } from '../core/diagnostics/render/json';
import { renderMarkdown } from '../core/diagnostics/render/markdown';
import type { DiagnosticsInput, DiagnosticsReport } from '../core/diagnostics/types';
import { checkHttpUrl } from '../core/settings';
import { EXIT_OK, EXIT_UNHEALTHY, UsageError, type CliIo } from './io';

/** Parsed flags, as the command table hands them over (the names are those of DIAGNOSE_OPTIONS). */
export type DiagnoseFlags = Readonly<Record<string, string | boolean | undefined>>;

function text(flags: DiagnoseFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function on(flags: DiagnoseFlags, name: string): boolean {
  return flags[name] === true;
}

/** For the command table: the flags `parseArgs` accepts. */
export const DIAGNOSE_OPTIONS = {
  'base-url': { type: 'string' },
  'status-url': { type: 'string' },
  'dns-servers': { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  workspace: { type: 'string' },
  inference: { type: 'boolean' },
  model: { type: 'string' },
} satisfies NonNullable<ParseArgsConfig['options']>;

export const DIAGNOSE_SUMMARY =
  'diagnose [--base-url URL] [--status-url URL] [--dns-servers LIST] [--json|--markdown] [--timeout-ms N] [--workspace DIR] [--inference [--model ID]]   layered connection diagnostics';

const MAX_TIMEOUT_MS = 300_000;

function url(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const checked = checkHttpUrl(raw.trim());
  if (!checked.ok) throw new UsageError(`--${flag} ${checked.reason}: "${raw}"`);
  return checked.url;
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
    if (!isDnsServerAddress(server)) throw new UsageError(`--dns-servers takes IP addresses (optionally with :port), comma-separated; "${server}" is not one`);
  }
  return servers;
}

function timeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100 || value > MAX_TIMEOUT_MS) {
    throw new UsageError(`--timeout-ms must be a whole number of milliseconds from 100 to ${MAX_TIMEOUT_MS}, not "${raw}"`);
  }
  return value;
}

function workspace(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const dir = path.resolve(raw);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--workspace must be an existing folder, not "${raw}"`);
  return dir;
}

/** Builds the run's input from flags and the environment (the key from ANTHROPIC_API_KEY). */
export function diagnoseInput(flags: DiagnoseFlags, io: CliIo): DiagnosticsInput {
  if (on(flags, 'json') && on(flags, 'markdown')) throw new UsageError('--json and --markdown exclude each other');
  if (text(flags, 'model') !== undefined && !on(flags, 'inference')) throw new UsageError('--model only applies with --inference');
  const input: DiagnosticsInput = { env: io.env, apiBaseUrlSettingName: '--base-url' };
  const baseUrl = url('base-url', text(flags, 'base-url'));
  if (baseUrl) input.apiBaseUrlSetting = baseUrl;
  const statusUrl = url('status-url', text(flags, 'status-url'));
  if (statusUrl) input.statusPageUrl = statusUrl;
  const dnsServers = text(flags, 'dns-servers');
  if (dnsServers !== undefined) input.dnsServers = parseDnsServers(dnsServers);
  const folder = workspace(text(flags, 'workspace'));
  if (folder) input.workspaceFolder = folder;
  const key = io.env.ANTHROPIC_API_KEY;
  if (key) {
    input.apiKey = key;
    input.apiKeySource = 'ANTHROPIC_API_KEY';
  }
  const model = text(flags, 'model');
  if (on(flags, 'inference')) input.inference = model ? { enabled: true, model } : { enabled: true };
  return input;
}

/**
 * Runs the diagnostics and prints the report. Ctrl-C stops the run and still
 * prints what was found (unless the caller passes its own signal).
 */
export async function runDiagnoseCommand(flags: DiagnoseFlags, io: CliIo, signal?: AbortSignal): Promise<number> {
  const input = diagnoseInput(flags, io);
  const timeoutMs = timeout(text(flags, 'timeout-ms'));
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
  io.stdout(on(flags, 'json') ? renderJson(report) : renderMarkdown(report));
  return report.cancelled || report.checks.some((check) => check.status === 'fail') ? EXIT_UNHEALTHY : EXIT_OK;
}

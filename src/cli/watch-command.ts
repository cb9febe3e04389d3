// `claude-health watch`: the extension's monitor in a terminal. It runs until
// Ctrl-C or SIGTERM, printing health changes (and probe rounds with --json),
// optionally serving Prometheus metrics; `--once` reads the status page and
// probes once, prints the verdict and exits with it (see WATCH_HELP's exit codes).
// The key comes from ANTHROPIC_API_KEY only and is never printed.
import { isIP } from 'node:net';
import * as os from 'node:os';
import { systemClock, systemTimers, type Clock, type Timers } from '../core/clock';
import type { HealthState } from '../core/health';
import { createHealthMetrics } from '../core/metrics/health-metrics';
import { startMetricsServer, type MetricsServer } from '../core/metrics/metrics-server';
import { HealthMonitor } from '../core/monitor';
import { decideKeySending, resolveApiBaseUrl } from '../core/net/base-url';
import { createNodeFetch, type NodeFetch } from '../core/net/node-fetch';
import { redactSecrets } from '../core/net/redact';
import { resolveStateDir } from '../core/store/state-dir';
import { DEFAULT_API_BASE_URL, type Settings, type SettingSpec } from '../core/settings';
import { booleanFlag, integerFlag, PORT_RANGE, stringFlag, type CliFlags } from './flags';
import type { Translate } from '../core/l10n';
import { proxyFlagHelp, type CommandHelp, type FlagHelp } from './help';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, UsageError, type CliIo } from './io';
import { cliTranslator } from './locale';
import { verdictJson, verdictLine } from './watch/output';
import { startWatchSession } from './watch/session';
import { SETTING_FLAGS, SETTING_OPTIONS, watchSettings } from './watch/settings-flags';

/** The API's state could not be told: no key and a green or unreadable page, or nothing answered. */
export const EXIT_UNKNOWN = 3;

export function watchSummary(t: Translate): string {
  return t`Run the monitor the extension runs: status page, probes, health; Prometheus metrics.`;
}

/** What a setting's flag takes, from its spec: the range, the choices, the default. */
function settingFlagHelp(spec: SettingSpec, t: Translate): FlagHelp {
  const setting = `claudeHealth.${spec.key}`;
  switch (spec.kind) {
    case 'number':
      return { value: 'N', description: t`${setting}, ${spec.min} to ${spec.max} (default ${spec.default}).` };
    case 'enum':
      return { value: spec.values.join('|'), description: t`${setting} (default ${spec.default}).` };
    case 'list':
      return { value: 'A,B', description: t`${setting}: comma-separated or repeated (default ${spec.default.join(',') || t`none`}).` };
    case 'boolean':
      return { value: 'true|false', description: t`${setting} (default ${String(spec.default)}).` };
    case 'endpoints':
      return { value: 'NAME=URL[,KEY_ENV]', description: t`${setting} (default ${t`none`}).` };
    default: {
      // An empty default means "resolved elsewhere": for the base URL, as the SDKs resolve it.
      const fallback = spec.default || (spec.key === 'apiBaseUrl' ? t`ANTHROPIC_BASE_URL, then ${DEFAULT_API_BASE_URL}` : '');
      return { value: spec.kind === 'url' ? 'URL' : 'VALUE', description: fallback ? t`${setting} (default ${fallback}).` : `${setting}.` };
    }
  }
}

export function watchHelp(t: Translate): CommandHelp {
  return {
    description: t`Until Ctrl-C: one line per health change (and a live line on a terminal); --json prints one JSON object per line for each change and each probe round. Every setting of the extension is a flag (dots and capitals become dashes) or a key of --config FILE, a JSON object such as {"probe.intervalSeconds": 30}; flags win. The key comes from ANTHROPIC_API_KEY only and is never printed. --once counts one bad probe round as degraded (health.degradeAfter 1).`,
    flags: {
      once: { description: t`Read the status page and probe once, print the verdict and exit with it (see the exit codes).` },
      json: { description: t`One JSON object per line; with --metrics-port the first is {"metricsUrl": ...}.` },
      config: { value: 'FILE', description: t`Settings as JSON, keys as in settings.json without "claudeHealth.".` },
      'metrics-port': { value: 'N', description: t`Serve Prometheus metrics at http://HOST:N/metrics; 0 picks a free port. The URL is printed first.` },
      'metrics-host': { value: 'IP', description: t`Address the metrics server binds (default 127.0.0.1).` },
      proxy: { value: 'URL', description: proxyFlagHelp(t) },
      'allow-insecure-http': { description: t`Send the key over plain http:// to a base URL on another machine (held back otherwise).` },
      ...Object.fromEntries(SETTING_FLAGS.map(({ flag, spec }) => [flag, settingFlagHelp(spec, t)])),
    },
    examples: ['watch --once', 'watch --json --metrics-port 9464', 'watch --probe-mode message --probe-interval-seconds 30'],
    exitCodes: [
      [EXIT_OK, t`operational (--once), or stopped by Ctrl-C or SIGTERM`],
      [EXIT_UNHEALTHY, t`--once: degraded, outage or maintenance`],
      [EXIT_USAGE, t`a bad flag or config file`],
      [EXIT_UNKNOWN, t`--once: could not tell (no key and a green or unreadable page)`],
    ],
  };
}

export const WATCH_OPTIONS = {
  json: { type: 'boolean' },
  once: { type: 'boolean' },
  config: { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  proxy: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  ...SETTING_OPTIONS,
} as const;

export interface WatchOptions {
  /** Redraw a live line (stdout is a terminal). */
  live?: boolean;
  /** Ends a running watch; default SIGINT or SIGTERM. */
  stop?: AbortSignal;
  clock?: Clock;
  timers?: Timers;
  /** The shared store read for the user's own traffic; default CLAUDE_HEALTH_STATE_DIR, else the per-user state folder. */
  stateDir?: string;
}

const EXIT_OF_STATE: Record<HealthState, number> = {
  operational: EXIT_OK,
  degraded: EXIT_UNHEALTHY,
  outage: EXIT_UNHEALTHY,
  maintenance: EXIT_UNHEALTHY,
  unknown: EXIT_UNKNOWN,
  unconfigured: EXIT_UNKNOWN,
};

export function exitCodeOfState(state: HealthState): number {
  return EXIT_OF_STATE[state];
}

/** An address to listen on: an IP literal or localhost, nothing that needs a DNS answer. */
function metricsHostFlag(flags: CliFlags): string | undefined {
  const host = stringFlag(flags, 'metrics-host');
  if (host === undefined) return undefined;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare !== 'localhost' && isIP(bare) === 0) throw new UsageError((t) => t`--metrics-host must be an IP address such as 127.0.0.1 or ::1, not "${host.slice(0, 60)}"`);
  return bare;
}

function whenStopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

interface Prepared {
  settings: Settings;
  apiKey: string | undefined;
  allowedInsecureOrigins: string[];
  transport: NodeFetch;
  write: (text: string) => void;
  /** The language of the human output; JSON keys and states stay English. */
  t: Translate;
}

/** Flags, config, key and transport: everything both modes share. Throws UsageError before any request. */
function prepare(flags: CliFlags, io: CliIo): Prepared {
  const t = cliTranslator(io);
  const settings = watchSettings(flags);
  const apiKey = io.env.ANTHROPIC_API_KEY?.trim() || undefined;
  const baseUrl = resolveApiBaseUrl(settings.apiBaseUrl, io.env, t);
  if (baseUrl.problem) io.stderr(`claude-health watch: ${baseUrl.problem}\n`);
  const route = { proxyUrl: stringFlag(flags, 'proxy'), env: io.env };
  const allowedInsecureOrigins = booleanFlag(flags, 'allow-insecure-http') ? [new URL(baseUrl.url).origin] : [];
  if (apiKey) {
    const decision = decideKeySending(baseUrl.url, allowedInsecureOrigins, route, t);
    if (!decision.send) throw new UsageError(t`${decision.reason}; pass --allow-insecure-http to send it anyway`);
  }
  const transport = createNodeFetch(route);
  return { settings, apiKey, allowedInsecureOrigins, transport, write: (text) => io.stdout(redactSecrets(text, [apiKey])), t };
}

/** One page read and one probe round. One bad probe result counts (health.degradeAfter 1): a check in a storm must say so. */
async function runOnce(prepared: Prepared, json: boolean, io: CliIo, options: WatchOptions): Promise<number> {
  const monitor = new HealthMonitor({
    clock: options.clock ?? systemClock,
    timers: options.timers ?? systemTimers,
    settings: { ...prepared.settings, degradeAfter: 1 },
    fetch: prepared.transport.fetch,
    route: () => prepared.transport.route,
    getApiKey: () => prepared.apiKey,
    env: io.env,
    allowedInsecureOrigins: prepared.allowedInsecureOrigins,
    t: prepared.t,
  });
  try {
    await monitor.refresh();
    const snapshot = monitor.snapshot();
    const code = exitCodeOfState(snapshot.health.state);
    prepared.write(json ? `${JSON.stringify(verdictJson(snapshot, code))}\n` : `${verdictLine(snapshot, prepared.t)}\n`);
    return code;
  } finally {
    monitor.dispose();
  }
}

async function runContinuously(prepared: Prepared, flags: CliFlags, json: boolean, io: CliIo, options: WatchOptions): Promise<number> {
  const port = integerFlag(flags, 'metrics-port', PORT_RANGE);
  const host = metricsHostFlag(flags) ?? '127.0.0.1';
  const metrics = port === undefined ? undefined : createHealthMetrics();
  let server: MetricsServer | undefined;
  if (metrics && port !== undefined) {
    try {
      server = await startMetricsServer({ registry: metrics.registry, host, port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError((t) => t`--metrics-port ${port} is already in use on ${host}; pick another, or 0 for any free port`);
      if (code === 'EADDRNOTAVAIL') throw new UsageError((t) => t`--metrics-host ${host} is not an address of this machine`);
      throw error;
    }
    // First, before anything else, so a script can read where to scrape.
    prepared.write(json ? `${JSON.stringify({ metricsUrl: server.url })}\n` : `${prepared.t`metrics: ${server.url}`}\n`);
  }
  const session = startWatchSession({
    settings: prepared.settings,
    clock: options.clock ?? systemClock,
    timers: options.timers ?? systemTimers,
    fetch: prepared.transport.fetch,
    route: () => prepared.transport.route,
    env: io.env,
    apiKey: prepared.apiKey,
    allowedInsecureOrigins: prepared.allowedInsecureOrigins,
    write: prepared.write,
    t: prepared.t,
    json,
    live: options.live === true,
    ...(metrics ? { metrics } : {}),
    stateDir: options.stateDir ?? resolveStateDir(io.env, process.platform, os.homedir()),
  });
  await whenStopped(options.stop);
  session.stop();
  await server?.close();
  return EXIT_OK;
}

export async function runWatchCommand(flags: CliFlags, io: CliIo, options: WatchOptions = {}): Promise<number> {
  const json = booleanFlag(flags, 'json');
  const once = booleanFlag(flags, 'once');
  if (once && flags['metrics-port'] !== undefined) throw new UsageError((t) => t`--metrics-port serves a running watch; --once exits after one round`);
  if (flags['metrics-host'] !== undefined && flags['metrics-port'] === undefined) throw new UsageError((t) => t`--metrics-host needs --metrics-port`);
  // Checked before the transport exists, so a bad flag leaves nothing to close.
  integerFlag(flags, 'metrics-port', PORT_RANGE);
  metricsHostFlag(flags);
  const prepared = prepare(flags, io);
  try {
    return once ? await runOnce(prepared, json, io, options) : await runContinuously(prepared, flags, json, io, options);
  } finally {
    prepared.transport.close();
  }
}

// `claude-health tap`: the traffic tap in the foreground until SIGINT/SIGTERM.
// The user's app points ANTHROPIC_BASE_URL at it; every answer becomes one
// log line on stderr and one observation in the shared store, where
// `claude-health signals` and every VS Code window read it.
import { homedir } from 'node:os';
import { systemClock } from '../core/clock';
import { isLoopbackHost, resolveApiBaseUrl } from '../core/net/base-url';
import { redactSecrets } from '../core/net/redact';
import { ObservationStoreWriter, resolveStateDir, STATE_DIR_VARIABLE, uniqueWriterName } from '../core/store/observation-store';
import { storedObservationOf } from '../core/tap/stored';
import { formatTapRecord, type TapRecord } from '../core/tap/tap-record';
import { DEFAULT_TAP_HOST, DEFAULT_TAP_TIMEOUT_MS, startTap, TapSetupError, type RunningTap } from '../core/tap/tap-server';
import { DEFAULT_API_BASE_URL } from '../core/settings';
import { Batcher } from './batcher';
import { booleanFlag, integerFlag, PORT_RANGE, proxyFlag, stringFlag, TIMEOUT_MS_RANGE, urlFlag, type CliFlags } from './flags';
import { serveUntilSignal } from './foreground';
import type { Translate } from '../core/l10n';
import { portFlagHelp, type CommandHelp } from './help';
import { cliTranslator } from './locale';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, UsageError, type CliIo } from './io';

export function tapSummary(t: Translate): string {
  return t`Run a local traffic tap: your app's API requests pass through it and are counted.`;
}

export const TAP_OPTIONS = {
  upstream: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'timeout-ms': { type: 'string' },
  proxy: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  'state-dir': { type: 'string' },
} as const;

export function tapHelp(t: Translate): CommandHelp {
  return {
    description: t`A reverse proxy on this machine: set ANTHROPIC_BASE_URL to its URL in your app's environment and every request goes on to the upstream unchanged, streams included, while the tap records how each was answered (status, error type, latency, request-id, retry-after, model, path; never the key, never a body). Prints one JSON line first: {url, upstream}; then one line per request on stderr. Records go to the shared store, where claude-health signals and the extension read them. Runs until Ctrl-C (SIGINT) or SIGTERM.`,
    flags: {
      upstream: { value: 'URL', description: t`Where requests go on to; default ANTHROPIC_BASE_URL, then ${DEFAULT_API_BASE_URL}.` },
      port: { value: 'N', description: portFlagHelp(t) },
      host: { value: 'ADDR', description: t`Address to listen on (default ${DEFAULT_TAP_HOST}). Any other lets other machines send requests through the tap: a warning says so.` },
      'timeout-ms': {
        value: 'N',
        description: t`Answer 504 when the upstream sends no answer within N milliseconds, and cut a stream silent that long; ${TIMEOUT_MS_RANGE.min} to ${TIMEOUT_MS_RANGE.max} (default ${DEFAULT_TAP_TIMEOUT_MS}).`,
      },
      proxy: { value: 'URL', description: t`Proxy for the upstream (http://host:port); default HTTPS_PROXY, HTTP_PROXY or ALL_PROXY, minus NO_PROXY.` },
      'allow-insecure-http': { description: t`Let the key your app sends go over plain http:// to an upstream on another machine (refused otherwise).` },
      'state-dir': { value: 'DIR', description: t`The shared store's folder; default ${STATE_DIR_VARIABLE}, then the per-user state folder.` },
    },
    examples: ['tap', 'tap --port 8787', 'tap --upstream http://127.0.0.1:8080 --state-dir /tmp/ch'],
    exitCodes: [
      [EXIT_OK, t`stopped by SIGINT or SIGTERM`],
      [EXIT_UNHEALTHY, t`an unexpected failure`],
      [EXIT_USAGE, t`a bad flag, the port is taken, or the upstream is refused (plain http to another machine, the tap itself)`],
    ],
  };
}

/** Records reach the store a few times a second, not one file append per request. */
const STORE_BATCH_MS = 200;
const STORE_BATCH_SIZE = 500;
/** Log lines reach stderr within a blink, a batch at a time, not one write per request. */
const LOG_BATCH_MS = 50;
const LOG_BATCH_LINES = 100;

export interface TapCommandSession {
  tap: RunningTap;
  /** Where records go. */
  stateDir: string;
  /** Stops the tap and writes out every record. */
  stop(): Promise<void>;
}

function upstreamOf(flags: CliFlags, io: CliIo): string {
  const fromFlag = urlFlag(flags, 'upstream');
  if (fromFlag !== undefined) return fromFlag;
  const resolved = resolveApiBaseUrl(undefined, io.env, cliTranslator(io));
  if (resolved.problem) io.stderr(`claude-health tap: ${resolved.problem}\n`);
  return resolved.url;
}

/** Starts the tap and prints its one-line JSON handshake; the caller keeps the process alive. */
export async function startTapCommand(flags: CliFlags, io: CliIo): Promise<TapCommandSession> {
  const port = integerFlag(flags, 'port', PORT_RANGE) ?? 0;
  const host = stringFlag(flags, 'host')?.trim() || DEFAULT_TAP_HOST;
  const timeoutMs = integerFlag(flags, 'timeout-ms', TIMEOUT_MS_RANGE) ?? DEFAULT_TAP_TIMEOUT_MS;
  const proxyUrl = proxyFlag(flags);
  const stateDirFlag = stringFlag(flags, 'state-dir');
  if (stateDirFlag !== undefined && stateDirFlag.trim() === '') throw new UsageError((t) => t`--state-dir needs a folder`);
  const stateDir = resolveStateDir(stateDirFlag !== undefined ? { ...io.env, [STATE_DIR_VARIABLE]: stateDirFlag } : io.env, process.platform, homedir());
  const upstream = upstreamOf(flags, io);
  const secrets = [io.env.ANTHROPIC_API_KEY];
  // Records wait in two bounded batches, one for the log and one for the store, and are formatted
  // there: the work per request stays off the path of the answers still arriving.
  const logged = new Batcher<TapRecord>({
    deliver: (records) => io.stderr(records.map((record) => `${redactSecrets(formatTapRecord(record), secrets)}\n`).join('')),
    delayMs: LOG_BATCH_MS,
    maxItems: LOG_BATCH_LINES,
  });
  // Other lines (warnings, failures) go out at once, after the record lines before them.
  const line = (text: string) => {
    logged.flush();
    io.stderr(`${redactSecrets(text, secrets)}\n`);
  };
  const store = new ObservationStoreWriter({ dir: stateDir, writerName: uniqueWriterName('tap'), clock: systemClock, log: line });
  const stored = new Batcher<TapRecord>({ deliver: (records) => store.append(records.map(storedObservationOf)), delayMs: STORE_BATCH_MS, maxItems: STORE_BATCH_SIZE });
  // Whatever ends the process, the record lines already gathered are written (stderr is synchronous for files and pipes).
  const flushLog = () => logged.flush();
  process.once('exit', flushLog);
  const writeOut = async () => {
    process.off('exit', flushLog);
    logged.flush();
    stored.flush();
    await store.close();
  };
  let tap: RunningTap;
  try {
    tap = await startTap({
      upstream,
      host,
      port,
      timeoutMs,
      proxyUrl,
      env: io.env,
      allowedInsecureOrigins: booleanFlag(flags, 'allow-insecure-http') ? [new URL(upstream).origin] : [],
      onRecord: (record: TapRecord) => {
        logged.add(record);
        stored.add(record);
      },
      log: (text) => line(`claude-health tap: ${text}`),
      t: cliTranslator(io),
    });
  } catch (error) {
    await writeOut();
    if (!(error instanceof TapSetupError)) throw error;
    const { message, reason } = error;
    throw new UsageError((t) =>
      reason === 'key' ? t`${message}; pass --allow-insecure-http to send it anyway`
      : reason === 'port' ? t`${message}; pick another with --port, or 0 for any free port`
      : message,
    );
  }
  io.stdout(`${JSON.stringify({ url: tap.url, upstream: tap.upstream })}\n`);
  const t = cliTranslator(io);
  if (!isLoopbackHost(host)) {
    line(`claude-health tap: ${t`warning: listening on ${host}, not only this machine: anyone who can reach ${tap.url} can send requests through it to ${tap.upstream} and read the answers`}`);
  }
  line(`claude-health tap: ${t`forwarding ${tap.url} -> ${tap.upstream}; set ANTHROPIC_BASE_URL=${tap.url} in your app's environment; records go to ${stateDir}`}`);
  return {
    tap,
    stateDir,
    async stop() {
      await tap.close();
      await writeOut();
    },
  };
}

export async function runTapCommand(flags: CliFlags, io: CliIo): Promise<number> {
  // Listening for the stop signals before the handshake: a caller may send one as soon as it reads it.
  const started: { session?: TapCommandSession } = {};
  const t = cliTranslator(io);
  const stopped = serveUntilSignal(io, (signal) => t`received ${signal}, stopping the tap`, async () => {
    await started.session?.stop();
  });
  started.session = await startTapCommand(flags, io);
  return stopped;
}

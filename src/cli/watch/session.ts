// One running `watch`: the monitor the extension runs, with the user always
// present (a terminal that asked to watch never idles), its changes printed
// and, when asked, fed to the metrics. Clock, timers and transport come in, so
// the benchmark can run a simulated day through the same code.
import type { Clock, Timers } from '../../core/clock';
import { HealthMonitor, type MonitorSnapshot, type Subscription } from '../../core/monitor';
import type { HealthMetrics } from '../../core/metrics/health-metrics';
import { feedMetrics, roundTracker } from '../../core/metrics/monitor-feed';
import type { FetchLike } from '../../core/net/node-fetch';
import type { ProxySettings } from '../../core/net/proxy-config';
import type { Settings } from '../../core/settings';
import type { Translate } from '../../core/l10n';
import * as os from 'node:os';
import { TranscriptSource } from '../../core/monitor/transcript-source';
import { uniqueWriterName } from '../../core/store/observation-store';
import { healthChangeJson, healthChangeLine, liveLine, probeRoundJson } from './output';

export interface WatchSessionDeps {
  settings: Settings;
  clock: Clock;
  timers: Timers;
  fetch: FetchLike;
  route: () => ProxySettings;
  env: Readonly<Record<string, string | undefined>>;
  apiKey: string | undefined;
  allowedInsecureOrigins: readonly string[];
  /** Already redacted by the caller's writer. */
  write: (text: string) => void;
  /** The language of the lines and of the health reasons; JSON keys and states stay English. */
  t?: Translate;
  json: boolean;
  /** Redraw a live line in place (a terminal, human output). */
  live: boolean;
  metrics?: HealthMetrics;
  /**
   * The shared store: the tap's rows and the Claude Code errors the windows
   * wrote show in the counts and the health. watch still probes on its own
   * (its flags may name another API or mode than the windows use) and writes
   * nothing, so it never answers for a window nor counts twice.
   */
  stateDir?: string;
}

export interface WatchSession {
  readonly monitor: HealthMonitor;
  /** Stops the sources and ends the live line; requests in flight are abandoned. */
  stop(): void;
}

const CLEAR_LINE = '\r\x1b[2K';

export function startWatchSession(deps: WatchSessionDeps): WatchSession {
  const monitor = new HealthMonitor({
    clock: deps.clock,
    timers: deps.timers,
    settings: deps.settings,
    fetch: deps.fetch,
    route: deps.route,
    getApiKey: () => deps.apiKey,
    env: deps.env,
    allowedInsecureOrigins: deps.allowedInsecureOrigins,
    ...(deps.t ? { t: deps.t } : {}),
    // watch reads Claude Code's transcripts itself, so it sees them with no window open; rows a window also stored are counted once.
    extraSources: [(sink) => new TranscriptSource({ clock: deps.clock, timers: deps.timers, sink, env: deps.env, homedir: os.homedir() }, deps.settings)],
    ...(deps.stateDir ? { shared: { dir: deps.stateDir, writerName: uniqueWriterName('watch'), mode: 'read-traffic' as const } } : {}),
  });
  const subscriptions: Subscription[] = [];
  let liveShown = false;
  const live = deps.live && !deps.json;
  const nextRound = roundTracker();

  subscriptions.push(
    monitor.onDidChangeHealth((previous, next) => {
      const at = deps.clock.now();
      if (deps.json) deps.write(`${JSON.stringify(healthChangeJson(previous, next, at))}\n`);
      else deps.write(`${liveShown ? CLEAR_LINE : ''}${healthChangeLine(previous, next, at, deps.t)}\n`);
      liveShown = false;
    }),
    monitor.onDidChange((snapshot: MonitorSnapshot) => {
      const round = nextRound(snapshot);
      if (deps.json && round) deps.write(`${JSON.stringify(probeRoundJson(round, snapshot))}\n`);
      if (live) {
        deps.write(`${CLEAR_LINE}${liveLine(snapshot, deps.t)}`);
        liveShown = true;
      }
    }),
  );
  if (deps.metrics) subscriptions.push(feedMetrics(monitor, deps.metrics, () => deps.settings.watchedComponents));
  monitor.start();

  return {
    monitor,
    stop() {
      for (const subscription of subscriptions) subscription.dispose();
      monitor.dispose();
      if (liveShown) deps.write('\n');
      liveShown = false;
    },
  };
}

// The monitor: runs the sources (the status page and the probes, each its own
// poll loop on the injected clock) and folds what they report into the signals,
// the health and the snapshot that the views render. It owns no transport: the
// composition root passes the fetch in and rebuilds it when proxy settings change.
import { systemStopwatch, type Clock, type Stopwatch, type TimerHandle, type Timers } from '../clock';
import { describeError } from '../text/describe-error';
import { assessHealth, type Health } from '../health';
import type { Translate } from '../l10n';
import { redactSecrets } from '../net/redact';
import type { FetchLike } from '../net/node-fetch';
import type { ProxySettings } from '../net/proxy-config';
import type { Settings } from '../settings';
import { nextVerdict, verdictAfter, type HysteresisPolicy, type ProbeVerdict } from '../signals/hysteresis';
import { ProbeLog, type ProbeEvent, type SignalsState } from '../signals/probe-log';
import { REQUEST_SOURCES, type RequestSource } from '../signals/request-kinds';
import { TimelineLog, type TimelineState } from '../history/timeline-log';
import type { HistoryData } from '../history/data';
import { countWindow } from '../signals/window-counts';
import { isTrafficObservation, RealTrafficLog, TRAFFIC_WINDOW_MS, type TrafficObservation, type TrafficPolicy } from '../signals/real-traffic';
import type { StoredObservation } from '../store/stored-observation';
import { recoveryStreak } from './schedule';
import { UserActivity } from './activity';
import type { MonitorSource, Observation, ObservationSource, SourceSink } from './observation';
import { ProbeSource } from './probe-source';
import { buildSnapshot, type MonitorSnapshot, type TrafficReading } from './snapshot';
import { StatusPageSource } from './status-page-source';
import { SharedStoreSource, type SharedStoreOptions } from './shared-store-source';
import { storedOfProbeObservation } from './stored-rows';

export interface MonitorDeps {
  clock: Clock;
  timers: Timers;
  settings: Settings;
  /** Every request goes through it; its owner applies the proxy settings and closes it. */
  fetch: FetchLike;
  /**
   * The proxy route `fetch` takes (TransportSlot.route): the key goes over plain
   * http only where no proxy can read it. Default: the proxy variables in `env`.
   */
  route?: () => ProxySettings;
  /** The key, asked for before every probe round (SecretStorage, then ANTHROPIC_API_KEY). */
  getApiKey: () => Promise<string | undefined> | string | undefined;
  /** For ANTHROPIC_BASE_URL. */
  env: Readonly<Record<string, string | undefined>>;
  /** Origins the user allowed to receive the key over plain http. */
  allowedInsecureOrigins?: readonly string[];
  /** What saveState() returned last time (globalState); validated, corrupt means empty. */
  savedState?: unknown;
  /** One line per event, for the output channel. Never carries the key. */
  log?: (line: string) => void;
  /** Measures real request latency; default performance.now. */
  stopwatch?: Stopwatch;
  /** More sources feeding the same signals, built with the monitor's sink. */
  extraSources?: readonly ((sink: SourceSink) => MonitorSource)[];
  /** The language of health reasons; default English. */
  t?: Translate;
  /**
   * The shared store of every window, the CLI and the tap. With it, one window
   * at a time (the lease holder) probes, reads the status page and the
   * transcripts and writes what it saw; the others read it. Without it, this
   * monitor polls on its own.
   */
  shared?: SharedStoreOptions;
}

/** What saveState() gives to keep: the request log, and the health and status-page timeline beside it. */
export type SavedSignals = SignalsState & { timeline: TimelineState };

export interface Subscription {
  dispose(): void;
}

const SPARKLINE_EVENTS = 60;
/** Results the health and the verdict look back on. */
const RECENT_RESULTS = 20;

export class HealthMonitor {
  private settings: Settings;
  private settingsProblems: readonly string[] = [];
  /** Every outcome the sources recorded, bounded; saved across restarts. */
  private readonly history: ProbeLog;
  /** Health changes and status-page bands over the same span, for the history view. */
  private readonly timeline: TimelineLog;
  private notedPageAt: number | undefined;
  private readonly activity: UserActivity;
  private readonly page: StatusPageSource;
  private readonly probe: ProbeSource;
  private readonly sources: readonly MonitorSource[];
  private readonly shared: SharedStoreSource | undefined;
  private disposed = false;
  private started = false;

  /** Probe results before this instant belong to an earlier configuration. */
  private sequenceSince: number;
  private verdict: ProbeVerdict = 'none';
  private health: Health;
  private healthSince: number;
  private readonly listeners = new Set<(snapshot: MonitorSnapshot) => void>();
  private readonly healthListeners = new Set<(previous: Health, next: Health) => void>();
  /** The user's own requests, by source and kind. */
  private readonly traffic = new RealTrafficLog();
  private readonly trafficListeners = new Set<(observations: readonly TrafficObservation[]) => void>();
  /** While real traffic keeps the health degraded, the health is assessed again as failures age out. */
  private trafficTimer: TimerHandle | undefined;

  constructor(private readonly deps: MonitorDeps) {
    this.settings = deps.settings;
    const now = deps.clock.now();
    this.activity = new UserActivity(deps.clock);
    const retentionMs = retentionOf(this.settings);
    this.history = ProbeLog.fromJSON(deps.savedState, now, retentionMs);
    this.timeline = TimelineLog.fromJSON(timelineOf(deps.savedState), now, retentionMs);
    const sink: SourceSink = {
      record: (observations) => this.record(observations, true),
      recordTraffic: (observations) => this.recordTraffic(observations, true),
      restart: (source) => this.restartSequence(source),
      reportChange: () => this.reassess(),
      log: (line) => this.writeLog(line),
      isActive: () => this.activity.isActive(this.settings.probeIdleMinutes),
      mayPoll: () => this.shared === undefined || this.shared.isLeader || this.shared.pollsOnItsOwn,
      verdict: () => this.verdict,
    };
    const common = { clock: deps.clock, timers: deps.timers, fetch: deps.fetch, sink };
    this.page = new StatusPageSource({ ...common, ...(deps.t ? { t: deps.t } : {}) }, this.settings);
    this.probe = new ProbeSource(
      { ...common, stopwatch: deps.stopwatch ?? systemStopwatch, getApiKey: deps.getApiKey, env: deps.env, route: deps.route ?? (() => ({ env: deps.env })), ...(deps.t ? { t: deps.t } : {}) },
      this.settings,
      deps.allowedInsecureOrigins ?? [],
    );
    const extra = (deps.extraSources ?? []).map((create) => create(sink));
    this.shared = deps.shared ? this.createShared(deps.shared, sink) : undefined;
    this.sources = [this.page, this.probe, ...extra, ...(this.shared ? [this.shared] : [])];
    // A restart keeps the verdict the recent past supports, not older history.
    this.sequenceSince = now - this.settings.windowMinutes * 60_000;
    this.verdict = verdictAfter(this.recentEvents().map((e) => e.outcome), this.policy());
    this.health = this.assess();
    this.healthSince = now;
    this.timeline.noteHealth(this.health.state, now);
  }

  // ---- lifecycle -------------------------------------------------------------

  /** Starts every source at once. Calling it again does nothing. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    for (const source of this.sources) source.start();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const source of this.sources) source.dispose();
    this.trafficTimer?.cancel();
    this.trafficListeners.clear();
    this.listeners.clear();
    this.healthListeners.clear();
  }

  /** Resolves when no source has a request in flight (tests, benchmarks, shutdown). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const running = this.sources.map((source) => source.inFlight).filter((run) => run !== undefined);
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  onDidChange(listener: (snapshot: MonitorSnapshot) => void): Subscription {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Called with every batch of the user's own requests recorded (metrics count them). */
  onDidRecordTraffic(listener: (observations: readonly TrafficObservation[]) => void): Subscription {
    if (this.disposed) return { dispose: () => undefined };
    this.trafficListeners.add(listener);
    return { dispose: () => this.trafficListeners.delete(listener) };
  }

  /** Called once per change of health state (not of reasons alone). */
  onDidChangeHealth(listener: (previous: Health, next: Health) => void): Subscription {
    if (this.disposed) return { dispose: () => undefined };
    this.healthListeners.add(listener);
    return { dispose: () => this.healthListeners.delete(listener) };
  }

  /** The plain JSON object to keep in globalState. Holds times, outcomes, latencies: never the key. */
  saveState(): SavedSignals {
    return { ...this.history.toJSON(), timeline: this.timeline.toJSON() };
  }

  /** Everything the history view draws from, as kept now (oldest first). */
  historyData(): HistoryData {
    const now = this.deps.clock.now();
    this.history.prune(now);
    this.timeline.prune(now);
    return { now, retentionMs: retentionOf(this.settings), events: this.history.all(), health: this.timeline.healthChanges(), bands: this.timeline.bands() };
  }

  // ---- inputs from the adapter -----------------------------------------------

  updateSettings(settings: Settings, problems: readonly string[] = []): void {
    if (this.disposed) return;
    const previous = this.settings;
    this.settings = settings;
    this.settingsProblems = problems;
    if (
      previous.degradeAfter !== settings.degradeAfter ||
      previous.recoverAfter !== settings.recoverAfter ||
      previous.windowMinutes !== settings.windowMinutes
    ) {
      // A probe configuration change below starts the sequence over anyway.
      this.verdict = verdictAfter(this.recentEvents().map((e) => e.outcome), this.policy());
    }
    if (previous.historyRetentionHours !== settings.historyRetentionHours) {
      const now = this.deps.clock.now();
      this.history.setRetention(retentionOf(settings), now);
      this.timeline.setRetention(retentionOf(settings), now);
    }
    for (const source of this.sources) source.updateSettings(settings, previous);
    this.reassess();
  }

  /** The user allowed sending the key over plain http to these origins; a probe that held it back runs again. */
  allowInsecureOrigins(origins: readonly string[]): void {
    if (this.disposed) return;
    this.probe.allowInsecureOrigins(origins);
  }

  /** The window gained or lost focus. */
  setFocused(focused: boolean): void {
    if (this.disposed) return;
    this.activity.setFocused(focused);
    if (focused) this.noteActivity();
  }

  /** The user did something (typed, switched editors): polling resumes if it was parked. */
  noteActivity(): void {
    if (this.disposed) return;
    this.activity.noteActivity();
    if (!this.started) return;
    for (const source of this.sources) source.resume();
  }

  /** The key changed (set, deleted): probe now with the new one. */
  keyChanged(): void {
    if (this.disposed || !this.started) return;
    this.probe.keyChanged();
  }

  /**
   * Reads the status page and probes now. Retry-after still holds: a probe it
   * forbids waits, and the snapshot says until when.
   */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    this.activity.noteActivity();
    this.started = true;
    for (const source of this.sources) source.runNow();
    await this.whenIdle();
  }

  // ---- the snapshot ----------------------------------------------------------

  /** What the monitor knows now, for the views; listeners get the same after every change. */
  snapshot(): MonitorSnapshot {
    const now = this.deps.clock.now();
    this.history.prune(now);
    return buildSnapshot({
      now,
      health: this.health,
      healthSince: this.healthSince,
      settings: this.settings,
      settingsProblems: this.settingsProblems,
      page: this.page.reading(),
      pageVerdict: this.page.verdict(this.settings.watchedComponents, this.deps.t),
      probe: this.probe.reading(now),
      probeVerdict: this.verdict,
      window: countWindow(this.history.all(), now, this.settings.windowMinutes),
      recent: this.history.latest(SPARKLINE_EVENTS),
      traffic: this.trafficReading(now),
    });
  }

  // ---- the shared store ---------------------------------------------------------

  /** Whether this window is the one that probes for all (always, without a shared store). */
  get isProber(): boolean {
    return this.shared === undefined || this.shared.isLeader || this.shared.pollsOnItsOwn;
  }

  /** Whether this monitor elects one prober with other windows (false without a shared store, or when it polls on its own). */
  get sharesProbing(): boolean {
    return this.shared !== undefined && !this.shared.pollsOnItsOwn;
  }

  /** Resolves once this window's observations are in the shared store (tests, benchmarks). */
  async flushShared(): Promise<void> {
    await this.shared?.flush();
  }

  private createShared(options: SharedStoreOptions, sink: SourceSink): SharedStoreSource {
    // What others wrote is recorded here but never written back.
    const readOnlySink: SourceSink = {
      ...sink,
      record: (observations) => this.record(observations, false),
      recordTraffic: (observations) => this.recordTraffic(observations, false),
    };
    return new SharedStoreSource({
      ...options,
      clock: this.deps.clock,
      timers: this.deps.timers,
      sink: readOnlySink,
      settings: this.settings,
      onLeadership: (leader) => {
        if (!leader || !this.started) return;
        for (const source of this.sources) source.resume();
      },
      currentPage: () => {
        const reading = this.page.reading();
        if (reading.lastAttemptAt === undefined) return undefined;
        return { attemptAt: reading.lastAttemptAt, ...(reading.summary ? { snapshot: reading.summary } : {}), ...(reading.lastError ? { error: reading.lastError } : {}) };
      },
      adoptPage: (page) => this.page.adopt(page),
      adoptRound: (round) => this.probe.adoptRound(round),
    });
  }

  // ---- folding what the sources report -------------------------------------------

  private record(observations: readonly Observation[], own: boolean): void {
    const now = this.deps.clock.now();
    if (own) this.shared?.publish(observations.map(storedOfProbeObservation));
    // A row read back from the store that the saved history already holds is not counted twice.
    const newest = own ? -Infinity : (this.history.all().at(-1)?.at ?? -Infinity);
    for (const { source, ...event } of observations) {
      if (event.at <= newest) continue;
      this.history.add(isRequestSource(source) ? { ...event, source } : event, now);
      this.verdict = nextVerdict(this.verdict, this.recentEvents().slice(-RECENT_RESULTS).map((e) => e.outcome), this.policy());
    }
  }

  private recordTraffic(observations: readonly StoredObservation[], own: boolean): void {
    if (this.disposed) return;
    // A new prober reads the transcripts' recent rows again: rows already known are dropped here.
    const traffic = this.traffic.add(observations.filter(isTrafficObservation), this.deps.clock.now());
    if (traffic.length === 0) return;
    if (own) this.shared?.publish(traffic);
    for (const listener of [...this.trafficListeners]) this.callSafely(() => listener(traffic));
  }

  private trafficReading(now: number): TrafficReading {
    const windowMs = this.settings.windowMinutes * 60_000;
    const reading: TrafficReading = { counts: this.traffic.counts(now, windowMs) };
    const latestError = this.traffic.latestError(now, windowMs);
    if (latestError) reading.latestError = latestError;
    const planLimit = this.traffic.activePlanLimit(now, windowMs);
    if (planLimit) reading.planLimit = planLimit;
    return reading;
  }

  private trafficPolicy(): TrafficPolicy {
    return { degradeAfter: this.settings.degradeAfter + 1, recoverAfter: this.settings.recoverAfter };
  }

  /** Real failures age out of their window without any new event: look again then. */
  private watchTrafficAging(degraded: boolean): void {
    this.trafficTimer?.cancel();
    this.trafficTimer = undefined;
    if (!degraded || this.disposed) return;
    this.trafficTimer = this.deps.timers.setTimeout(() => this.reassess(), Math.min(TRAFFIC_WINDOW_MS / 4, 10_000));
  }

  private restartSequence(_source: ObservationSource): void {
    this.sequenceSince = this.deps.clock.now();
    this.verdict = 'none';
  }

  private policy(): HysteresisPolicy {
    // Faults are sampled quickly (see schedule.ts), so clearing one asks for one more good result.
    return { degradeAfter: this.settings.degradeAfter, recoverAfter: recoveryStreak(this.settings.recoverAfter) };
  }

  private recentEvents(): ProbeEvent[] {
    return this.history.since(this.sequenceSince);
  }

  private assess(): Health {
    const traffic = this.traffic.verdict(this.deps.clock.now(), this.trafficPolicy());
    this.watchTrafficAging(traffic.degraded);
    return assessHealth({
      traffic,
      key: this.probe.key ?? { kind: 'present' },
      page: this.page.verdict(this.settings.watchedComponents, this.deps.t),
      verdict: this.verdict,
      recent: this.recentEvents().slice(-RECENT_RESULTS),
      lastRound: this.probe.lastRound,
      policy: this.policy(),
      ...(this.deps.t ? { t: this.deps.t } : {}),
    });
  }

  /** Assesses the health again, tells health listeners about a new state and every listener about the new snapshot. */
  private reassess(): void {
    if (this.disposed) return;
    const previous = this.health;
    const next = this.assess();
    this.health = next;
    const now = this.deps.clock.now();
    this.timeline.noteHealth(next.state, now);
    const summary = this.page.reading().summary;
    if (summary && summary.fetchedAt !== this.notedPageAt) {
      this.notedPageAt = summary.fetchedAt;
      this.timeline.notePage(summary, now);
    }
    if (next.state !== previous.state) {
      this.healthSince = now;
      this.writeLog(`health: ${previous.state} -> ${next.state}: ${next.reasons[0] ?? ''}`);
      for (const listener of [...this.healthListeners]) this.callSafely(() => listener(previous, next));
    }
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of [...this.listeners]) this.callSafely(() => listener(snapshot));
  }

  private callSafely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.writeLog(`listener failed: ${describeError(error)}`);
    }
  }

  private writeLog(line: string): void {
    this.deps.log?.(redactSecrets(line));
  }
}

function retentionOf(settings: Settings): number {
  return settings.historyRetentionHours * 3_600_000;
}

function timelineOf(saved: unknown): unknown {
  return typeof saved === 'object' && saved !== null ? (saved as { timeline?: unknown }).timeline : undefined;
}

function isRequestSource(source: string): source is RequestSource {
  return (REQUEST_SOURCES as readonly string[]).includes(source);
}

// The scheduler: polls the status page and probes the API on the injected
// clock, never two runs of a loop at once, slower when the server asks or the
// API is overloaded, paused while the user is idle, rebuilt when settings
// change, silent after dispose. Everything it learns goes into a MonitorView
// that the adapter renders with src/core/view.
import { systemStopwatch, type Clock, type Stopwatch, type TimerHandle, type Timers } from './clock';
import { assessHealth, type Health, type KeyStatus } from './health';
import { decideKeySending, resolveApiBaseUrl, type ResolvedBaseUrl } from './net/base-url';
import { redactSecrets } from './net/redact';
import { runProbe } from './probe/run-probe';
import { nextProbeDelayMs, nextStatusPageDelayMs, retryAfterUntil } from './probe/schedule';
import { createNodeFetch, type FetchLike, type NodeFetch, type NodeFetchOptions } from './net/node-fetch';
import type { ProbeResult } from './probe/types';
import type { Settings } from './settings';
import { nextVerdict, verdictAfter, type HysteresisPolicy, type ProbeVerdict } from './signals/hysteresis';
import { eventFromResult, ProbeLog, type ProbeEvent, type SignalsState } from './signals/probe-log';
import { countWindow, type WindowCounts } from './signals/window-counts';
import { fetchStatusPage } from './statuspage/fetch';
import type { StatusPageError, StatusSnapshot, Validators } from './statuspage/types';
import { pageVerdict, type PageVerdict } from './statuspage/verdict';

export interface MonitorDeps {
  clock: Clock;
  timers: Timers;
  settings: Settings;
  /** The key, asked for before every probe round (SecretStorage, then ANTHROPIC_API_KEY). */
  getApiKey: () => Promise<string | undefined> | string | undefined;
  /** For ANTHROPIC_BASE_URL and the proxy variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Proxy and TLS options for every request (VS Code's http.proxy, http.noProxy, http.proxyStrictSSL). */
  connection?: Omit<NodeFetchOptions, 'env'>;
  /** Origins the user allowed to receive the key over plain http. */
  allowedInsecureOrigins?: readonly string[];
  /** What saveState() returned last time (globalState); validated, corrupt means empty. */
  savedState?: unknown;
  /** One line per event, for the output channel. Never carries the key. */
  log?: (line: string) => void;
  /** Measures real request latency; default performance.now. */
  stopwatch?: Stopwatch;
}

export type ProbePause = 'idle' | 'no_key' | 'key_held_back' | 'retry_after';

export interface MonitorView {
  now: number;
  health: Health;
  /** Since when the health has had its current state. */
  healthSince: number;
  settings: Settings;
  settingsProblems: readonly string[];
  page: {
    url: string;
    verdict: PageVerdict;
    snapshot?: StatusSnapshot;
    lastError?: StatusPageError;
    lastAttemptAt?: number;
    /** Last 200 or 304. */
    lastSuccessAt?: number;
    nextPollAt?: number;
  };
  probe: {
    mode: Settings['probeMode'];
    baseUrl: ResolvedBaseUrl;
    key: KeyStatus | undefined;
    verdict: ProbeVerdict;
    lastRound: readonly ProbeResult[];
    lastRoundAt?: number;
    nextProbeAt?: number;
    retryAfterUntil?: number;
    paused?: ProbePause;
    inFlight: boolean;
  };
  window: WindowCounts;
  /** The latest events, oldest first, for the sparkline (at most 60). */
  recent: readonly ProbeEvent[];
  /** Newest data the status bar shows (probe round, else page read). */
  dataAt?: number;
}

export interface Subscription {
  dispose(): void;
}

const SPARKLINE_EVENTS = 60;

function probeConfigKey(settings: Settings, baseUrl: string): string {
  return JSON.stringify([settings.probeMode, settings.probeModels, baseUrl, settings.probeTimeoutMs]);
}

export class HealthMonitor {
  private settings: Settings;
  private settingsProblems: readonly string[] = [];
  private readonly log: ProbeLog;
  private transport: NodeFetch;
  private allowedInsecureOrigins: readonly string[];
  private readonly stopwatch: Stopwatch;
  private readonly disposal = new AbortController();
  private disposed = false;
  private started = false;

  private focused = true;
  private lastActivityAt: number;

  // Status page loop.
  private pageTimer: TimerHandle | undefined;
  private pageNextAt: number | undefined;
  private pageInFlight: Promise<void> | undefined;
  private pageParked = false;
  private pageGeneration = 0;
  private snapshot: StatusSnapshot | undefined;
  private validators: Validators | undefined;
  private pageError: StatusPageError | undefined;
  private pageFailures = 0;
  private pageLastAttemptAt: number | undefined;
  private pageLastSuccessAt: number | undefined;

  // Probe loop.
  private probeTimer: TimerHandle | undefined;
  private probeNextAt: number | undefined;
  private probeInFlight: Promise<void> | undefined;
  private probePause: ProbePause | undefined;
  private probeGeneration = 0;
  private probeConfig: string;
  private probeConfigSince: number;
  private verdict: ProbeVerdict = 'none';
  private lastRound: ProbeResult[] = [];
  private lastRoundAt: number | undefined;
  private overloadedRounds = 0;
  private retryAfterUntilMs: number | undefined;
  private keyStatus: KeyStatus | undefined;

  private health: Health;
  private healthSince: number;
  private readonly listeners = new Set<(view: MonitorView) => void>();
  private readonly healthListeners = new Set<(previous: Health, next: Health) => void>();

  constructor(private readonly deps: MonitorDeps) {
    this.settings = deps.settings;
    this.stopwatch = deps.stopwatch ?? systemStopwatch;
    this.allowedInsecureOrigins = deps.allowedInsecureOrigins ?? [];
    this.transport = createNodeFetch({ ...deps.connection, env: deps.env });
    const now = deps.clock.now();
    this.lastActivityAt = now;
    this.log = ProbeLog.fromJSON(deps.savedState, now);
    this.probeConfig = probeConfigKey(this.settings, this.baseUrl().url);
    // A restart keeps the verdict the recent past supports, not older history.
    this.probeConfigSince = now - this.settings.windowMinutes * 60_000;
    this.verdict = verdictAfter(this.recentEvents().map((e) => e.outcome), this.policy());
    this.health = this.assess();
    this.healthSince = now;
  }

  // ---- lifecycle -------------------------------------------------------------

  /** Starts both loops at once. Calling it again does nothing. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.schedulePage(0);
    this.scheduleProbe(0);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pageTimer?.cancel();
    this.probeTimer?.cancel();
    this.pageTimer = this.probeTimer = undefined;
    this.disposal.abort();
    this.transport.close();
    this.listeners.clear();
    this.healthListeners.clear();
  }

  /** Resolves when neither loop has a request in flight (tests, benchmarks, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.pageInFlight || this.probeInFlight) {
      await Promise.allSettled([this.pageInFlight, this.probeInFlight]);
    }
  }

  onDidChange(listener: (view: MonitorView) => void): Subscription {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Called once per change of health state (not of reasons alone). */
  onDidChangeHealth(listener: (previous: Health, next: Health) => void): Subscription {
    if (this.disposed) return { dispose: () => undefined };
    this.healthListeners.add(listener);
    return { dispose: () => this.healthListeners.delete(listener) };
  }

  /** The plain JSON object to keep in globalState. Holds times, outcomes, latencies: never the key. */
  saveState(): SignalsState {
    return this.log.toJSON();
  }

  // ---- inputs from the adapter -----------------------------------------------

  updateSettings(settings: Settings, problems: readonly string[] = []): void {
    if (this.disposed) return;
    const before = this.settings;
    this.settings = settings;
    this.settingsProblems = problems;
    const pageChanged = before.statusPageUrl !== settings.statusPageUrl;
    if (pageChanged) {
      this.snapshot = undefined;
      this.validators = undefined;
      this.pageError = undefined;
      this.pageFailures = 0;
    }
    const config = probeConfigKey(settings, this.baseUrl().url);
    const probeChanged = config !== this.probeConfig;
    if (probeChanged) this.resetProbeSequence(config);
    else if (
      before.degradeAfter !== settings.degradeAfter ||
      before.recoverAfter !== settings.recoverAfter ||
      before.windowMinutes !== settings.windowMinutes
    ) {
      this.verdict = verdictAfter(this.recentEvents().map((e) => e.outcome), this.policy());
    }
    if (this.started) {
      this.rebuildPageTimer(pageChanged, before.statusPageIntervalSeconds);
      this.rebuildProbeTimer(probeChanged, before.probeIntervalSeconds);
    }
    this.changed();
  }

  /** New proxy/TLS options or consent list: takes effect for the next request. */
  updateConnection(connection: Omit<NodeFetchOptions, 'env'>, allowedInsecureOrigins?: readonly string[]): void {
    if (this.disposed) return;
    const previous = this.transport;
    this.transport = createNodeFetch({ ...connection, env: this.deps.env });
    // Requests in flight finish on the old transport; closing it now would fail them as resets.
    void this.whenIdle().then(() => previous.close());
    if (allowedInsecureOrigins) this.allowedInsecureOrigins = allowedInsecureOrigins;
    if (this.started && this.probePause === 'key_held_back') this.scheduleProbe(0);
  }

  /** The window gained or lost focus. */
  setFocused(focused: boolean): void {
    if (this.disposed) return;
    this.focused = focused;
    if (focused) this.noteActivity();
  }

  /** The user did something (typed, switched editors): probing resumes if it was paused. */
  noteActivity(): void {
    if (this.disposed) return;
    this.lastActivityAt = this.deps.clock.now();
    if (!this.started) return;
    if (this.pageParked) {
      this.pageParked = false;
      this.schedulePage(0);
    }
    if (this.probePause === 'idle') {
      this.probePause = undefined;
      this.scheduleProbe(0);
    }
  }

  /** The key changed (set, deleted): probe now with the new one. */
  keyChanged(): void {
    if (this.disposed || !this.started) return;
    this.resetProbeSequence(this.probeConfig);
    this.rebuildProbeTimer(true, this.settings.probeIntervalSeconds);
  }

  /**
   * Reads the status page and probes now. Retry-after still holds: a probe it
   * forbids waits, and the view says until when.
   */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    this.lastActivityAt = this.deps.clock.now();
    this.pageParked = false;
    if (this.probePause === 'idle') this.probePause = undefined;
    if (!this.started) this.started = true;
    if (!this.pageInFlight) {
      this.pageTimer?.cancel();
      this.pageTimer = undefined;
      void this.runPage();
    }
    if (!this.probeInFlight) {
      this.probeTimer?.cancel();
      this.probeTimer = undefined;
      void this.runProbeRound();
    }
    await this.whenIdle();
  }

  // ---- the view ----------------------------------------------------------------

  view(): MonitorView {
    const now = this.deps.clock.now();
    this.log.prune(now);
    const dataAt = this.lastRoundAt ?? this.pageLastSuccessAt;
    const view: MonitorView = {
      now,
      health: this.health,
      healthSince: this.healthSince,
      settings: this.settings,
      settingsProblems: this.settingsProblems,
      page: { url: this.settings.statusPageUrl, verdict: this.pageVerdict() },
      probe: {
        mode: this.settings.probeMode,
        baseUrl: this.baseUrl(),
        key: this.keyStatus,
        verdict: this.verdict,
        lastRound: this.lastRound,
        inFlight: this.probeInFlight !== undefined,
      },
      window: countWindow(this.log.all(), now, this.settings.windowMinutes),
      recent: this.log.latest(SPARKLINE_EVENTS),
    };
    if (dataAt !== undefined) view.dataAt = dataAt;
    if (this.snapshot) view.page.snapshot = this.snapshot;
    if (this.pageError) view.page.lastError = this.pageError;
    if (this.pageLastAttemptAt !== undefined) view.page.lastAttemptAt = this.pageLastAttemptAt;
    if (this.pageLastSuccessAt !== undefined) view.page.lastSuccessAt = this.pageLastSuccessAt;
    if (this.pageNextAt !== undefined) view.page.nextPollAt = this.pageNextAt;
    if (this.lastRoundAt !== undefined) view.probe.lastRoundAt = this.lastRoundAt;
    if (this.probeNextAt !== undefined) view.probe.nextProbeAt = this.probeNextAt;
    if (this.retryAfterUntilMs !== undefined && this.retryAfterUntilMs > now) view.probe.retryAfterUntil = this.retryAfterUntilMs;
    if (this.probePause) view.probe.paused = this.probePause;
    return view;
  }

  // ---- internals: shared -----------------------------------------------------

  private baseUrl(): ResolvedBaseUrl {
    return resolveApiBaseUrl(this.settings.apiBaseUrl, this.deps.env);
  }

  private policy(): HysteresisPolicy {
    return { degradeAfter: this.settings.degradeAfter, recoverAfter: this.settings.recoverAfter };
  }

  private fetch(): FetchLike {
    return this.transport.fetch;
  }

  private isActive(): boolean {
    if (this.settings.probeIdleMinutes === 0 || this.focused) return true;
    return this.deps.clock.now() - this.lastActivityAt < this.settings.probeIdleMinutes * 60_000;
  }

  private recentEvents(): ProbeEvent[] {
    return this.log.since(this.probeConfigSince);
  }

  private pageVerdict(): PageVerdict {
    return pageVerdict(this.snapshot, this.pageError, this.settings.watchedComponents);
  }

  private assess(): Health {
    return assessHealth({
      key: this.keyStatus ?? { kind: 'present' },
      page: this.pageVerdict(),
      verdict: this.verdict,
      recent: this.recentEvents().slice(-20),
      lastRound: this.lastRound,
      policy: this.policy(),
    });
  }

  private changed(): void {
    if (this.disposed) return;
    const previous = this.health;
    const next = this.assess();
    this.health = next;
    if (next.state !== previous.state) {
      this.healthSince = this.deps.clock.now();
      this.say(`health: ${previous.state} -> ${next.state}: ${next.reasons[0] ?? ''}`);
      for (const listener of [...this.healthListeners]) this.safely(() => listener(previous, next));
    }
    if (this.listeners.size === 0) return;
    const view = this.view();
    for (const listener of [...this.listeners]) this.safely(() => listener(view));
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.say(`listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private say(line: string): void {
    this.deps.log?.(redactSecrets(line));
  }

  // ---- internals: status page loop ---------------------------------------------

  private schedulePage(delayMs: number): void {
    if (this.disposed) return;
    this.pageTimer?.cancel();
    this.pageNextAt = this.deps.clock.now() + delayMs;
    this.pageTimer = this.deps.timers.setTimeout(() => {
      this.pageTimer = undefined;
      void this.runPage();
    }, delayMs);
  }

  private rebuildPageTimer(urlChanged: boolean, previousIntervalSeconds: number): void {
    if (this.pageInFlight || this.pageParked) {
      // The run in flight schedules the next one from the new settings when it ends;
      // a result for an old URL is dropped by the generation check.
      if (urlChanged) this.pageGeneration++;
      return;
    }
    if (urlChanged) {
      this.schedulePage(0);
      return;
    }
    if (previousIntervalSeconds !== this.settings.statusPageIntervalSeconds) {
      const since = this.pageLastAttemptAt ?? this.deps.clock.now();
      const delay = nextStatusPageDelayMs(this.settings.statusPageIntervalSeconds * 1000, this.pageFailures);
      this.schedulePage(Math.max(0, since + delay - this.deps.clock.now()));
    }
  }

  private runPage(): Promise<void> {
    if (this.disposed || this.pageInFlight) return this.pageInFlight ?? Promise.resolve();
    if (!this.isActive()) {
      this.pageParked = true;
      this.pageNextAt = undefined;
      this.changed();
      return Promise.resolve();
    }
    const generation = this.pageGeneration;
    const url = this.settings.statusPageUrl;
    this.pageLastAttemptAt = this.deps.clock.now();
    this.pageNextAt = undefined;
    const run = fetchStatusPage({
      url,
      fetch: this.fetch(),
      clock: this.deps.clock,
      validators: this.snapshot ? this.validators : undefined,
      signal: this.disposal.signal,
    })
      .then((result) => {
        if (this.disposed) return;
        if (generation !== this.pageGeneration || url !== this.settings.statusPageUrl) {
          this.pageInFlight = undefined;
          this.schedulePage(0);
          return;
        }
        const now = this.deps.clock.now();
        if (result.kind === 'fresh') {
          this.snapshot = result.snapshot;
          this.validators = result.validators;
          this.pageError = undefined;
          this.pageFailures = 0;
          this.pageLastSuccessAt = now;
          for (const warning of result.snapshot.warnings.slice(0, 5)) this.say(`status page: ${warning}`);
        } else if (result.kind === 'not_modified' && this.snapshot) {
          this.snapshot = { ...this.snapshot, fetchedAt: now };
          this.validators = result.validators;
          this.pageError = undefined;
          this.pageFailures = 0;
          this.pageLastSuccessAt = now;
        } else {
          const error: StatusPageError =
            result.kind === 'failed' ? result.error : { kind: 'unrecognised', message: 'HTTP 304 without an earlier answer' };
          if (result.kind === 'not_modified') this.validators = undefined;
          this.pageError = error;
          this.pageFailures++;
          this.say(`status page: ${error.message}`);
        }
        this.pageInFlight = undefined;
        this.schedulePage(nextStatusPageDelayMs(this.settings.statusPageIntervalSeconds * 1000, this.pageFailures));
        this.changed();
      })
      .catch((error: unknown) => {
        this.say(`status page loop failed: ${error instanceof Error ? error.message : String(error)}`);
        this.pageInFlight = undefined;
        if (!this.disposed) this.schedulePage(nextStatusPageDelayMs(this.settings.statusPageIntervalSeconds * 1000, ++this.pageFailures));
      })
      .finally(() => {
        if (this.pageInFlight === run) this.pageInFlight = undefined;
      });
    this.pageInFlight = run;
    return run;
  }

  // ---- internals: probe loop -------------------------------------------------------

  private resetProbeSequence(config: string): void {
    this.probeConfig = config;
    this.probeConfigSince = this.deps.clock.now();
    this.probeGeneration++;
    this.verdict = 'none';
    this.lastRound = [];
    this.overloadedRounds = 0;
    this.keyStatus = undefined;
    if (this.probePause !== 'idle') this.probePause = undefined;
  }

  private scheduleProbe(delayMs: number): void {
    if (this.disposed) return;
    this.probeTimer?.cancel();
    this.probeNextAt = this.deps.clock.now() + delayMs;
    this.probeTimer = this.deps.timers.setTimeout(() => {
      this.probeTimer = undefined;
      void this.runProbeRound();
    }, delayMs);
  }

  private rebuildProbeTimer(configChanged: boolean, previousIntervalSeconds: number): void {
    if (this.probeInFlight) return; // the round in flight schedules from the new settings
    if (this.probePause === 'idle') return;
    if (configChanged) {
      this.scheduleProbe(Math.max(0, (this.retryAfterUntilMs ?? 0) - this.deps.clock.now()));
      return;
    }
    if (previousIntervalSeconds !== this.settings.probeIntervalSeconds) {
      const since = this.lastRoundAt ?? this.deps.clock.now();
      this.scheduleProbe(Math.max(0, since + this.probeDelayMs() - this.deps.clock.now()));
    }
  }

  private probeDelayMs(): number {
    const now = this.deps.clock.now();
    const input = {
      intervalMs: this.settings.probeIntervalSeconds * 1000,
      now,
      lastRound: this.lastRound,
      overloadedRounds: this.overloadedRounds,
      degradeAfter: this.settings.degradeAfter,
    };
    return nextProbeDelayMs(this.retryAfterUntilMs !== undefined ? { ...input, retryAfterUntil: this.retryAfterUntilMs } : input);
  }

  private runProbeRound(): Promise<void> {
    if (this.disposed || this.probeInFlight) return this.probeInFlight ?? Promise.resolve();
    const now = this.deps.clock.now();
    if (!this.isActive()) {
      this.probePause = 'idle';
      this.probeNextAt = undefined;
      this.changed();
      return Promise.resolve();
    }
    if (this.retryAfterUntilMs !== undefined && this.retryAfterUntilMs > now) {
      // No probe before retry-after expires, even on a manual refresh.
      this.probePause = 'retry_after';
      this.scheduleProbe(this.retryAfterUntilMs - now);
      this.changed();
      return Promise.resolve();
    }
    this.probePause = undefined;
    this.probeNextAt = undefined;
    const run = this.probeRound()
      .catch((error: unknown) => {
        this.say(`probe loop failed: ${error instanceof Error ? error.message : String(error)}`);
        this.finishProbe(this.settings.probeIntervalSeconds * 1000);
      })
      .finally(() => {
        if (this.probeInFlight === run) this.probeInFlight = undefined;
      });
    this.probeInFlight = run;
    return run;
  }

  private async probeRound(): Promise<void> {
    const generation = this.probeGeneration;
    const intervalMs = () => this.settings.probeIntervalSeconds * 1000;
    let apiKey: string | undefined;
    try {
      const key = await this.deps.getApiKey();
      apiKey = typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
    } catch (error) {
      this.say(`reading the API key failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.disposed) return;
    const baseUrl = this.baseUrl();
    if (!apiKey) {
      this.keyStatus = { kind: 'missing' };
      this.probePause = 'no_key';
      this.finishProbe(intervalMs());
      return;
    }
    const decision = decideKeySending(baseUrl.url, this.allowedInsecureOrigins);
    if (!decision.send) {
      this.keyStatus = { kind: 'held_back', reason: decision.reason };
      this.probePause = 'key_held_back';
      this.finishProbe(intervalMs());
      return;
    }
    this.keyStatus = { kind: 'present' };
    let round: ProbeResult[];
    try {
      round = await runProbe({
        mode: this.settings.probeMode,
        models: this.settings.probeModels,
        apiKey,
        baseUrl: baseUrl.url,
        timeoutMs: this.settings.probeTimeoutMs,
        fetch: this.fetch(),
        clock: this.deps.clock,
        stopwatch: this.stopwatch,
        signal: this.disposal.signal,
      });
    } catch (error) {
      // Not a network failure (those are results): the SDK could not load, say.
      this.say(`probe could not run: ${redactSecrets(error instanceof Error ? error.message : String(error), [apiKey])}`);
      this.finishProbe(intervalMs());
      return;
    }
    if (this.disposed) return;
    if (generation !== this.probeGeneration) {
      // Settings changed under this round: its results describe the old configuration.
      this.probeInFlight = undefined;
      this.scheduleProbe(0);
      return;
    }
    const now = this.deps.clock.now();
    for (const result of round) {
      this.log.add(eventFromResult(result), now);
      this.verdict = nextVerdict(this.verdict, this.recentEvents().slice(-20).map((e) => e.outcome), this.policy());
      this.say(
        redactSecrets(
          `probe ${result.mode}${result.model ? ` ${result.model}` : ''}: ${result.outcome}` +
            `${result.httpStatus !== undefined ? ` HTTP ${result.httpStatus}` : ''} ${result.latencyMs} ms` +
            `${result.requestId ? ` ${result.requestId}` : ''} - ${result.message}`,
          [apiKey],
        ),
      );
    }
    this.lastRound = round;
    this.lastRoundAt = round[0]?.at ?? now;
    this.overloadedRounds = round.some((r) => r.outcome === 'overloaded') ? this.overloadedRounds + 1 : 0;
    this.retryAfterUntilMs = retryAfterUntil(round, this.retryAfterUntilMs, now);
    this.finishProbe(this.probeDelayMs());
  }

  private finishProbe(delayMs: number): void {
    if (this.disposed) return;
    this.probeInFlight = undefined;
    this.scheduleProbe(delayMs);
    this.changed();
  }
}

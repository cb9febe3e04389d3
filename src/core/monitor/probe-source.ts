// The probes as a source: one round per interval through the SDK, slower when
// the server asks (retry-after, never overridden) or the API is overloaded,
// paused without a key, while the key is held back from a plain-http host, and
// while the user is idle. Each round reports its results as observations.
import type { Clock, Stopwatch, Timers } from '../clock';
import { describeError } from '../text/describe-error';
import type { KeyStatus } from '../health';
import type { Translate } from '../l10n';
import { decideKeySending, resolveApiBaseUrl, type ResolvedBaseUrl } from '../net/base-url';
import { redactSecrets } from '../net/redact';
import { runProbe } from '../probe/run-probe';
import { nextProbeDelayMs, recoveryStreak, retryAfterUntil } from './schedule';
import type { FetchLike } from '../net/node-fetch';
import type { ProxySettings } from '../net/proxy-config';
import type { ProbeResult } from '../probe/types';
import type { Settings } from '../settings';
import { eventFromResult } from '../signals/probe-log';
import type { Observation, SourceSink } from './observation';
import { PolledSource } from './polled-source';
import type { RunContext, RunGate, RunOutcome } from './poll-loop';

/** other_window: another window holds the prober lease; its results show here. */
export type ProbePause = 'idle' | 'no_key' | 'key_held_back' | 'retry_after' | 'other_window';

export interface ProbeSourceDeps {
  clock: Clock;
  timers: Timers;
  fetch: FetchLike;
  stopwatch: Stopwatch;
  sink: SourceSink;
  /** The key, asked for before every round. */
  getApiKey: () => Promise<string | undefined> | string | undefined;
  /** For ANTHROPIC_BASE_URL. */
  env: Readonly<Record<string, string | undefined>>;
  /** The proxy route requests take, for the key-sending decision. */
  route: () => ProxySettings;
  /** The language of the results' messages, shown in the tooltip; default English. */
  t?: Translate;
}

export interface ProbeReading {
  mode: Settings['probeMode'];
  baseUrl: ResolvedBaseUrl;
  key: KeyStatus | undefined;
  lastRound: readonly ProbeResult[];
  lastRoundAt?: number;
  nextProbeAt?: number;
  retryAfterUntil?: number;
  paused?: ProbePause;
  inFlight: boolean;
}

/** What makes earlier results describe another configuration. */
function configKey(settings: Settings, baseUrl: string): string {
  return JSON.stringify([settings.probeMode, settings.probeModels, baseUrl, settings.probeTimeoutMs]);
}

export class ProbeSource extends PolledSource {
  readonly name = 'probe';
  private config: string;
  /** Why probing waits; 'idle' is the loop's parked state instead. */
  private pause: Exclude<ProbePause, 'idle'> | undefined;
  private round: ProbeResult[] = [];
  private roundAt: number | undefined;
  private retryAfterUntilMs: number | undefined;
  /** How long retry-after still had to run when it was last set: no later wait can be longer. */
  private retryAfterSpanMs = 0;
  private keyStatus: KeyStatus | undefined;

  constructor(
    private readonly deps: ProbeSourceDeps,
    private settings: Settings,
    private allowedInsecureOrigins: readonly string[],
  ) {
    super(deps.clock, deps.timers, deps.sink);
    this.config = configKey(settings, this.baseUrl().url);
  }

  get lastRound(): readonly ProbeResult[] {
    return this.round;
  }

  get key(): KeyStatus | undefined {
    return this.keyStatus;
  }

  updateSettings(settings: Settings, previous: Settings): void {
    this.settings = settings;
    const config = configKey(settings, this.baseUrl().url);
    const configChanged = config !== this.config;
    if (configChanged) this.restart(config);
    if (this.started) this.rebuildTimer(configChanged, previous.probeIntervalSeconds);
  }

  /** The key changed (set, deleted): probe now with the new one. */
  keyChanged(): void {
    if (!this.started || this.loop.isDisposed) return;
    this.restart(this.config);
    this.rebuildTimer(true, this.settings.probeIntervalSeconds);
  }

  /** The user allowed more plain-http origins: a round that held the key back runs again. */
  allowInsecureOrigins(origins: readonly string[]): void {
    this.allowedInsecureOrigins = origins;
    if (this.started && this.pause === 'key_held_back') this.loop.schedule(0);
  }

  /** The latest round the prober window ran (this one follows): shown as if probed here. */
  adoptRound(round: readonly ProbeResult[]): void {
    if (round.length === 0) return;
    this.round = [...round];
    this.roundAt = round[0]?.at;
    this.keyStatus ??= { kind: 'present' };
  }

  reading(now: number): ProbeReading {
    const reading: ProbeReading = {
      mode: this.settings.probeMode,
      baseUrl: this.baseUrl(),
      key: this.keyStatus,
      lastRound: this.round,
      inFlight: this.loop.inFlight !== undefined,
    };
    if (this.roundAt !== undefined) reading.lastRoundAt = this.roundAt;
    if (this.loop.nextRunAt !== undefined) reading.nextProbeAt = this.loop.nextRunAt;
    const retryUntil = this.retryAfterUntil(now);
    if (retryUntil !== undefined && retryUntil > now) reading.retryAfterUntil = retryUntil;
    const paused = this.loop.isParked ? (this.pause === 'other_window' ? 'other_window' : 'idle') : this.pause;
    if (paused) reading.paused = paused;
    return reading;
  }

  baseUrl(): ResolvedBaseUrl {
    return resolveApiBaseUrl(this.settings.apiBaseUrl, this.deps.env, this.deps.t);
  }

  private intervalMs(): number {
    return this.settings.probeIntervalSeconds * 1000;
  }

  /** A new sequence: results of the round in flight, the verdict and the backoff belong to the old one. */
  private restart(config: string): void {
    this.config = config;
    this.loop.invalidate();
    this.round = [];
    this.keyStatus = undefined;
    this.pause = undefined;
    this.sink.restart(this.name);
  }

  private rebuildTimer(configChanged: boolean, previousIntervalSeconds: number): void {
    if (this.loop.inFlight) return; // the round in flight schedules from the new settings
    if (this.loop.isParked) return;
    const now = this.deps.clock.now();
    if (configChanged) {
      this.loop.schedule(Math.max(0, (this.retryAfterUntil(now) ?? 0) - now));
      return;
    }
    if (previousIntervalSeconds !== this.settings.probeIntervalSeconds) {
      const since = this.roundAt ?? now;
      this.loop.schedule(Math.max(0, since + this.delayMs() - now));
    }
  }

  private delayMs(): number {
    const now = this.deps.clock.now();
    const input = {
      intervalMs: this.intervalMs(),
      now,
      lastRound: this.round,
      verdict: this.sink.verdict(),
      recoverAfter: recoveryStreak(this.settings.recoverAfter),
    };
    const retryUntil = this.retryAfterUntil(now);
    return nextProbeDelayMs(retryUntil !== undefined ? { ...input, retryAfterUntil: retryUntil } : input);
  }

  /**
   * Until when retry-after forbids probing, on the clock as it reads now. The
   * wall clock can step back (a time sync, a restored virtual machine, a
   * change by hand): the wait then never exceeds what was left of it when
   * the server gave it, or a 2-minute retry-after would stop probing for as
   * long as the clock went back. (The step is noticed when the loop next
   * looks, so the wait can come to twice the retry-after, never to hours.)
   */
  private retryAfterUntil(now: number): number | undefined {
    const until = this.retryAfterUntilMs;
    if (until !== undefined && until - now > this.retryAfterSpanMs) this.retryAfterUntilMs = now + this.retryAfterSpanMs;
    return this.retryAfterUntilMs;
  }

  protected override gate(): RunGate {
    if (super.gate() === 'park') {
      this.pause = this.sink.mayPoll() ? undefined : 'other_window';
      return 'park';
    }
    const now = this.deps.clock.now();
    const retryUntil = this.retryAfterUntil(now);
    if (retryUntil !== undefined && retryUntil > now) {
      // No probe before retry-after expires, even on a manual refresh.
      this.pause = 'retry_after';
      return { waitMs: retryUntil - now };
    }
    this.pause = undefined;
    return 'run';
  }

  private async readKey(): Promise<string | undefined> {
    try {
      const key = await this.deps.getApiKey();
      return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
    } catch (error) {
      this.sink.log(`reading the API key failed: ${describeError(error)}`);
      return undefined;
    }
  }

  protected recover(error: unknown): RunOutcome {
    this.sink.log(`probe loop failed: ${describeError(error)}`);
    return { nextInMs: this.intervalMs(), report: true };
  }

  /** One round: the key, whether it may be sent, then one probe per model. */
  protected async run(context: RunContext): Promise<RunOutcome> {
    const apiKey = await this.readKey();
    if (context.signal.aborted) return 'stale';
    const baseUrl = this.baseUrl();
    if (!apiKey) {
      this.keyStatus = { kind: 'missing' };
      this.pause = 'no_key';
      return { nextInMs: this.intervalMs(), report: true };
    }
    const decision = decideKeySending(baseUrl.url, this.allowedInsecureOrigins, this.deps.route(), this.deps.t);
    if (!decision.send) {
      this.keyStatus = { kind: 'held_back', reason: decision.reason };
      this.pause = 'key_held_back';
      return { nextInMs: this.intervalMs(), report: true };
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
        fetch: this.deps.fetch,
        clock: this.deps.clock,
        stopwatch: this.deps.stopwatch,
        signal: context.signal,
        ...(this.deps.t ? { t: this.deps.t } : {}),
      });
    } catch (error) {
      // Not a network failure (those are results): the SDK could not load, say.
      this.sink.log(`probe could not run: ${redactSecrets(describeError(error), [apiKey])}`);
      return { nextInMs: this.intervalMs(), report: true };
    }
    // Settings changed under this round: its results describe the old configuration.
    if (!context.isCurrent()) return 'stale';
    const now = this.deps.clock.now();
    const observations: Observation[] = round.map((result) => ({ ...eventFromResult(result), source: this.name }));
    this.sink.record(observations);
    for (const result of round) this.sink.log(redactSecrets(describeResult(result), [apiKey]));
    this.round = round;
    this.roundAt = round[0]?.at ?? now;
    this.retryAfterUntilMs = retryAfterUntil(round, this.retryAfterUntil(now), now);
    this.retryAfterSpanMs = Math.max(0, (this.retryAfterUntilMs ?? now) - now);
    return { nextInMs: this.delayMs(), report: true };
  }
}

function describeResult(result: ProbeResult): string {
  return (
    `probe ${result.mode}${result.model ? ` ${result.model}` : ''}: ${result.outcome}` +
    `${result.httpStatus !== undefined ? ` HTTP ${result.httpStatus}` : ''} ${result.latencyMs} ms` +
    `${result.requestId ? ` ${result.requestId}` : ''} - ${result.message}`
  );
}

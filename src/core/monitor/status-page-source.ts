// The status page as a source: polled at its interval (backing off while it
// fails), conditional requests once it has answered, parked while the user is
// idle. It keeps the latest reading; the monitor turns it into a verdict.
import type { Clock, Timers } from '../clock';
import type { FetchLike } from '../net/node-fetch';
import type { Settings } from '../settings';
import { fetchStatusPage } from '../statuspage/fetch';
import type { StatusPageError, StatusSnapshot, Validators } from '../statuspage/types';
import type { Translate } from '../l10n';
import { pageVerdict, type PageVerdict } from '../statuspage/verdict';
import { describeError } from '../text/describe-error';
import type { SourceSink } from './observation';
import { PolledSource } from './polled-source';
import type { RunContext, RunOutcome } from './poll-loop';

export interface StatusPageReading {
  url: string;
  /** The latest summary.json read. */
  summary?: StatusSnapshot;
  lastError?: StatusPageError;
  lastAttemptAt?: number;
  /** Last 200 or 304. */
  lastSuccessAt?: number;
  nextPollAt?: number;
}

export class StatusPageSource extends PolledSource {
  readonly name = 'status-page';
  private summary: StatusSnapshot | undefined;
  private validators: Validators | undefined;
  private error: StatusPageError | undefined;
  private lastAttemptAt: number | undefined;
  private lastSuccessAt: number | undefined;

  constructor(
    private readonly deps: { clock: Clock; timers: Timers; fetch: FetchLike; sink: SourceSink; t?: Translate },
    private settings: Settings,
  ) {
    super(deps.clock, deps.timers, deps.sink);
  }

  updateSettings(settings: Settings, previous: Settings): void {
    this.settings = settings;
    const urlChanged = previous.statusPageUrl !== settings.statusPageUrl;
    if (urlChanged) {
      this.summary = undefined;
      this.validators = undefined;
      this.error = undefined;
    }
    if (!this.started) return;
    if (this.loop.inFlight || this.loop.isParked) {
      // The run in flight schedules the next one from the new settings when it ends;
      // a result for an old URL is dropped.
      if (urlChanged) this.loop.invalidate();
      return;
    }
    if (urlChanged) {
      this.loop.schedule(0);
      return;
    }
    if (previous.statusPageIntervalSeconds !== settings.statusPageIntervalSeconds) {
      const now = this.deps.clock.now();
      const since = this.lastAttemptAt ?? now;
      this.loop.schedule(Math.max(0, since + this.intervalMs() - now));
    }
  }

  /** What the prober window read (this one follows): kept as if read here. */
  adopt(page: { attemptAt: number; snapshot?: StatusSnapshot; error?: StatusPageError }): void {
    this.lastAttemptAt = page.attemptAt;
    if (page.snapshot) {
      this.summary = page.snapshot;
      this.lastSuccessAt = page.snapshot.fetchedAt;
    }
    this.error = page.error;
  }

  verdict(watchedComponents: readonly string[], t?: Translate): PageVerdict {
    return pageVerdict(this.summary, this.error, watchedComponents, t);
  }

  reading(): StatusPageReading {
    const reading: StatusPageReading = { url: this.settings.statusPageUrl };
    if (this.summary) reading.summary = this.summary;
    if (this.error) reading.lastError = this.error;
    if (this.lastAttemptAt !== undefined) reading.lastAttemptAt = this.lastAttemptAt;
    if (this.lastSuccessAt !== undefined) reading.lastSuccessAt = this.lastSuccessAt;
    if (this.loop.nextRunAt !== undefined) reading.nextPollAt = this.loop.nextRunAt;
    return reading;
  }

  /**
   * The page is read at its interval whether or not the last read failed:
   * backing off (up to ten minutes) made the first good read after an outage
   * come minutes late, and one read an interval is no load on a status page.
   */
  private intervalMs(): number {
    return this.settings.statusPageIntervalSeconds * 1000;
  }

  protected recover(error: unknown): RunOutcome {
    this.sink.log(`status page loop failed: ${describeError(error)}`);
    return { nextInMs: this.intervalMs(), report: false };
  }

  protected async run(context: RunContext): Promise<RunOutcome> {
    const url = this.settings.statusPageUrl;
    this.lastAttemptAt = this.deps.clock.now();
    const result = await fetchStatusPage({
      url,
      fetch: this.deps.fetch,
      clock: this.deps.clock,
      validators: this.summary ? this.validators : undefined,
      signal: context.signal,
      ...(this.deps.t ? { t: this.deps.t } : {}),
    });
    if (!context.isCurrent() || url !== this.settings.statusPageUrl) return 'stale';
    const now = this.deps.clock.now();
    if (result.kind === 'fresh') {
      this.summary = result.snapshot;
      this.validators = result.validators;
      this.error = undefined;
      this.lastSuccessAt = now;
      for (const warning of result.snapshot.warnings.slice(0, 5)) this.sink.log(`status page: ${warning}`);
    } else if (result.kind === 'not_modified' && this.summary) {
      this.summary = { ...this.summary, fetchedAt: now };
      this.validators = result.validators;
      this.error = undefined;
      this.lastSuccessAt = now;
    } else {
      const error: StatusPageError =
        result.kind === 'failed' ? result.error : { kind: 'unrecognised', message: 'HTTP 304 without an earlier answer' };
      if (result.kind === 'not_modified') this.validators = undefined;
      this.error = error;
      this.sink.log(`status page: ${error.message}`);
    }
    return { nextInMs: this.intervalMs(), report: true };
  }
}

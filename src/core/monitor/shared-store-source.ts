// This window's part in the shared store: it beats the prober lease, writes
// what this window observes while it holds the lease, and reads what the
// others (the prober window, the CLI, the tap) wrote. N windows cost the API
// and the status page what one costs; if the prober window closes or hangs,
// another takes the lease within one interval and starts probing.
import type { Clock, TimerHandle, Timers } from '../clock';
import type { ProbeResult } from '../probe/types';
import type { Settings } from '../settings';
import { probeOutcomeOfKind } from '../signals/request-kinds';
import { ObservationStoreWriter, type StoredObservation } from '../store/observation-store';
import { readSharedPage, writeSharedPage, type SharedPage } from '../store/page-share';
import { leaseTiming, ProberLease } from '../store/prober-lease';
import { StoreTail } from '../store/store-tail';
import { describeError } from '../text/describe-error';
import type { MonitorSource, SourceSink } from './observation';

export interface SharedStoreOptions {
  /** The state folder (resolveStateDir). */
  dir: string;
  /** Unique per window (uniqueWriterName('window')). */
  writerName: string;
  /**
   * `elect` (default): take part in choosing the one prober, write while
   * probing. `read-traffic`: poll on its own, write nothing, take only the
   * user's own requests (tap, Claude Code) from the store; for a process
   * whose settings may differ from the windows' (the CLI's watch).
   */
  mode?: 'elect' | 'read-traffic';
}

export interface SharedStoreDeps extends SharedStoreOptions {
  clock: Clock;
  timers: Timers;
  /** Records what others wrote; never writes back to the store. */
  sink: SourceSink;
  settings: Settings;
  /** The lease was won or lost. */
  onLeadership(leader: boolean): void;
  /** The page this window read, to share while it probes. */
  currentPage(): SharedPage | undefined;
  /** The page and the latest probe round the prober shared, while this window follows. */
  adoptPage(page: SharedPage): void;
  adoptRound(round: ProbeResult[]): void;
}

/** Rows of other writers older than this are not read on start: the counters' window is at most a day. */
const TAIL_WINDOW_MS = 24 * 60 * 60_000;
/** The store is read at least this often, so the tap's rows show within seconds. */
const MAX_TICK_MS = 2000;
/** Between taking the lease and reading back who holds it: longer than two windows' writes can be apart. */
const LEASE_SETTLE_MS = 250;

export class SharedStoreSource implements MonitorSource {
  readonly name = 'store';
  private readonly writer: ObservationStoreWriter;
  private readonly lease: ProberLease;
  private readonly tail: StoreTail;
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private leader = false;
  private started = false;
  private disposed = false;
  private sharedPageAt: number | undefined;
  private adoptedPageAt: number | undefined;
  private settings: Settings;
  private lastProblem: string | undefined;

  constructor(private readonly deps: SharedStoreDeps) {
    this.settings = deps.settings;
    this.writer = new ObservationStoreWriter({ dir: deps.dir, writerName: deps.writerName, clock: deps.clock, log: (line) => deps.sink.log(line) });
    this.lease = new ProberLease({
      dir: deps.dir,
      holder: deps.writerName,
      clock: deps.clock,
      staleAfterMs: this.timing().staleAfterMs,
      settle: () => new Promise((resolve) => deps.timers.setTimeout(resolve, LEASE_SETTLE_MS)),
    });
    this.tail = new StoreTail({ dir: deps.dir, clock: deps.clock, ownStem: deps.writerName, windowMs: TAIL_WINDOW_MS });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** Polls on its own whatever the lease says. */
  get pollsOnItsOwn(): boolean {
    return this.deps.mode === 'read-traffic';
  }

  get inFlight(): Promise<void> | undefined {
    return this.running;
  }

  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.schedule(0);
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
  }

  resume(): void {}

  runNow(): void {
    if (this.started && !this.running) this.schedule(0);
  }

  /** Writes this window's own observations (only while it is the prober, so nothing is written twice). */
  publish(observations: readonly StoredObservation[]): void {
    if (this.leader && observations.length > 0) this.writer.append(observations);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.timer?.cancel();
    if (this.pollsOnItsOwn) return;
    // Handing the lease back lets another window take over at its next beat, not after the stale time.
    void this.lease.release().catch(() => undefined);
    void this.writer.close();
  }

  /** Resolves once what was published is on disk (tests, benchmarks, shutdown). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  private timing(): { heartbeatMs: number; staleAfterMs: number } {
    return leaseTiming(Math.min(this.settings.probeIntervalSeconds, this.settings.statusPageIntervalSeconds));
  }

  private schedule(delayMs: number): void {
    if (this.disposed) return;
    this.timer?.cancel();
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(Math.min(MAX_TICK_MS, this.timing().heartbeatMs));
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (this.pollsOnItsOwn) {
      if ((await this.readOthers()) && !this.disposed) this.deps.sink.reportChange();
      return;
    }
    let leader: boolean;
    try {
      leader = await this.lease.tick();
      this.lastProblem = undefined;
    } catch (error) {
      // No usable state folder: this window probes for itself rather than not at all.
      leader = true;
      const problem = `shared state folder unusable (${describeError(error)}); this window probes on its own`;
      if (problem !== this.lastProblem) this.deps.sink.log(problem);
      this.lastProblem = problem;
    }
    if (this.disposed) return;
    if (leader !== this.leader) {
      this.leader = leader;
      this.deps.sink.log(leader ? 'this window now probes for all windows' : 'another window probes; this one reads its results');
      this.deps.onLeadership(leader);
    }
    let changed = false;
    if (leader) await this.sharePage();
    else changed = await this.followPage();
    changed = (await this.readOthers()) || changed;
    if (changed && !this.disposed) this.deps.sink.reportChange();
  }

  private async sharePage(): Promise<void> {
    const page = this.deps.currentPage();
    if (page === undefined || page.attemptAt === this.sharedPageAt) return;
    this.sharedPageAt = page.attemptAt;
    // The read itself, as a row like every source's (the page's content goes to its own file below).
    const error = page.error;
    const row: StoredObservation = { at: page.attemptAt, source: 'status-page', kind: error === undefined ? 'ok' : error.kind === 'network' || error.kind === 'timeout' ? 'network' : 'other' };
    if (error?.httpStatus !== undefined) row.status = error.httpStatus;
    this.publish([row]);
    await writeSharedPage(this.deps.dir, page).catch((error: unknown) => this.deps.sink.log(`sharing the status page failed: ${describeError(error)}`));
  }

  private async followPage(): Promise<boolean> {
    const page = await readSharedPage(this.deps.dir);
    if (page === undefined || page.attemptAt === this.adoptedPageAt) return false;
    this.adoptedPageAt = page.attemptAt;
    this.deps.adoptPage(page);
    return true;
  }

  private async readOthers(): Promise<boolean> {
    const { observations, corruptLines } = await this.tail.pass();
    if (corruptLines > 0) this.deps.sink.log(`shared store: ${corruptLines} unreadable line(s) skipped`);
    if (observations.length === 0) return false;
    const probes = this.pollsOnItsOwn ? [] : observations.filter((o) => o.source === 'probe');
    if (probes.length > 0) {
      this.deps.sink.record(probes.map((o) => observationOfProbeRow(o)));
      if (!this.leader) this.deps.adoptRound(latestRound(probes, this.settings));
    }
    this.deps.sink.recordTraffic(observations);
    return true;
  }
}

function observationOfProbeRow(row: StoredObservation) {
  const event = { source: 'probe' as const, at: row.at, outcome: probeOutcomeOfKind(row.kind), latencyMs: row.latencyMs ?? 0 };
  return {
    ...event,
    ...(row.status !== undefined ? { httpStatus: row.status } : {}),
    ...(row.retryAfterSeconds !== undefined ? { retryAfterSeconds: row.retryAfterSeconds } : {}),
    ...(row.model !== undefined ? { model: row.model } : {}),
  };
}

/** The rows of the newest round (one per model, written together) as probe results. */
function latestRound(rows: readonly StoredObservation[], settings: Settings): ProbeResult[] {
  const newest = rows.at(-1)?.at ?? 0;
  // A round's probes run side by side: rows within the probe timeout of the newest belong to it.
  const round = rows.filter((row) => newest - row.at <= settings.probeTimeoutMs).slice(-settings.probeModels.length);
  return round.map((row) => {
    const result: ProbeResult = {
      mode: settings.probeMode,
      outcome: probeOutcomeOfKind(row.kind),
      at: row.at,
      latencyMs: row.latencyMs ?? 0,
      rateLimit: {},
      message: `${row.kind}${row.status !== undefined ? ` (HTTP ${row.status})` : ''}, probed by another window`,
    };
    if (row.status !== undefined) result.httpStatus = row.status;
    if (row.requestId !== undefined) result.requestId = row.requestId;
    if (row.model !== undefined) result.model = row.model;
    if (row.retryAfterSeconds !== undefined) result.retryAfterSeconds = row.retryAfterSeconds;
    return result;
  });
}

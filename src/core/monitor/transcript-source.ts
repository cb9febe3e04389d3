// Claude Code's transcripts as a source: a short poll (every two seconds, sooner
// while a pass left work behind) so an error Claude Code just met shows within
// seconds. Each pass is bounded (see TranscriptReader). Runs only in the
// window that holds the prober lease, and not at all when
// claudeHealth.sources.claudeCode is off.
import type { Clock, Timers } from '../clock';
import type { Settings } from '../settings';
import type { StoredObservation } from '../store/stored-observation';
import { describeError } from '../text/describe-error';
import { claudeConfigDirs } from '../transcripts/config-dirs';
import { TranscriptReader } from '../transcripts/transcript-reader';
import type { SourceSink } from './observation';
import type { RunContext, RunGate, RunOutcome } from './poll-loop';
import { PolledSource } from './polled-source';

export const TRANSCRIPT_POLL_MS = 2000;
const CATCH_UP_MS = 250;
/** Rows older than this are not read: the counters' longest window. */
const READ_WINDOW_MS = 24 * 60 * 60_000;

export interface TranscriptSourceDeps {
  clock: Clock;
  timers: Timers;
  sink: SourceSink;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
}

function folderKey(settings: Settings, env: TranscriptSourceDeps['env']): string {
  return JSON.stringify([settings.claudeCodeSource, settings.claudeCodeDirs, env.CLAUDE_CONFIG_DIR ?? '']);
}

export class TranscriptSource extends PolledSource {
  readonly name = 'claude-code';
  private reader: TranscriptReader | undefined;
  private key: string;

  constructor(
    private readonly deps: TranscriptSourceDeps,
    private settings: Settings,
  ) {
    super(deps.clock, deps.timers, deps.sink);
    this.key = folderKey(settings, deps.env);
  }

  /** The folders read now (empty when the source is off). */
  get folders(): string[] {
    return this.settings.claudeCodeSource ? claudeConfigDirs(this.deps.env, this.deps.homedir, this.settings.claudeCodeDirs) : [];
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    const key = folderKey(settings, this.deps.env);
    if (key === this.key) return;
    this.key = key;
    this.reader = undefined;
    if (this.started) this.loop.schedule(0);
  }

  /** Transcripts are local files: read while the user is idle too (an agent may be working). */
  protected override gate(): RunGate {
    if (!this.settings.claudeCodeSource) return { waitMs: TRANSCRIPT_POLL_MS * 5 };
    return this.sink.mayPoll() ? 'run' : 'park';
  }

  protected recover(error: unknown): RunOutcome {
    this.sink.log(`Claude Code transcripts: ${describeError(error)}`);
    return { nextInMs: TRANSCRIPT_POLL_MS * 5, report: false };
  }

  protected async run(context: RunContext): Promise<RunOutcome> {
    this.reader ??= new TranscriptReader({ configDirs: this.folders, clock: this.deps.clock, windowMs: READ_WINDOW_MS, log: (line) => this.sink.log(line) });
    const reader = this.reader;
    const pass = await reader.pass();
    if (!context.isCurrent() || reader !== this.reader) return 'stale';
    const observations: StoredObservation[] = pass.errors.map((error) => ({ ...error, source: 'claude-code' }));
    if (observations.length > 0) this.sink.recordTraffic(observations);
    return { nextInMs: pass.behind ? CATCH_UP_MS : TRANSCRIPT_POLL_MS, report: observations.length > 0 };
  }
}

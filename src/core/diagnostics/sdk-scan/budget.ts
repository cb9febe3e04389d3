// How long a workspace scan may run. The scan reads files a cloned repository
// chose, so it checks this between files and between chunks of lines, and
// stops with what it has, saying so, rather than holding the extension host.

export type StopReason = 'time' | 'cancelled';

export class ScanBudget {
  private stoppedBecause: StopReason | undefined;

  constructor(
    private readonly now: () => number,
    /** On the `now` clock; Infinity for no time limit. */
    private readonly deadline: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** For parsers called on their own (tests, one file): never runs out. */
  static unlimited(): ScanBudget {
    return new ScanBudget(() => 0, Infinity);
  }

  /** True from the first call that finds the time up or the scan cancelled; it stays true. */
  exhausted(): boolean {
    if (this.stoppedBecause) return true;
    if (this.signal?.aborted) this.stoppedBecause = 'cancelled';
    else if (this.now() >= this.deadline) this.stoppedBecause = 'time';
    return this.stoppedBecause !== undefined;
  }

  get reason(): StopReason | undefined {
    return this.stoppedBecause;
  }
}

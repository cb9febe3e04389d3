// One prober for all windows: whoever holds the lease probes the API and reads
// the status page; everyone else reads its results from the shared store. The
// holder renews a heartbeat in the lease file; a lease whose heartbeat is older
// than `staleAfterMs` is taken over. Staleness is judged by the heartbeat, not
// by a PID: windows can run on other hosts' remotes sharing one home folder,
// and a hung window keeps its PID while it stops beating.
import { open, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clock } from '../clock';

export const LEASE_FILE = 'prober.lease';
const MAX_LEASE_BYTES = 1024;
const HOLDER = /^[A-Za-z0-9_.-]{1,120}$/;

export interface LeaseRecord {
  holder: string;
  /** ms epoch of the last renewal */
  heartbeatAt: number;
}

export interface ProberLeaseOptions {
  /** The state folder. */
  dir: string;
  /** Unique per process (a writer name does). */
  holder: string;
  clock: Clock;
  /** A heartbeat older than this (or this far in the future) means the holder is gone. */
  staleAfterMs: number;
  /**
   * Waits between taking a free lease and reading back who won, so that two
   * windows taking it at the same moment agree on one (the last writer).
   * Built on the injected timers; default no wait.
   */
  settle?: () => Promise<void>;
}

/** The lease as written, or undefined when missing or unreadable (which counts as free). */
export async function readLease(dir: string): Promise<LeaseRecord | undefined> {
  let text: string;
  try {
    const handle = await open(path.join(dir, LEASE_FILE), 'r');
    try {
      const buffer = Buffer.alloc(MAX_LEASE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, MAX_LEASE_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<LeaseRecord> | null;
    if (typeof value?.holder === 'string' && HOLDER.test(value.holder) && typeof value.heartbeatAt === 'number' && Number.isFinite(value.heartbeatAt)) {
      return { holder: value.holder, heartbeatAt: value.heartbeatAt };
    }
  } catch {
    // A torn or foreign file: free for the taking.
  }
  return undefined;
}

export class ProberLease {
  private held = false;
  private readonly file: string;

  constructor(private readonly options: ProberLeaseOptions) {
    if (!HOLDER.test(options.holder)) throw new Error('the lease holder name must be letters, digits, "_", "." or "-"');
    this.file = path.join(options.dir, LEASE_FILE);
  }

  get isHeld(): boolean {
    return this.held;
  }

  /**
   * Renews the lease when held, takes it when free or stale; returns whether
   * this process holds it now. A holder that finds another name in the file
   * (it hung, and someone took over) steps down.
   */
  async tick(): Promise<boolean> {
    const now = this.options.clock.now();
    const current = await readLease(this.options.dir);
    const stale = current === undefined || Math.abs(now - current.heartbeatAt) > this.options.staleAfterMs;
    if (current?.holder === this.options.holder || stale) {
      await this.write({ holder: this.options.holder, heartbeatAt: now });
      // Two windows may take a stale lease at once: after a pause, the file says who won.
      if (current?.holder !== this.options.holder) await this.options.settle?.();
      this.held = (await readLease(this.options.dir))?.holder === this.options.holder;
    } else {
      this.held = false;
    }
    return this.held;
  }

  /** Gives the lease up (window closing), so another takes over at its next tick. */
  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    const current = await readLease(this.options.dir);
    if (current?.holder === this.options.holder) await unlink(this.file).catch(() => undefined);
  }

  private async write(record: LeaseRecord): Promise<void> {
    // Written aside and renamed over, so a reader never sees half a lease.
    const temporary = `${this.file}.${this.options.holder}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(record));
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }
}

/** How often a window beats and how old a beat may get, for the given polling intervals. */
export function leaseTiming(intervalSeconds: number): { heartbeatMs: number; staleAfterMs: number } {
  // Three beats per interval at most 10 s apart: a silent holder is replaced within one interval.
  const heartbeatMs = Math.min(10_000, Math.max(1000, (intervalSeconds * 1000) / 4));
  return { heartbeatMs, staleAfterMs: heartbeatMs * 3 };
}


// A clock for tests and benchmarks that only moves when told to: hours of
// simulated time run in milliseconds.
import type { Clock, TimerHandle, Timers } from '../../src/core/clock';

interface PendingTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. Timers fire in due order (ties in the
 * order they were set) as time is advanced past them; a callback that sets a
 * new timer inside the advanced span sees it fire in the same advance.
 */
export class ManualClock implements Clock, Timers {
  private current: number;
  private nextId = 1;
  private pending: PendingTimer[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1, 12, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { id: this.nextId++, dueAt: this.current + Math.max(0, delayMs), callback };
    this.pending.push(timer);
    return { cancel: () => this.remove(timer.id) };
  }

  /** How many timers are waiting. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** When the earliest waiting timer is due, or undefined when none waits. */
  nextDueAt(): number | undefined {
    return this.earliest()?.dueAt;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    this.advanceTo(this.current + Math.max(0, ms));
  }

  /** Moves time to `targetMs` (never backwards), firing due timers in order. */
  advanceTo(targetMs: number): void {
    for (;;) {
      const next = this.earliest();
      if (!next || next.dueAt > targetMs) break;
      this.remove(next.id);
      this.current = Math.max(this.current, next.dueAt);
      next.callback();
    }
    this.current = Math.max(this.current, targetMs);
  }

  /**
   * Jumps to the earliest waiting timer and fires it (and any others due at
   * the same instant). Returns false when nothing waits.
   */
  runNext(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.advanceTo(next.dueAt);
    return true;
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.pending) {
      if (!best || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)) best = timer;
    }
    return best;
  }

  private remove(id: number): void {
    this.pending = this.pending.filter((timer) => timer.id !== id);
  }
}

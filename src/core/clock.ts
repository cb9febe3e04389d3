// Time as a parameter: the monitor, the signals and the views read the time and
// schedule work only through these interfaces, so tests and benchmarks can run
// hours of simulated time in milliseconds (test/support/manual-clock.ts).

/** Wall-clock time in milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

/** A scheduled callback that can be cancelled; cancelling twice is harmless. */
export interface TimerHandle {
  cancel(): void;
}

export interface Timers {
  /** Runs `callback` once, `delayMs` from now (negative delays count as 0). */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout(callback, delayMs) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(handle) };
  },
};

/** Measures real elapsed time of real I/O, independent of the scheduling clock. */
export interface Stopwatch {
  /** Monotonic milliseconds. */
  now(): number;
}

export const systemStopwatch: Stopwatch = { now: () => performance.now() };

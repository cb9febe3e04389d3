// What the concurrency variant's shared limiter must do, written once for every language:
// callers in phases on one limiter, the simulator's scripted answers (or its capacity
// model), and what the callers and the API must see. A language's driver runs a case
// through its rendered wrapper (WrapperDriver.limiter); run-limiter-spec.ts checks it.
import { type CapacitySpec } from '../../../src/sim/capacity';
import { type ScriptedFault } from '../../../src/sim/scenario';
import { SLACK_MS, type CallSettings, type LanguageCapabilities, type Outcome } from './wrapper-cases';

export interface LimiterSettings {
  initialLimit: number;
  maxLimit: number;
}

/** Callers that share the limiter; a phase starts once the previous one has fully returned. */
export interface LimiterPhase {
  callers: number;
  /** Caller i starts i * staggerMs after the phase began (0: all at once). */
  staggerMs?: number;
  call: CallSettings;
  /** Per caller, settings that replace `call` (index -> settings). */
  calls?: Record<number, CallSettings>;
}

export interface LimiterRun {
  limiter: LimiterSettings;
  phases: LimiterPhase[];
  /**
   * For the capacity benchmark: the concurrency variant (default), the basic wrapper (under a
   * fixed limit of `fixedLimit` when given), or the SDK's own retries (`sdkMaxRetries`).
   */
  strategy?: 'concurrency' | 'basic' | 'sdk';
  fixedLimit?: number;
  sdkMaxRetries?: number;
  /** How long the driver may take (default: a test case's timeout). */
  timeoutMs?: number;
}

export interface LimiterPhaseExpectation {
  /** Every caller's outcome, or one per caller. */
  callers: Outcome | Outcome[];
  /** The limiter's limit once the phase has returned. */
  limitAfter?: { min?: number; max?: number };
  /** The callers ended in the order they started (first come, first served). */
  endInStartOrder?: boolean;
  /** Callers (by index) that gave up must say this, and for how long they waited at most. */
  gaveUp?: { callers: number[]; says: RegExp[]; reasonCode?: 'deadline' | 'attempts'; elapsedMs: { min: number; max: number } };
  /** Callers (by index) that were cancelled, and how soon they returned. */
  cancelled?: { callers: number[]; elapsedMaxMs: number };
  /** Every caller returned within this long of its start. */
  elapsedMaxMs?: number;
}

export interface LimiterCase {
  title: string;
  id: string;
  faults?: ScriptedFault[];
  capacity?: CapacitySpec;
  run: LimiterRun;
  phases: LimiterPhaseExpectation[];
  /** Message requests the simulator saw in all. */
  requests?: number;
  statuses?: number[];
  everyStatus?: number;
  /**
   * No request arrived inside this window after the first one (a 429 whose retry-after
   * paused everyone); the window opens a little after it, for the 429 to reach the client.
   */
  pausedAfterFirst?: { fromMs: number; toMs: number };
  skip?: (lang: LanguageCapabilities) => string | undefined;
}

const QUICK: CallSettings = { policy: { baseDelayMs: 20, maxDelayMs: 100 } };

export const LIMITER_CASES: readonly LimiterCase[] = [
  {
    title: 'cuts the limit on a 529 and grows it back after runs of successes',
    id: 'falls-and-recovers',
    faults: [{ kind: 'overloaded' }],
    run: {
      limiter: { initialLimit: 4, maxLimit: 8 },
      phases: [
        { callers: 1, call: QUICK },
        // Slow answers keep the limit in use, so successes count towards growing it.
        { callers: 16, call: QUICK },
      ],
    },
    capacity: { maxInFlight: 100, serviceTimeMs: 30 },
    phases: [
      { callers: 'ok', limitAfter: { max: 3 } },
      { callers: 'ok', limitAfter: { min: 4, max: 8 } },
    ],
    requests: 18,
    statuses: [529, ...Array<number>(17).fill(200)],
  },
  {
    title: 'serves queued callers first come, first served',
    id: 'fifo',
    faults: [{ kind: 'ok', latencyMs: 400, times: 5 }],
    run: { limiter: { initialLimit: 1, maxLimit: 1 }, phases: [{ callers: 5, staggerMs: 100, call: QUICK }] },
    phases: [{ callers: 'ok', endInStartOrder: true, limitAfter: { min: 1, max: 1 } }],
    requests: 5,
    everyStatus: 200,
  },
  {
    title: 'holds a queued caller to its overall deadline and sends nothing for it',
    id: 'deadline-in-queue',
    faults: [{ kind: 'ok', latencyMs: 1_500 }],
    run: {
      limiter: { initialLimit: 1, maxLimit: 1 },
      phases: [{ callers: 2, staggerMs: 100, call: QUICK, calls: { 1: { policy: { ...QUICK.policy, deadlineMs: 500 } } } }],
    },
    phases: [{ callers: ['ok', 'gave-up'], gaveUp: { callers: [1], says: [/deadline/, /queue|limit/], reasonCode: 'deadline', elapsedMs: { min: 450, max: 500 + SLACK_MS } } }],
    requests: 1,
  },
  {
    title: 'lets a cancelled caller leave the queue at once, and the next one take its turn',
    id: 'cancel-in-queue',
    faults: [{ kind: 'ok', latencyMs: 800 }],
    run: {
      limiter: { initialLimit: 1, maxLimit: 1 },
      phases: [{ callers: 3, staggerMs: 50, call: QUICK, calls: { 1: { ...QUICK, cancelAfterMs: 200 } } }],
    },
    phases: [{ callers: ['ok', 'cancelled', 'ok'], cancelled: { callers: [1], elapsedMaxMs: 200 + SLACK_MS } }],
    requests: 2,
    everyStatus: 200,
    skip: (lang) => (lang.cancellation ? undefined : 'a blocking call cannot be cancelled by its caller'),
  },
  {
    title: "pauses every caller for one 429's retry-after",
    id: 'retry-after-pauses-all',
    faults: [{ kind: 'rate_limited', retryAfterSeconds: 1 }],
    // Callers 2 and 3 arrive 500 and 750 ms in: they must wait for the pause to end.
    run: { limiter: { initialLimit: 4, maxLimit: 8 }, phases: [{ callers: 4, staggerMs: 250, call: QUICK }] },
    phases: [{ callers: 'ok' }],
    requests: 5,
    statuses: [429, 200, 200, 200, 200],
    pausedAfterFirst: { fromMs: 200, toMs: 1_000 },
  },
  {
    title: 'retries a 529 from its own crowd at the next free slot, without a backoff wait, and probes that limit again only slowly',
    id: 'capacity-529-at-head',
    // Three callers at once against room for two: the third gets a 529 at once. A backoff
    // would wait at least two thirds of 10 s; the cut limit (2, full) holds the retry back
    // until one of the first two is answered, 1 s in, and it is answered 1 s later.
    capacity: { maxInFlight: 2, serviceTimeMs: 1_000 },
    run: { limiter: { initialLimit: 3, maxLimit: 3 }, phases: [{ callers: 3, call: { policy: { deadlineMs: 30_000, baseDelayMs: 10_000, maxDelayMs: 10_000 } } }] },
    // Three successes are not the longer run it takes to step back onto 3, the limit that overloaded.
    phases: [{ callers: 'ok', elapsedMaxMs: 2 * 1_000 + 2 * SLACK_MS, limitAfter: { min: 2, max: 2 } }],
    requests: 4,
  },
  {
    title: 'cuts the limit once for a burst of 529s from one round trip',
    id: 'one-cut-per-round-trip',
    // Six of eight requests sent together fail together: one cut (8 -> 6), not six (8 -> 2).
    faults: [{ kind: 'overloaded', times: 6, latencyMs: 300 }],
    run: { limiter: { initialLimit: 8, maxLimit: 8 }, phases: [{ callers: 8, call: QUICK }] },
    phases: [{ callers: 'ok', limitAfter: { min: 6 } }],
    requests: 14,
  },
  {
    title: 'keeps 100 concurrent callers within its ceiling: the API at exactly that capacity never overloads',
    id: 'hundred-callers',
    capacity: { maxInFlight: 8, serviceTimeMs: 20 },
    run: { limiter: { initialLimit: 4, maxLimit: 8 }, phases: [{ callers: 100, call: { policy: { deadlineMs: 30_000, baseDelayMs: 20, maxDelayMs: 100 } } }] },
    phases: [{ callers: 'ok', limitAfter: { min: 1, max: 8 } }],
    requests: 100,
    everyStatus: 200,
  },
];

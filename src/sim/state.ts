// The simulator's mutable state in one place: the scenario and its clock, the
// fault script, the rate-limit buckets, and what it has been asked.
import { CapacityGate, type CapacitySpec } from './capacity';
import { FaultPicker } from './fault-picker';
import { RateLimiter } from './rate-limiter';
import { seededRandom } from './rng';
import { DEFAULT_RATE_LIMITS, type Phase, type Scenario } from './scenario';
import { positionAt, type TimelinePosition } from './timeline';

export interface SimClock {
  now(): number;
}

export interface RecordedRequest {
  atMs: number;
  at: string;
  method: string;
  path: string;
  model: string | null;
  stream: boolean;
  status: number | null;
  outcome: string;
  requestId: string | null;
}

const REQUEST_LOG_LIMIT = 1000;

/**
 * Requests to paths the simulator does not serve share this one count: a count per
 * distinct path would let a client grow /_sim/state without bound.
 */
export const UNKNOWN_PATHS_KEY = '(unknown paths)';

export class SimulatorState {
  scenario!: Scenario;
  startedAtMs = 0;
  picker!: FaultPicker;
  rateLimiter!: RateLimiter;
  counts = new Map<string, number>();
  log: RecordedRequest[] = [];
  /** Kept across scenario switches: a request in flight leaves the pool it entered. */
  readonly capacityGate = new CapacityGate();
  /** Set through POST /_sim/capacity; wins over the scenario's until the next reset or switch. null: no limit. */
  capacityOverride: CapacitySpec | null | undefined;

  constructor(
    scenario: Scenario,
    readonly clock: SimClock,
  ) {
    this.useScenario(scenario);
  }

  /** Switches scenario and starts everything afresh: timeline, counts, log, script, buckets. */
  useScenario(scenario: Scenario): void {
    this.scenario = scenario;
    this.startedAtMs = this.clock.now();
    this.picker = new FaultPicker(seededRandom(scenario.seed ?? 1));
    this.rateLimiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...scenario.rateLimits });
    this.counts.clear();
    this.log = [];
    this.capacityOverride = undefined;
  }

  /** The capacity in force during `phase`: the run-time override, else the phase's, else the scenario's. */
  capacityIn(phase: Phase): CapacitySpec | undefined {
    if (this.capacityOverride !== undefined) return this.capacityOverride ?? undefined;
    return phase.capacity ?? this.scenario.capacity;
  }

  reset(): void {
    this.useScenario(this.scenario);
  }

  elapsedMs(): number {
    return this.clock.now() - this.startedAtMs;
  }

  position(): TimelinePosition {
    return positionAt(this.scenario, this.elapsedMs());
  }

  /** `servedPath` is a path the simulator serves (in one canonical spelling), or undefined for any other. */
  count(method: string, servedPath: string | undefined): void {
    const key = servedPath === undefined ? UNKNOWN_PATHS_KEY : `${method} ${servedPath}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  record(entry: Omit<RecordedRequest, 'atMs' | 'at'> & { atMs: number }): void {
    this.log.push({ ...entry, at: new Date(entry.atMs).toISOString() });
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.splice(0, this.log.length - REQUEST_LOG_LIMIT);
  }

  describe(): object {
    const position = this.position();
    return {
      scenario: this.scenario.name,
      phase: position.api.phase.name,
      phaseIndex: position.api.index,
      elapsedMs: this.elapsedMs(),
      statusPagePhase: position.statusPage.phase.name,
      requests: Object.fromEntries(this.counts),
      scriptRemaining: this.picker.scriptRemaining,
      capacity: this.capacityIn(position.api.phase) ?? null,
      inFlight: this.capacityGate.inFlight(),
    };
  }
}

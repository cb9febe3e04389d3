// Test-side access to a running simulator: start/stop it, script faults, read what it saw.
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/sim/server';
import { type CapacitySpec } from '../../src/sim/capacity';
import { type ScriptedFault } from '../../src/sim/scenario';
import { type RecordedRequest } from '../../src/sim/state';

export type { RecordedRequest };

export interface SimState {
  scenario: string;
  phase: string;
  phaseIndex: number;
  elapsedMs: number;
  statusPagePhase: string;
  requests: Record<string, number>;
  scriptRemaining: number;
  capacity: CapacitySpec | null;
  /** Message requests the capacity model holds right now. */
  inFlight: number;
}

export class SimClient {
  private constructor(readonly sim: RunningSimulator) {}

  static async start(options: SimulatorOptions = {}): Promise<SimClient> {
    return new SimClient(await startSimulator(options));
  }

  get url(): string {
    return this.sim.url;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.sim.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  state(): Promise<SimState> {
    return this.call('GET', '/_sim/state');
  }

  async requests(): Promise<RecordedRequest[]> {
    return (await this.call<{ requests: RecordedRequest[] }>('GET', '/_sim/requests')).requests;
  }

  reset(): Promise<SimState> {
    return this.call('POST', '/_sim/reset', {});
  }

  script(faults: ScriptedFault[]): Promise<SimState> {
    return this.call('POST', '/_sim/script', { faults });
  }

  /** Limits the API's capacity until the next reset (null: no limit). */
  capacity(capacity: CapacitySpec | null): Promise<SimState> {
    return this.call('POST', '/_sim/capacity', { capacity });
  }

  useScenario(nameOrScenario: string | object): Promise<SimState> {
    return this.call('POST', '/_sim/scenario', typeof nameOrScenario === 'string' ? { name: nameOrScenario } : { scenario: nameOrScenario });
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

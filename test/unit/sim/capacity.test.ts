import assert from 'node:assert/strict';
import { CapacityGate, parseCapacity } from '../../../src/sim/capacity';
import { parseScenario, ScenarioError } from '../../../src/sim/scenario';
import { SimClient } from '../../support/sim-client';

const KEY = 'sk-ant-api03-SENTINEL-capacity';
const HEADERS = { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const BODY = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }] });

function fail(path: string, message: string): never {
  throw new ScenarioError(`${path}: ${message}`);
}

function post(sim: SimClient, headers: Record<string, string> = HEADERS): Promise<Response> {
  return fetch(`${sim.url}/v1/messages`, { method: 'POST', headers, body: BODY });
}

describe('simulator: capacity model', () => {
  describe('the gate', () => {
    it('admits up to maxInFlight at once, refuses the next with over_capacity, and frees a slot on leave', () => {
      const gate = new CapacityGate();
      const spec = { maxInFlight: 2, serviceTimeMs: 50 };
      const first = gate.admit(spec, KEY, 0);
      const second = gate.admit(spec, KEY, 0);
      assert.ok(first.admitted && second.admitted);
      assert.equal(first.serviceTimeMs, 50);
      assert.deepEqual(gate.admit(spec, KEY, 0), { admitted: false, reason: 'over_capacity' });
      first.leave();
      first.leave(); // leaving twice frees one slot, not two
      assert.equal(gate.inFlight(), 1);
      assert.ok(gate.admit(spec, KEY, 0).admitted);
      assert.deepEqual(gate.admit(spec, KEY, 0), { admitted: false, reason: 'over_capacity' });
    });

    it('keeps one pool per key when asked, one for everyone otherwise', () => {
      const gate = new CapacityGate();
      assert.ok(gate.admit({ maxInFlight: 1 }, 'a', 0).admitted);
      assert.equal(gate.admit({ maxInFlight: 1 }, 'b', 0).admitted, false);
      const perKey = { maxInFlight: 1, scope: 'per_key' as const };
      assert.ok(gate.admit(perKey, 'c', 0).admitted);
      assert.ok(gate.admit(perKey, 'd', 0).admitted);
      assert.equal(gate.admit(perKey, 'c', 0).admitted, false);
    });

    it('refuses requests beyond the rate with a retry-after that points at the next free second', () => {
      const gate = new CapacityGate();
      const spec = { maxInFlight: 100, requestsPerSecond: 2 };
      assert.ok(gate.admit(spec, KEY, 0).admitted);
      assert.ok(gate.admit(spec, KEY, 400).admitted);
      assert.deepEqual(gate.admit(spec, KEY, 500), { admitted: false, reason: 'over_request_rate', retryAfterSeconds: 1 });
      assert.ok(gate.admit(spec, KEY, 1001).admitted, 'the first request left the window');
    });
  });

  describe('parsing', () => {
    it('reads a capacity in a scenario and in a phase, and names a bad field', () => {
      const scenario = parseScenario({
        name: 'halving',
        capacity: { maxInFlight: 8, serviceTimeMs: 200 },
        phases: [
          { name: 'full', durationSeconds: 5, statusPage: { indicator: 'none' } },
          { name: 'half', capacity: { maxInFlight: 4, serviceTimeMs: 200, scope: 'per_key', requestsPerSecond: 50 }, statusPage: { indicator: 'minor' } },
        ],
      });
      assert.deepEqual(scenario.capacity, { maxInFlight: 8, serviceTimeMs: 200 });
      assert.deepEqual(scenario.phases[1]!.capacity, { maxInFlight: 4, serviceTimeMs: 200, scope: 'per_key', requestsPerSecond: 50 });
      assert.throws(() => parseCapacity({ maxInFlight: -1 }, 'capacity', fail), /capacity\.maxInFlight: must be a whole number from 0 to 100000/);
      assert.throws(() => parseCapacity({ maxInFlight: 2, scope: 'galaxy' }, 'capacity', fail), /capacity\.scope: must be one of global, per_key/);
      assert.throws(() => parseCapacity({ maxInFlight: 2, burst: 3 }, 'capacity', fail), /capacity\.burst: is not a known field/);
      assert.throws(() => parseCapacity('eight', 'capacity', fail), /capacity: must be an object/);
    });
  });

  describe('over HTTP', () => {
    let sim: SimClient;
    before(async () => {
      sim = await SimClient.start({ scenario: 'healthy' });
    });
    after(() => sim.close());

    it('answers 529 overloaded_error to requests beyond N in flight, each admitted one held for its service time', async () => {
      await sim.reset();
      await sim.capacity({ maxInFlight: 2, serviceTimeMs: 300 });
      const answers = await Promise.all([post(sim), post(sim), post(sim), post(sim)]);
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 200, 529, 529]);
      const overloaded = answers.find((a) => a.status === 529)!;
      assert.equal(((await overloaded.json()) as { error: { type: string } }).error.type, 'overloaded_error');
      const log = await sim.requests();
      assert.deepEqual(log.map((r) => r.outcome).sort(), ['ok', 'ok', 'over_capacity', 'over_capacity']);
      assert.equal((await sim.state()).inFlight, 0, 'every slot was given back');
      assert.ok(!JSON.stringify(await sim.state()).includes(KEY), 'the key never shows in the state');
    });

    it('answers 429 with retry-after beyond the request rate', async () => {
      await sim.reset();
      await sim.capacity({ maxInFlight: 100, requestsPerSecond: 1 });
      assert.equal((await post(sim)).status, 200);
      const limited = await post(sim);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '1');
    });

    it('follows the phase of a scenario, and a reset lifts the run-time override', async () => {
      await sim.useScenario({ name: 'tiny', capacity: { maxInFlight: 0 }, phases: [{ name: 'only', statusPage: { indicator: 'none' } }] });
      assert.equal((await post(sim)).status, 529, 'a capacity of 0 refuses everything');
      await sim.capacity(null);
      assert.equal((await post(sim)).status, 200, 'null lifts every limit');
      await sim.reset();
      assert.equal((await post(sim)).status, 529, 'the reset restored the scenario capacity');
      await sim.useScenario('healthy');
    });

    it('answers bad capacity input with a clear 400', async () => {
      await assert.rejects(sim.capacity({ maxInFlight: 1.5 }), /400: \{"error":"capacity\.maxInFlight: must be a whole number/);
      const missing = await fetch(`${sim.url}/_sim/capacity`, { method: 'POST', body: '{}' });
      assert.equal(missing.status, 400);
    });
  });
});

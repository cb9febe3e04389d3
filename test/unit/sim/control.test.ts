import assert from 'node:assert/strict';
import { SimClient } from '../../support/sim-client';

const HEADERS = { 'x-api-key': 'sk-ant-api03-SENTINEL-control', 'anthropic-version': '2023-06-01' };

describe('simulator: control endpoints', () => {
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ scenario: 'flaky' });
  });
  after(() => sim.close());

  it('counts requests per path and logs them, and reset clears both', async () => {
    await sim.reset();
    await fetch(`${sim.url}/v1/models?limit=1`, { headers: HEADERS });
    await fetch(`${sim.url}/v1/models?limit=1`, { headers: HEADERS });
    await fetch(`${sim.url}/api/v2/status.json`);
    const state = await sim.state();
    assert.deepEqual(state.requests, { 'GET /v1/models': 2, 'GET /api/v2/status.json': 1 });
    const log = await sim.requests();
    assert.equal(log.length, 3);
    assert.equal(log[0]!.path, '/v1/models');
    assert.match(log[0]!.requestId ?? '', /^req_/);
    assert.ok(!JSON.stringify(log).includes('SENTINEL'), 'the key is never recorded');
    await sim.reset();
    assert.deepEqual((await sim.state()).requests, {});
    assert.deepEqual(await sim.requests(), []);
  });

  it('switches scenario by name or inline definition', async () => {
    assert.equal((await sim.useScenario('outage')).scenario, 'outage');
    const state = await sim.useScenario({ name: 'custom', phases: [{ name: 'only', statusPage: { indicator: 'minor' } }] });
    assert.equal(state.scenario, 'custom');
    assert.equal(state.phase, 'only');
  });

  it('answers bad control input with a clear 400', async () => {
    await assert.rejects(sim.useScenario('no-such'), /400: \{"error":"unknown scenario \\"no-such\\"/);
    await assert.rejects(sim.useScenario({ name: 'x', phases: 'nope' }), /scenario\.phases: must be a non-empty list/);
    await assert.rejects(sim.script([{ kind: 'explode' as 'overloaded' }]), /faults\[0\]\.kind: must be one of/);
    const malformed = await fetch(`${sim.url}/_sim/script`, { method: 'POST', body: '{oops' });
    assert.equal(malformed.status, 400);
    assert.match(await malformed.text(), /not valid JSON/);
    assert.equal((await fetch(`${sim.url}/_sim/whatever`)).status, 404);
  });

  it('lists the built-in scenarios', async () => {
    const { scenarios } = (await (await fetch(`${sim.url}/_sim/scenarios`)).json()) as { scenarios: { name: string; description: string }[] };
    assert.ok(scenarios.some((s) => s.name === 'storm' && s.description.includes('529')));
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadScenario } from '../../../src/sim/scenario-source';
import { parseScenario, ScenarioError } from '../../../src/sim/scenario';
import { BUILT_IN_SCENARIOS } from '../../../src/sim/scenarios';

describe('scenario validation', () => {
  it('accepts every built-in scenario as JSON (they are valid scenario files)', () => {
    for (const scenario of Object.values(BUILT_IN_SCENARIOS)) {
      assert.deepEqual(parseScenario(JSON.parse(JSON.stringify(scenario))).name, scenario.name);
    }
    assert.deepEqual(Object.keys(BUILT_IN_SCENARIOS).sort(), ['flaky', 'healthy', 'maintenance', 'outage', 'overloaded', 'rate-limited', 'slow', 'storm']);
  });

  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /^scenario: must be a JSON object/],
    ['no phases', { name: 'x', phases: [] }, /^scenario\.phases: must be a non-empty list/],
    ['unknown field', { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none' } }], colour: 1 }, /^scenario\.colour: is not a known field/],
    ['bad fault kind', { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none' }, faults: [{ kind: 'boom', probability: 1 }] }] }, /^scenario\.phases\[0\]\.faults\[0\]\.kind: must be one of ok, overloaded/],
    ['probability above 1', { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none' }, faults: [{ kind: 'overloaded', probability: 1.5 }] }] }, /probability: must be a number from 0 to 1/],
    [
      'probabilities adding past 1',
      { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none' }, faults: [{ kind: 'overloaded', probability: 0.6 }, { kind: 'server_error', probability: 0.6 }] }] },
      /faults: probabilities add up to 1\.200, more than 1/,
    ],
    ['bad indicator', { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'green' } }] }, /statusPage\.indicator: must be one of none, minor, major, critical, maintenance/],
    ['a middle phase without duration', { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none' } }, { name: 'b', statusPage: { indicator: 'none' } }] }, /phases\[0\]\.durationSeconds: is required/],
    ['bad component status', { name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none', components: { k8w3r06qmzrp: 'sad' } } }] }, /components\.k8w3r06qmzrp: must be one of operational/],
  ];
  for (const [title, value, expected] of cases) {
    it(`rejects ${title} with an error naming the field`, () => {
      assert.throws(() => parseScenario(value), (error: Error) => error instanceof ScenarioError && expected.test(error.message));
    });
  }

  it('loads a scenario file, and names the file and field when it is wrong', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-scenario-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'mine', phases: [{ name: 'only', faults: [{ kind: 'overloaded', probability: 0.5 }], statusPage: { indicator: 'none' } }] }));
    assert.equal(loadScenario(good).name, 'mine');
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"name": "x", "phases": [');
    assert.throws(() => loadScenario(broken), /scenario file .*broken\.json is not valid JSON/);
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ name: 'x', phases: [{ name: 'a', statusPage: { indicator: 'none' }, latencyMs: -1 }] }));
    assert.throws(() => loadScenario(wrong), /wrong\.json: scenario\.phases\[0\]\.latencyMs: must be a number from 0/);
    assert.throws(() => loadScenario(path.join(dir, 'missing.json')), /cannot read scenario file .*missing\.json: ENOENT/);
    assert.throws(() => loadScenario('nope'), /unknown scenario "nope"; built-in scenarios: healthy, /);
  });
});

import assert from 'node:assert/strict';
import { BUILT_IN_SCENARIOS } from '../../../src/sim/scenarios';
import { parseScenario } from '../../../src/sim/scenario';
import { positionAt } from '../../../src/sim/timeline';

const storm = BUILT_IN_SCENARIOS.storm!;
const at = (seconds: number) => positionAt(storm, seconds * 1000);

describe('scenario timeline', () => {
  it('walks the storm: calm, storm, recovered', () => {
    assert.equal(at(0).api.phase.name, 'calm');
    assert.equal(at(59.9).api.phase.name, 'calm');
    assert.equal(at(60).api.phase.name, 'storm');
    assert.equal(at(179).api.phase.name, 'storm');
    assert.equal(at(180).api.phase.name, 'recovered');
    assert.equal(at(100_000).api.phase.name, 'recovered');
  });

  it('lets the status page admit the storm 90 s late and its end 60 s late', () => {
    assert.equal(at(60).statusPage.phase.name, 'calm');
    assert.equal(at(149).statusPage.phase.name, 'calm');
    assert.equal(at(150).statusPage.phase.name, 'storm');
    assert.equal(at(150).statusPage.shownSinceMs, 150_000);
    assert.equal(at(239).statusPage.phase.name, 'storm');
    assert.equal(at(240).statusPage.phase.name, 'recovered');
  });

  it('skips a status-page state that a later phase overtakes before it shows', () => {
    const scenario = parseScenario({
      name: 'blip',
      statusPageLagSeconds: 30,
      phases: [
        { name: 'a', durationSeconds: 10, statusPage: { indicator: 'none' } },
        { name: 'b', durationSeconds: 10, statusPage: { indicator: 'major' } },
        { name: 'c', statusPageLagSeconds: 0, statusPage: { indicator: 'minor' } },
      ],
    });
    assert.equal(positionAt(scenario, 25_000).statusPage.phase.name, 'c');
    assert.equal(positionAt(scenario, 15_000).statusPage.phase.name, 'a');
  });

  it('loops when asked, with the lag carried across the wrap', () => {
    const scenario = parseScenario({
      name: 'loop',
      loop: true,
      statusPageLagSeconds: 5,
      phases: [
        { name: 'up', durationSeconds: 20, statusPage: { indicator: 'none' } },
        { name: 'down', durationSeconds: 10, statusPage: { indicator: 'major' } },
      ],
    });
    assert.equal(positionAt(scenario, 31_000).api.phase.name, 'up');
    assert.equal(positionAt(scenario, 31_000).statusPage.phase.name, 'down');
    assert.equal(positionAt(scenario, 36_000).statusPage.phase.name, 'up');
    assert.equal(positionAt(scenario, 3_000_000 + 25_000).api.phase.name, 'down');
  });
});

// Property tests for scenario validation: whatever JSON arrives (from a file or
// a /_sim/* body), parseScenario and parseScriptedFault either return a value
// or throw ScenarioError, nothing else; prototype keys are refused wherever
// they sit; and a file that is not JSON is never quoted back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FAULT_KINDS, INDICATORS, parseScenario, parseScriptedFault, ScenarioError } from '../../../src/sim/scenario';
import { loadScenario } from '../../../src/sim/scenario-source';
import { BUILT_IN_SCENARIOS } from '../../../src/sim/scenarios';
import { binaryText, fuzz } from '../../support/fuzz';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Only ScenarioError may escape; anything else (TypeError, RangeError) is a bug. */
function validatesOrRefuses(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `threw ${(error as Error).name}: ${(error as Error).message}`);
  }
}

/** Scenarios that are mostly well formed, so the checks past the first field get exercised too. */
const nearScenario = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('x')),
    description: fc.string({ maxLength: 20 }),
    loop: fc.oneof(fc.boolean(), fc.jsonValue()),
    seed: fc.oneof(fc.integer(), fc.double()),
    phases: fc.array(
      fc.record(
        {
          name: fc.string({ maxLength: 10 }),
          durationSeconds: fc.oneof(fc.double(), fc.constant(null), fc.integer({ min: 1, max: 100 })),
          faults: fc.array(fc.record({ kind: fc.oneof(fc.constantFrom(...FAULT_KINDS), fc.string()), probability: fc.double(), paths: fc.jsonValue(), times: fc.jsonValue() }, { requiredKeys: ['kind'] }), { maxLength: 4 }),
          latencyMs: fc.oneof(fc.double(), fc.record({ min: fc.double(), max: fc.double() })),
          statusPage: fc.record({ indicator: fc.oneof(fc.constantFrom(...INDICATORS), fc.string()), components: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()), incidents: fc.jsonValue() }, { requiredKeys: ['indicator'] }),
        },
        { requiredKeys: ['name', 'statusPage'] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['name', 'phases'] },
);

/** A copy of `value` with a prototype key on its `at`-th object, as JSON.parse makes one: an own, enumerable property. */
function withPrototypeKey(value: unknown, key: string, at: number, payload: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(value));
  const objects: object[] = [];
  const pending = [copy];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item !== 'object' || item === null) continue;
    if (!Array.isArray(item)) objects.push(item);
    pending.push(...Object.values(item));
  }
  Object.defineProperty(objects[at % objects.length], key, { value: payload, enumerable: true, writable: true, configurable: true });
  return copy;
}

describe('fuzz: scenario validation', () => {
  it('throws nothing but ScenarioError on any JSON value', () => {
    fuzz(
      fc.property(fc.oneof(fc.jsonValue(), nearScenario), (value) => {
        validatesOrRefuses(() => parseScenario(value));
        validatesOrRefuses(() => parseScriptedFault(value, 'faults[0]'));
      }),
      400,
    );
  });

  it('refuses a prototype key wherever it sits, in valid scenarios and near ones', () => {
    const base = fc.oneof(fc.constantFrom(...Object.values(BUILT_IN_SCENARIOS)), nearScenario);
    fuzz(
      fc.property(base, fc.constantFrom(...PROTOTYPE_KEYS), fc.nat(), fc.jsonValue({ maxDepth: 2 }), (scenario, key, at, payload) => {
        const json = withPrototypeKey(scenario, key, at, payload);
        assert.throws(() => parseScenario(json), (error: Error) => error instanceof ScenarioError && /is not allowed \(a prototype key\)/.test(error.message));
      }),
      300,
    );
  });

  it('refuses prototype keys in scripted faults', () => {
    const fault = fc.record({ kind: fc.constantFrom(...FAULT_KINDS), times: fc.integer({ min: 1, max: 5 }) });
    fuzz(
      fc.property(fault, fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 }), (value, key, payload) => {
        const json = withPrototypeKey(value, key, 0, payload);
        assert.throws(() => parseScriptedFault(json, 'faults[0]'), ScenarioError);
      }),
      200,
    );
  });

  describe('scenario files', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'fuzz-scenario-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('never quote a file that is not JSON, and throw nothing but ScenarioError', () => {
      const file = path.join(dir, 'scenario.json');
      const content = fc.oneof(binaryText(4096), fc.string({ maxLength: 200 }).map((s) => `root:x:0:0:${s}`), fc.jsonValue().map((v) => JSON.stringify(v)));
      fuzz(
        fc.property(content, (text) => {
          writeFileSync(file, text);
          let json = true;
          try {
            JSON.parse(text);
          } catch {
            json = false;
          }
          try {
            loadScenario(file);
          } catch (error) {
            assert.ok(error instanceof ScenarioError, String(error));
            if (!json) assert.equal(error.message, `scenario file ${file} is not valid JSON`);
          }
        }),
        150,
      );
    });
  });
});

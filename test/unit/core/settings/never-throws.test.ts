// Whatever a settings.json holds, or whatever reading it does, the settings
// module returns usable values inside the declared ranges and never throws.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CLAUDE_HEALTH_SETTINGS,
  CONNECTION_SPECS,
  DIAGNOSTICS_SPECS,
  MONITOR_SPECS,
  SNIPPET_SPECS,
  checkCompareEndpoint,
  checkHttpUrl,
  isModelName,
  MAX_COMPARE_ENDPOINTS,
  validateAllSettings,
  validateSettings,
  type SettingSpec,
} from '../../../../src/core/settings';

/** Values no JSON parser produces, but a reader, a Proxy or an extension API might hand over. */
const HOSTILE: readonly (() => unknown)[] = [
  () => 10n ** 30n,
  () => [1n, 'claude-haiku-4-5'],
  () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    return cycle;
  },
  () => {
    const cycle: unknown[] = ['claude-haiku-4-5'];
    cycle.push(cycle);
    return cycle;
  },
  () => Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('getter'); } }),
  () => Object.defineProperty(['a'], 0, { get: () => { throw new Error('index getter'); } }),
  () => Object.defineProperty([], 'length', { value: 2 ** 32 - 1 }),
  () => new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } }),
  () => new Proxy(['k8w3r06qmzrp'], { get: () => { throw new Error('trap'); } }),
  () => {
    const revocable = Proxy.revocable([], {});
    revocable.revoke();
    return revocable.proxy;
  },
  () => ({ toString: () => { throw new Error('toString'); }, toJSON: () => { throw new Error('toJSON'); }, [Symbol.toPrimitive]: () => { throw new Error('primitive'); } }),
  () => Symbol('setting'),
  () => () => 'a function',
  () => new String('60'),
  () => 'x'.repeat(100_000),
  () => ` ${'9'.repeat(400)} `,
];

type Raw = { hostile: number } | { plain: unknown };

const plain = fc.oneof(
  fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withDate: true }),
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom('models', 'message', 'off', 'all', 'https://api.anthropic.com', 'http://user:pw@example.test', 'claude-haiku-4-5', '1.1.1.1', ''),
  fc.array(fc.oneof(fc.string(), fc.constantFrom('claude-haiku-4-5', 'k8w3r06qmzrp', '8.8.8.8:53', 'bad name!'), fc.anything()), { maxLength: 30 }),
);
const raw: fc.Arbitrary<Raw> = fc.oneof(plain.map((value) => ({ plain: value })), fc.nat({ max: HOSTILE.length - 1 }).map((hostile) => ({ hostile })));

const claudeHealthKeys = Object.values(CLAUDE_HEALTH_SETTINGS).map((spec) => spec.key);
const httpKeys = Object.values(CONNECTION_SPECS).map((spec) => spec.key);

/** A raw reader over generated values; some keys throw when read. */
function reader(values: Record<string, Raw | undefined>, throwing: readonly string[]): (key: string) => unknown {
  return (key) => {
    if (throwing.includes(key)) throw new Error(`cannot read ${key}`);
    const value = values[key];
    if (value === undefined) return undefined;
    return 'hostile' in value ? HOSTILE[value.hostile]!() : value.plain;
  };
}

const settingsJson = (keys: readonly string[]) =>
  fc.record({
    values: fc.record(Object.fromEntries(keys.map((key) => [key, fc.option(raw, { nil: undefined })])) as Record<string, fc.Arbitrary<Raw | undefined>>),
    throwing: fc.subarray([...keys], { maxLength: 3 }),
  });

function assertWithin(spec: SettingSpec, value: unknown, name: string): void {
  switch (spec.kind) {
    case 'number':
      assert.ok(Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max, `${name} = ${String(value)}`);
      return;
    case 'enum':
      assert.ok((spec.values as readonly unknown[]).includes(value), name);
      return;
    case 'boolean':
      assert.equal(typeof value, 'boolean', name);
      return;
    case 'model':
      assert.ok(isModelName(value), name);
      return;
    case 'text':
      assert.ok(typeof value === 'string' && value.length <= spec.maxLength, name);
      return;
    case 'url':
      assert.equal(typeof value, 'string', name);
      if (value === '') assert.equal(spec.default, '', `${name} is empty only when that is its default`);
      else assert.deepEqual(checkHttpUrl(value as string), { ok: true, url: value }, name);
      return;
    case 'list':
      assert.ok(Array.isArray(value), name);
      assert.ok(value.length <= spec.maxItems && (spec.emptyAllowed || value.length > 0), `${name} has ${value.length} entries`);
      for (const item of value) assert.ok(typeof item === 'string' && spec.pattern.test(item), `${name} entry`);
      return;
    case 'endpoints':
      assert.ok(Array.isArray(value) && value.length <= MAX_COMPARE_ENDPOINTS, name);
      for (const item of value) {
        const checked = checkCompareEndpoint(item.name, item.baseUrl, item.keyEnv);
        assert.ok(checked.ok && JSON.stringify(checked.endpoint) === JSON.stringify(item), `${name} entry`);
      }
      return;
  }
}

function assertSection(specs: Readonly<Record<string, SettingSpec>>, section: Record<string, unknown>, label: string): void {
  for (const [field, spec] of Object.entries(specs)) assertWithin(spec, section[field], `${label}.${field}`);
}

function assertProblems(problems: unknown): void {
  assert.ok(Array.isArray(problems));
  for (const problem of problems) assert.ok(typeof problem === 'string' && problem.length < 400, 'a problem is one short sentence');
}

describe('settings never throw', () => {
  it('validateSettings gives monitor settings inside their ranges for any raw input', () => {
    fc.assert(
      fc.property(settingsJson(claudeHealthKeys), ({ values, throwing }) => {
        const { settings, problems } = validateSettings(reader(values, throwing));
        assertSection(MONITOR_SPECS, settings as unknown as Record<string, unknown>, 'monitor');
        assertProblems(problems);
      }),
      { numRuns: 300 },
    );
  });

  it('every section comes back usable for any raw input, with one sentence per correction', () => {
    fc.assert(
      fc.property(settingsJson(claudeHealthKeys), settingsJson(httpKeys), (claudeHealth, http) => {
        const all = validateAllSettings(reader(claudeHealth.values, claudeHealth.throwing), reader(http.values, http.throwing));
        assertSection(MONITOR_SPECS, all.monitor as unknown as Record<string, unknown>, 'monitor');
        assertSection(SNIPPET_SPECS, all.snippets as unknown as Record<string, unknown>, 'snippets');
        assertSection(DIAGNOSTICS_SPECS, all.diagnostics, 'diagnostics');
        assertSection(CONNECTION_SPECS, all.connection, 'connection');
        assert.ok(all.snippets.maxDelayMs >= all.snippets.baseDelayMs);
        for (const problems of Object.values(all.problems)) assertProblems(problems);
      }),
      { numRuns: 200 },
    );
  });

  it('survives each hostile value in every setting, naming the setting it replaced', () => {
    for (const make of HOSTILE) {
      for (const [name, spec] of Object.entries(CLAUDE_HEALTH_SETTINGS)) {
        const all = validateAllSettings((key) => (key === spec.key ? make() : undefined), () => undefined);
        const problems = Object.values(all.problems).flat();
        assert.ok(problems.length <= 3, `${name}: ${problems.join(' ')}`);
        for (const problem of problems) assert.ok(problem.startsWith(name), `${problem} names ${name}`);
      }
    }
  });

  it('says in words why a BigInt, a cycle or a throwing getter was refused', () => {
    const { settings, problems } = validateSettings((key) =>
      key === 'probe.intervalSeconds' ? 90n
      : key === 'probe.models' ? HOSTILE[3]!()
      : key === 'statusPage.components' ? HOSTILE[5]!()
      : undefined,
    );
    assert.equal(settings.probeIntervalSeconds, 60);
    assert.deepEqual(settings.probeModels, ['claude-haiku-4-5']);
    assert.deepEqual(settings.watchedComponents, ['k8w3r06qmzrp']);
    assert.deepEqual(problems, [
      'claudeHealth.probe.intervalSeconds must be a number; using 60.',
      'claudeHealth.probe.models has an invalid entry a list; it is ignored.',
      'claudeHealth.statusPage.components could not be read; using the default.',
    ]);
  });
});

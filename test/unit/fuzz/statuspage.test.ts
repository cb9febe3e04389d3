// Property tests of the status page parser and verdict: whatever the page
// sends (any text, any JSON, deep nesting, wrong types, huge lists, prototype
// keys, bytes that are not UTF-8), the result is a snapshot or a clear error,
// never an exception, and everything in it is bounded and well-typed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonNestingDepth } from '../../../src/core/json/bounded';
import { parseSummary, parseSummaryText, SUMMARY_JSON_BOUNDS, type SummaryParse } from '../../../src/core/statuspage/parse';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, INDICATORS, type StatusSnapshot } from '../../../src/core/statuspage/types';
import { pageVerdict } from '../../../src/core/statuspage/verdict';
import { fuzzParameters } from '../../support/fuzz';

/** Seeded (FUZZ_SEED), 200 cases unless FUZZ_RUNS says otherwise: see test/support/fuzz.ts. */
const FUZZ = fuzzParameters(200);
const FETCHED_AT = Date.UTC(2026, 0, 1);
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function assertCleanText(text: string, max: number, where: string): void {
  assert.ok(text.length > 0 && text.length <= max, `${where}: length ${text.length}`);
  assert.doesNotMatch(text, UNSAFE_CHARACTERS, where);
}

/** What every snapshot promises, whatever the document was. */
function assertSnapshot(snapshot: StatusSnapshot): void {
  assert.ok([...INDICATORS, 'unknown'].includes(snapshot.indicator));
  assertCleanText(snapshot.description, 200, 'description');
  assert.ok(snapshot.components.length <= 200);
  assert.equal(new Set(snapshot.components.map((c) => c.id)).size, snapshot.components.length, 'component ids are unique');
  for (const c of snapshot.components) {
    assert.match(c.id, ID);
    assertCleanText(c.name, 200, 'component name');
    assert.ok([...COMPONENT_STATUSES, 'unknown'].includes(c.status));
  }
  for (const item of [...snapshot.incidents, ...snapshot.maintenances]) {
    assert.match(item.id, ID);
    assertCleanText(item.name, 200, 'incident name');
    if (item.url !== undefined) assert.match(item.url, /^https?:\/\//);
    if (item.latestUpdate) assertCleanText(item.latestUpdate.body, 1000, 'update body');
    for (const time of [item.updatedAt, item.latestUpdate?.createdAt, 'createdAt' in item ? item.createdAt : undefined]) {
      if (time !== undefined) assert.equal(new Date(time).toISOString(), time, 'times are UTC ISO instants');
    }
  }
  for (const incident of snapshot.incidents) {
    assert.ok([...INCIDENT_STATUSES, 'unknown'].includes(incident.status));
    assert.ok(incident.status !== 'resolved' && incident.status !== 'postmortem', 'only unresolved incidents are kept');
  }
  for (const warning of snapshot.warnings) assert.equal(typeof warning, 'string');
  assert.equal(snapshot.fetchedAt, FETCHED_AT);
}

function assertParse(parsed: SummaryParse): void {
  if (parsed.ok) {
    assertSnapshot(parsed.snapshot);
  } else {
    assert.ok(['too_large', 'invalid_json', 'unrecognised'].includes(parsed.kind));
    assertCleanText(parsed.message, 200, 'error message');
  }
}

const knownWords = fc.constantFrom(...INDICATORS, ...COMPONENT_STATUSES, ...INCIDENT_STATUSES, 'scheduled', 'in_progress', 'completed', 'javascript:alert(1)', 'https://stspg.io/x', '2026-01-01T11:55:00-07:00', 'Incident 1', '2026-02-30T00:00:00Z');
const prototypeKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
/** Values shaped like the parts of a summary, mixed with anything JSON can hold. */
const looseValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), knownWords, fc.string({ unit: 'grapheme', maxLength: 300 }));
const item = fc.dictionary(fc.oneof(fc.constantFrom('id', 'name', 'status', 'impact', 'shortlink', 'created_at', 'updated_at', 'display_at', 'components', 'incident_updates', 'group', 'body', 'code'), prototypeKeys), looseValue, { maxKeys: 10 });
const list = fc.oneof(fc.array(fc.oneof(item, looseValue), { maxLength: 30 }), looseValue);
const summaryLike = fc.record(
  { status: fc.oneof(fc.record({ indicator: fc.oneof(knownWords, looseValue), description: looseValue }), looseValue), components: list, incidents: list, scheduled_maintenances: list, page: looseValue },
  { requiredKeys: [] },
);

/** A JSON text nested `depth` levels, the nesting put where a field is expected. */
const deepText = fc
  .tuple(fc.constantFrom(1, 31, 33, 500, 5_000, 50_000), fc.constantFrom('status.indicator', 'components', 'incidents.0.name', 'page'), fc.constantFrom('[', '{"a":'))
  .map(([depth, where, open]) => {
    const close = open === '[' ? ']' : '}';
    const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const [first, second, third] = where.split('.');
    const field = third ? `{"${third}":${deep},"id":"x"}` : deep;
    const value = second === '0' ? `[${field}]` : second ? `{"${second}":${field}}` : field;
    // The document, its field and each step of the path add a level of their own.
    const total = depth + 1 + (second ? 1 : 0) + (third ? 1 : 0);
    return { total, text: `{"status":{"indicator":"none"},"${first}":${value}}` };
  });

describe('fuzz: status page', () => {
  it('turns any text, including any Unicode, into a snapshot or a clear error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), fc.json({ maxDepth: 4 })), (text) => assertParse(parseSummaryText(text, FETCHED_AT))),
      FUZZ,
    );
  });

  it('reads bytes that are not UTF-8 as decoded with replacement characters, without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.constantFrom('', '{"status":{"indicator":"', '{"components":[{"id":"'), (bytes, prefix) => {
        const text = prefix + new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        assertParse(parseSummaryText(text, FETCHED_AT));
      }),
      FUZZ,
    );
  });

  it('validates summary-shaped documents with wrong types, prototype keys and odd values into a well-typed snapshot', () => {
    fc.assert(
      fc.property(summaryLike, (document) => {
        const text = JSON.stringify(document);
        const parsed = parseSummaryText(text, FETCHED_AT);
        assertParse(parsed);
        assert.deepEqual(parseSummary(JSON.parse(text), FETCHED_AT), parsed, 'text and parsed document agree');
        assert.equal(({} as Record<string, unknown>).status, undefined, 'nothing reaches Object.prototype');
      }),
      FUZZ,
    );
  });

  it('refuses nesting deeper than a summary has before parsing, and survives it when handed an already parsed document', () => {
    fc.assert(
      fc.property(deepText, ({ total, text }) => {
        assert.equal(jsonNestingDepth(text), total);
        const parsed = parseSummaryText(text, FETCHED_AT);
        assertParse(parsed);
        if (total > SUMMARY_JSON_BOUNDS.maxDepth) assert.equal(!parsed.ok && parsed.kind, 'unrecognised');
        else assert.ok(parsed.ok);
        assertParse(parseSummary(JSON.parse(text), FETCHED_AT));
      }),
      fuzzParameters(60),
    );
  });

  it('keeps at most 200 entries of a huge list, and says so', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (count) => {
        const components = Array.from({ length: count }, (_, i) => ({ id: `c${i}`, name: `C ${i}`, status: 'operational' }));
        const parsed = parseSummary({ status: { indicator: 'none' }, components }, FETCHED_AT);
        assert.ok(parsed.ok);
        assert.equal(parsed.snapshot.components.length, Math.min(count, 200));
        assert.equal(parsed.snapshot.warnings.some((w) => w.startsWith(`components has ${count} entries`)), count > 200);
      }),
      fuzzParameters(30),
    );
  });

  it('gives a one-line verdict for any snapshot and watch list, never operational on an unreadable page', () => {
    fc.assert(
      fc.property(summaryLike, fc.array(fc.oneof(fc.constantFrom('k8w3r06qmzrp', 'c1', 'x'), fc.string({ maxLength: 12 })), { maxLength: 5 }), (document, watched) => {
        const parsed = parseSummary(document, FETCHED_AT);
        if (!parsed.ok) return;
        const verdict = pageVerdict(parsed.snapshot, undefined, watched);
        assert.ok(['operational', 'degraded', 'outage', 'maintenance', 'unknown'].includes(verdict.state));
        assert.doesNotMatch(verdict.reason, /[\r\n]/);
        assert.ok(verdict.reason.length <= 2_000, `reason of ${verdict.reason.length} characters`);
        const watchedOnPage = parsed.snapshot.components.filter((c) => watched.includes(c.id));
        if (watchedOnPage.every((c) => c.status === 'unknown') && parsed.snapshot.indicator === 'unknown') {
          assert.notEqual(verdict.state, 'operational');
        }
        assert.equal(pageVerdict(parsed.snapshot, { kind: 'network', message: 'x' }, watched).state, 'unknown');
      }),
      FUZZ,
    );
  });
});

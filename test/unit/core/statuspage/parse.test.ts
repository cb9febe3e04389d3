import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ManualClock } from '../../../support/manual-clock';
import { createNodeFetch } from '../../../../src/core/net/node-fetch';
import { fetchStatusPage } from '../../../../src/core/statuspage/fetch';
import { cleanText, parseSummary, parseSummaryText, safeLink } from '../../../../src/core/statuspage/parse';
import { startHttpServer } from '../../../support/loopback/servers';

const FETCHED_AT = Date.UTC(2026, 0, 1, 12, 0, 0);
const fixture = (): unknown => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'summary-incident.json'), 'utf8'));

describe('status page parsing', () => {
  it('reads indicator, components by id, unresolved incidents with their latest update, and maintenance', () => {
    const parsed = parseSummary(fixture(), FETCHED_AT);
    assert.ok(parsed.ok);
    const { snapshot } = parsed;
    assert.equal(snapshot.indicator, 'major');
    assert.equal(snapshot.description, 'Partial System Outage');
    assert.equal(snapshot.fetchedAt, FETCHED_AT);
    assert.equal(snapshot.pageUpdatedAt, '2026-01-01T11:58:00.000Z');
    assert.deepEqual(
      snapshot.components.map((c) => [c.id, c.status]),
      [
        ['rwppv331jlwc', 'operational'],
        ['k8w3r06qmzrp', 'partial_outage'],
        ['yyzkbfz2thpt', 'degraded_performance'],
        ['newcomp00001', 'unknown'],
      ],
    );
    assert.deepEqual(snapshot.incidents.map((i) => i.id), ['inc00000001a', 'inc00000002b']);
    const [first, second] = snapshot.incidents;
    assert.equal(first?.status, 'identified');
    assert.equal(first?.impact, 'major');
    assert.equal(first?.url, 'https://stspg.io/abc123');
    assert.deepEqual(first?.latestUpdate, { status: 'identified', body: 'We have identified the cause.', createdAt: '2026-01-01T11:55:00.000Z' });
    assert.deepEqual(first?.componentIds, ['k8w3r06qmzrp']);
    assert.equal(second?.url, undefined, 'a javascript: link is dropped');
    assert.equal(second?.latestUpdate, undefined);
    assert.equal(snapshot.maintenances.length, 1);
    assert.equal(snapshot.maintenances[0]?.active, false);
    assert.equal(snapshot.maintenances[0]?.scheduledFor, '2026-01-02T02:00:00.000Z');
    assert.ok(snapshot.warnings.some((w) => w.includes('unknown status')));
    assert.ok(snapshot.warnings.some((w) => w.includes('components[5]')));
  });

  it('turns an unknown indicator into unknown, keeping the rest', () => {
    const parsed = parseSummary({ status: { indicator: 'on_fire', description: 'Hmm' }, components: [] }, FETCHED_AT);
    assert.ok(parsed.ok);
    assert.equal(parsed.snapshot.indicator, 'unknown');
    assert.equal(parsed.snapshot.description, 'Hmm');
    assert.match(parsed.snapshot.warnings[0] ?? '', /"on_fire" is not one we know/);
  });

  it('fails with a reason on documents that are not a Statuspage answer', () => {
    for (const document of [null, 42, 'text', [], { hello: 'world' }]) {
      const parsed = parseSummary(document, FETCHED_AT);
      assert.equal(parsed.ok, false);
    }
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseSummary(value, FETCHED_AT);
        parseSummary({ status: value, components: value, incidents: value, scheduled_maintenances: value }, FETCHED_AT);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('cleans text and keeps only http(s) links', () => {
    assert.equal(cleanText('  a\n\tb\u202e c ', 10), 'a b c');
    assert.equal(cleanText('x'.repeat(20), 10), `${'x'.repeat(9)}…`);
    assert.equal(cleanText(42, 10), undefined);
    assert.equal(safeLink('command:claudeHealth.refresh'), undefined);
    assert.equal(safeLink('http://stspg.io/x'), 'http://stspg.io/x');
  });

  describe('deeply nested and hostile documents', () => {
    const deepIndicator = (depth: number): string => `{"status":{"indicator":${'['.repeat(depth)}"none"${']'.repeat(depth)}}}`;

    it('reads a document whose status.indicator is nested 5,000 levels as an unknown indicator, not a crash', () => {
      const parsed = parseSummary(JSON.parse(deepIndicator(5_000)), FETCHED_AT);
      assert.ok(parsed.ok);
      assert.equal(parsed.snapshot.indicator, 'unknown');
      assert.match(parsed.snapshot.warnings[0] ?? '', /^status\.indicator \[\[\[.*is not one we know/);
      assert.ok((parsed.snapshot.warnings[0] ?? '').length < 120);
    });

    it('refuses the text of a document nested deeper than any summary.json before parsing it', () => {
      const parsed = parseSummaryText(deepIndicator(5_000), FETCHED_AT);
      assert.deepEqual(parsed, { ok: false, kind: 'unrecognised', message: 'the status page answer is nested deeper than 32 levels; a Statuspage summary is not' });
      assert.deepEqual(parseSummaryText('{"status":', FETCHED_AT), { ok: false, kind: 'invalid_json', message: 'malformed JSON (10 bytes; truncated?)' });
      assert.deepEqual(parseSummaryText('  ', FETCHED_AT), { ok: false, kind: 'invalid_json', message: 'an empty answer instead of JSON' });
      const large = parseSummaryText(`{"status":{"description":"${'x'.repeat(2_000)}"}}`, FETCHED_AT, { maxDepth: 32, maxBytes: 1_024 });
      assert.deepEqual(large, { ok: false, kind: 'too_large', message: 'the status page answer is larger than 1 kB' });
      const fine = parseSummaryText(readFileSync(join(__dirname, '..', 'fixtures', 'summary-incident.json'), 'utf8'), FETCHED_AT);
      assert.ok(fine.ok && fine.snapshot.indicator === 'major');
    });

    it('reports a deep page fetched over HTTP as an odd page, never as a network failure', async () => {
      const server = await startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(deepIndicator(5_000));
      });
      const transport = createNodeFetch({ env: {} });
      try {
        const result = await fetchStatusPage({ url: `${server.url}/api/v2/summary.json`, fetch: transport.fetch, clock: new ManualClock(FETCHED_AT) });
        // Read as a page with an unknown indicator, or refused as not a summary (when the
        // fetch bounds the depth before parsing): either way about the page, not the network.
        if (result.kind === 'fresh') assert.equal(result.snapshot.indicator, 'unknown');
        else assert.equal(result.kind === 'failed' && result.error.kind, 'unrecognised', JSON.stringify(result));
      } finally {
        transport.close();
        await server.close();
      }
    });

    it('keeps the first of components listed twice, and ignores prototype-named keys', () => {
      const document = JSON.parse(
        '{"__proto__":{"status":{"indicator":"critical"}},"constructor":1,"status":{"indicator":"none"},' +
          '"components":[{"id":"k8w3r06qmzrp","name":"Claude API","status":"operational"},{"id":"k8w3r06qmzrp","name":"Claude API","status":"major_outage"}]}',
      ) as unknown;
      const parsed = parseSummary(document, FETCHED_AT);
      assert.ok(parsed.ok);
      assert.equal(parsed.snapshot.indicator, 'none');
      assert.deepEqual(parsed.snapshot.components, [{ id: 'k8w3r06qmzrp', name: 'Claude API', status: 'operational' }]);
      assert.ok(parsed.snapshot.warnings.some((w) => w === 'component k8w3r06qmzrp is listed more than once; the first entry is kept.'));
    });

    it('keeps only real RFC 3339 times, converted to UTC', () => {
      const incident = (createdAt: string) => {
        const parsed = parseSummary({ status: { indicator: 'minor' }, incidents: [{ id: 'inc1', name: 'x', status: 'investigating', created_at: createdAt }] }, FETCHED_AT);
        assert.ok(parsed.ok);
        return parsed.snapshot.incidents[0]?.createdAt;
      };
      assert.equal(incident('2026-01-01T11:55:00.000-07:00'), '2026-01-01T18:55:00.000Z');
      for (const garbage of ['Incident 1', '1', 'June 5', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01 12:00', '12/31/2026']) {
        assert.equal(incident(garbage), undefined, garbage);
      }
    });
  });
});

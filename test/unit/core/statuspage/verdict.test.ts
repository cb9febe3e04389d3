import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSummary } from '../../../../src/core/statuspage/parse';
import type { StatusSnapshot } from '../../../../src/core/statuspage/types';
import { pageVerdict } from '../../../../src/core/statuspage/verdict';

const API = 'k8w3r06qmzrp';
const CODE = 'yyzkbfz2thpt';

function snapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    indicator: 'none',
    description: 'All Systems Operational',
    components: [
      { id: API, name: 'Claude API', status: 'operational' },
      { id: CODE, name: 'Claude Code', status: 'operational' },
    ],
    incidents: [],
    maintenances: [],
    fetchedAt: 0,
    warnings: [],
    ...overrides,
  };
}

describe('status page verdict', () => {
  it('is operational when the watched components are', () => {
    const verdict = pageVerdict(snapshot(), undefined, [API]);
    assert.equal(verdict.state, 'operational');
    assert.equal(verdict.reason, 'status page: operational');
  });

  it('matches components by id and names the unwell ones with their incident', () => {
    const parsed = parseSummary(JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'summary-incident.json'), 'utf8')), 0);
    assert.ok(parsed.ok);
    const api = pageVerdict(parsed.snapshot, undefined, [API]);
    assert.equal(api.state, 'degraded');
    assert.match(api.reason, /^status page: Claude API \(api\.anthropic\.com\) partial outage \(Elevated/);
    assert.deepEqual(api.incidents.map((i) => i.id), ['inc00000001a']);
    const claudeAi = pageVerdict(parsed.snapshot, undefined, ['rwppv331jlwc']);
    assert.equal(claudeAi.state, 'operational', 'an incident elsewhere does not make a watched component unwell');
  });

  it('maps major_outage to outage and under_maintenance to maintenance', () => {
    const down = snapshot({ components: [{ id: API, name: 'Claude API', status: 'major_outage' }] });
    assert.equal(pageVerdict(down, undefined, [API]).state, 'outage');
    const maint = snapshot({ components: [{ id: API, name: 'Claude API', status: 'under_maintenance' }] });
    assert.equal(pageVerdict(maint, undefined, [API]).state, 'maintenance');
  });

  it('counts active maintenance on a watched component as maintenance', () => {
    const s = snapshot({
      maintenances: [{ id: 'm1', name: 'DB work', status: 'in_progress', impact: 'maintenance', componentIds: [API], active: true }],
    });
    const verdict = pageVerdict(s, undefined, [API]);
    assert.equal(verdict.state, 'maintenance');
    assert.match(verdict.reason, /maintenance in progress \(DB work\)/);
  });

  it('falls back to the page indicator when no watched component is on the page', () => {
    const verdict = pageVerdict(snapshot({ indicator: 'critical', description: 'Major Service Outage' }), undefined, ['zzzzzzzzzzzz']);
    assert.equal(verdict.state, 'outage');
    assert.match(verdict.reason, /watched components not on the page/);
  });

  it('is unknown, never operational, when the last read failed', () => {
    const verdict = pageVerdict(snapshot(), { kind: 'http_status', httpStatus: 503, message: 'HTTP 503 (an HTML error page)' }, [API]);
    assert.equal(verdict.state, 'unknown');
    assert.equal(verdict.reason, 'status page unreadable: HTTP 503 (an HTML error page)');
    assert.equal(pageVerdict(undefined, undefined, [API]).state, 'unknown');
  });

  it('never calls a watched component whose status it could not read operational', () => {
    const unread = snapshot({ indicator: 'major', description: 'Partial System Outage', components: [{ id: API, name: 'Claude API', status: 'unknown' }] });
    const verdict = pageVerdict(unread, undefined, [API]);
    assert.equal(verdict.state, 'degraded', 'the page-wide indicator decides');
    assert.equal(verdict.reason, 'status page: Partial System Outage (Claude API status unknown)');
    const mixed = snapshot({ components: [{ id: API, name: 'Claude API', status: 'operational' }, { id: CODE, name: 'Claude Code', status: 'unknown' }] });
    assert.equal(pageVerdict(mixed, undefined, [API, CODE]).reason, 'status page: operational; Claude Code status unknown');
    const allUnknown = snapshot({ indicator: 'unknown', description: 'Status unknown', components: [{ id: API, name: 'Claude API', status: 'unknown' }] });
    assert.equal(pageVerdict(allUnknown, undefined, [API]).state, 'unknown');
  });

  it('says maintenance is in progress even when the page text already mentions maintenance', () => {
    const s = snapshot({
      description: 'No maintenance planned',
      components: [],
      maintenances: [{ id: 'm1', name: 'DB work', status: 'in_progress', impact: 'maintenance', componentIds: [], active: true }],
    });
    const verdict = pageVerdict(s, undefined, [API]);
    assert.equal(verdict.state, 'maintenance');
    assert.equal(verdict.reason, 'status page: No maintenance planned (watched components not on the page); maintenance in progress (DB work)');
  });

  it('keeps the reason to one readable line when many watched components are unwell', () => {
    const components = Array.from({ length: 50 }, (_, i) => ({ id: `comp${i}`, name: `Component ${i}`, status: 'partial_outage' as const }));
    const verdict = pageVerdict(snapshot({ components }), undefined, components.map((c) => c.id));
    assert.equal(verdict.reason, 'status page: Component 0 partial outage, Component 1 partial outage, Component 2 partial outage and 47 more');
  });
});

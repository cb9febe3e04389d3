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
});

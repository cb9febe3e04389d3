import assert from 'node:assert/strict';
import { CLAUDE_API_COMPONENT_ID, SIM_COMPONENTS, STATUS_PAGE_ID } from '../../../src/sim/components';
import { SimClient } from '../../support/sim-client';

describe('simulator: status page half', () => {
  let now = Date.parse('2026-03-01T12:00:00Z');
  const clock = { now: () => now };
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ clock });
  });
  after(() => sim.close());

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${sim.url}${path}`, { headers });
    return { response, text: await response.text() };
  }

  it('serves summary.json with the real page id, component ids and field names', async () => {
    await sim.useScenario('healthy');
    const { response, text } = await get('/api/v2/summary.json');
    assert.equal(response.status, 200);
    const summary = JSON.parse(text);
    assert.equal(summary.page.id, STATUS_PAGE_ID);
    assert.equal(summary.page.name, 'Claude');
    assert.deepEqual(summary.status, { indicator: 'none', description: 'All Systems Operational' });
    assert.deepEqual(summary.components.map((c: { id: string }) => c.id), SIM_COMPONENTS.map((c) => c.id));
    for (const component of summary.components) {
      for (const field of ['id', 'name', 'status', 'position', 'group', 'group_id', 'updated_at', 'only_show_if_degraded']) assert.ok(field in component, field);
    }
    assert.deepEqual(summary.incidents, []);
    assert.deepEqual(summary.scheduled_maintenances, []);
  });

  it('serves the other v2 documents', async () => {
    await sim.useScenario('maintenance');
    assert.equal(JSON.parse((await get('/api/v2/status.json')).text).status.indicator, 'maintenance');
    const components = JSON.parse((await get('/api/v2/components.json')).text).components;
    assert.equal(components.find((c: { id: string }) => c.id === CLAUDE_API_COMPONENT_ID).status, 'under_maintenance');
    const active = JSON.parse((await get('/api/v2/scheduled-maintenances/active.json')).text).scheduled_maintenances;
    assert.equal(active.length, 1);
    assert.equal(active[0].status, 'in_progress');
    assert.ok(Date.parse(active[0].scheduled_until) > Date.parse(active[0].scheduled_for));
    assert.deepEqual(JSON.parse((await get('/api/v2/scheduled-maintenances/upcoming.json')).text).scheduled_maintenances, []);
    assert.deepEqual(JSON.parse((await get('/api/v2/incidents/unresolved.json')).text).incidents, []);
    assert.equal((await get('/api/v2/nothing.json')).response.status, 404);
  });

  it('answers 304 to a matching If-None-Match or an up-to-date If-Modified-Since', async () => {
    await sim.useScenario('healthy');
    const first = await get('/api/v2/summary.json');
    const etag = first.response.headers.get('etag')!;
    const lastModified = first.response.headers.get('last-modified')!;
    assert.ok(etag && lastModified);
    const cached = await get('/api/v2/summary.json', { 'if-none-match': etag });
    assert.equal(cached.response.status, 304);
    assert.equal(cached.text, '');
    assert.equal((await get('/api/v2/summary.json', { 'if-modified-since': lastModified })).response.status, 304);
    assert.equal((await get('/api/v2/summary.json', { 'if-none-match': 'W/"stale"' })).response.status, 200);
  });

  it('admits the storm late, with an incident, and a new ETag when it changes', async () => {
    const startedAt = now;
    await sim.useScenario('storm');
    const calm = await get('/api/v2/summary.json');
    now = startedAt + 61_000;
    assert.equal((await sim.state()).phase, 'storm');
    const stillCalm = await get('/api/v2/summary.json', { 'if-none-match': calm.response.headers.get('etag')! });
    assert.equal(stillCalm.response.status, 304, 'the page still claims all is well while the API storms');
    now = startedAt + 151_000;
    const admitted = await get('/api/v2/summary.json', { 'if-none-match': calm.response.headers.get('etag')! });
    assert.equal(admitted.response.status, 200);
    const summary = JSON.parse(admitted.text);
    assert.equal(summary.status.indicator, 'major');
    assert.equal(summary.components.find((c: { id: string }) => c.id === CLAUDE_API_COMPONENT_ID).status, 'partial_outage');
    const [incident] = summary.incidents;
    assert.equal(incident.status, 'identified');
    assert.equal(incident.impact, 'major');
    assert.match(incident.id, /^[a-z0-9]{12}$/);
    assert.equal(incident.incident_updates[0].affected_components[0].code, CLAUDE_API_COMPONENT_ID);
    assert.ok(incident.shortlink.startsWith(sim.url), 'links stay on the simulator');
    now = startedAt + 241_000;
    assert.equal(JSON.parse((await get('/api/v2/summary.json')).text).status.indicator, 'none');
  });

  it('can misbehave itself: HTML error page, malformed JSON, a hang', async () => {
    const broken = (fault: string) => ({ name: `page-${fault}`, phases: [{ name: 'broken', statusPage: { indicator: 'none', fault } }] });
    await sim.useScenario(broken('html_error'));
    const html = await get('/api/v2/summary.json');
    assert.equal(html.response.status, 503);
    assert.match(html.text, /<html>/);
    await sim.useScenario(broken('malformed_json'));
    const malformed = await get('/api/v2/summary.json');
    assert.equal(malformed.response.status, 200);
    assert.throws(() => JSON.parse(malformed.text));
    await sim.useScenario(broken('hang'));
    await assert.rejects(fetch(`${sim.url}/api/v2/summary.json`, { signal: AbortSignal.timeout(200) }), /timeout|abort/i);
  });
});

import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { runStatusCommand, type StatusJson } from '../../../src/cli/status-command';
import { captureIo as capture } from '../../support/capture-io';
import { SimClient } from '../../support/sim-client';
import { startConnectProxy } from '../../support/loopback/connect-proxy';

describe('claude-health status', function () {
  this.timeout(20_000);
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy' });
  });
  after(async () => {
    await sim.close();
  });

  const url = () => `${sim.url}/api/v2/summary.json`;

  it('takes the documented --status-url flag through the command line', async () => {
    await sim.useScenario('outage');
    const io = capture();
    assert.equal(await main(['status', '--status-url', url(), '--json'], io), 1);
    assert.equal((JSON.parse(io.out) as StatusJson).indicator, 'critical');
  });

  it('prints the documented JSON and exits 0 when the page is green', async () => {
    await sim.useScenario('healthy');
    const io = capture();
    const code = await runStatusCommand({ json: true, url: url() }, io);
    assert.equal(code, 0);
    const json = JSON.parse(io.out) as StatusJson;
    assert.deepEqual(Object.keys(json), ['indicator', 'description', 'components', 'incidents', 'maintenances', 'fetchedAt']);
    assert.equal(json.indicator, 'none');
    assert.ok(json.components.some((c) => c.id === 'k8w3r06qmzrp' && c.status === 'operational'));
    assert.deepEqual(Object.keys(json.components[0]!), ['id', 'name', 'status']);
    assert.match(json.fetchedAt, /^\d{4}-\d\d-\d\dT/);
  });

  it('lists incidents with their latest update and exits 1 during an outage', async () => {
    await sim.useScenario('outage');
    const io = capture();
    assert.equal(await runStatusCommand({ json: true, url: url() }, io), 1);
    const json = JSON.parse(io.out) as StatusJson;
    assert.equal(json.indicator, 'critical');
    const [incident] = json.incidents;
    assert.deepEqual(Object.keys(incident!), ['id', 'name', 'status', 'impact', 'updatedAt', 'url', 'latestUpdate']);
    assert.equal(incident!.status, 'identified');
    assert.equal(incident!.impact, 'critical');
    assert.match(incident!.latestUpdate?.body ?? '', /unavailable/);
    const text = capture();
    await runStatusCommand({ url: url() }, text);
    assert.match(text.out, /incident: Claude API unavailable \(identified, critical impact/);
  });

  it('shows maintenance', async () => {
    await sim.useScenario('maintenance');
    const io = capture();
    await runStatusCommand({ json: true, url: url() }, io);
    const json = JSON.parse(io.out) as StatusJson;
    assert.equal(json.maintenances[0]?.active, true);
    assert.equal(json.indicator, 'maintenance');
  });

  it('says indicator unknown, never none, when the page cannot be read', async () => {
    await sim.useScenario({ name: 'bad', description: 'malformed page', phases: [{ name: 'only', statusPage: { indicator: 'none', fault: 'malformed_json' } }] });
    const io = capture();
    assert.equal(await runStatusCommand({ json: true, url: url() }, io), 1);
    const json = JSON.parse(io.out) as StatusJson;
    assert.equal(json.indicator, 'unknown');
    assert.equal(json.error?.kind, 'invalid_json');
    const text = capture();
    await runStatusCommand({ url: url() }, text);
    assert.match(text.err, /^claude-health status: malformed JSON/);
  });

  it('prints the reason an unreadable page gave once, on stderr, and says unknown on stdout', async () => {
    await sim.useScenario({ name: 'bad', description: 'malformed page', phases: [{ name: 'only', statusPage: { indicator: 'none', fault: 'malformed_json' } }] });
    const io = capture();
    assert.equal(await runStatusCommand({ url: url() }, io), 1);
    assert.equal(io.out, 'Claude status: Status unknown: the status page could not be read (indicator: unknown)\n');
    assert.equal(io.err.split('\n').length, 2, io.err);
    assert.match(io.err, /^claude-health status: malformed JSON/);
  });

  it('exits by the named components when asked', async () => {
    await sim.useScenario('overloaded');
    const io = capture();
    assert.equal(await runStatusCommand({ json: true, url: url(), component: 'rwppv331jlwc' }, io), 0);
    assert.equal(await runStatusCommand({ json: true, url: url(), component: 'k8w3r06qmzrp' }, capture()), 1);
  });

  it('takes --component repeated or comma-separated, and requires every one named', async () => {
    await sim.useScenario('healthy');
    assert.equal(await main(['status', '--status-url', url(), '--component', 'k8w3r06qmzrp', '--component', 'rwppv331jlwc'], capture()), 0);
    assert.equal(await main(['status', '--status-url', url(), '--component', 'k8w3r06qmzrp,no-such-id'], capture()), 1);
    assert.equal(await main(['status', '--status-url', url(), '--component', 'no-such-id', '--component', 'k8w3r06qmzrp'], capture()), 1);
  });

  it('goes through HTTPS_PROXY/HTTP_PROXY from the environment', async () => {
    await sim.useScenario('healthy');
    const proxy = await startConnectProxy();
    try {
      assert.equal(await runStatusCommand({ json: true, url: url() }, capture({ HTTP_PROXY: proxy.url, CLAUDE_HEALTH_PROXY_LOOPBACK: '1' })), 0);
      assert.equal(proxy.requests.length, 1);
    } finally {
      await proxy.close();
    }
  });

  it('rejects bad flags with a usage error', async () => {
    await assert.rejects(runStatusCommand({ url: 'status.claude.com' }, capture()), UsageError);
    await assert.rejects(runStatusCommand({ url: url(), 'timeout-ms': 'soon' }, capture()), /--timeout-ms must be a whole number/);
    await assert.rejects(runStatusCommand({ url: true }, capture()), /--url needs a value/);
  });
});

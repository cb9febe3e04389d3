// What the monitor keeps for the history view, on a simulated clock against
// the simulator driven by the same clock: each request with its source and
// the request id of failures, the health's changes, the status page's
// incidents as bands; saved and restored; bounded by the retention setting.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../support/manual-clock';
import { HealthMonitor } from '../../../../src/core/monitor';
import { buildHistoryModel } from '../../../../src/core/history/model';
import { createNodeFetch, type NodeFetch } from '../../../../src/core/net/node-fetch';
import { settingsFrom, type SettingKey } from '../../../../src/core/settings';
import { SimClient } from '../../../support/sim-client';
import { runFor } from '../support/drive';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';

const MINUTE = 60_000;

describe('health monitor: the history it keeps (simulated time)', function () {
  this.timeout(180_000);
  let clock: ManualClock;
  let sim: SimClient;
  let transport: NodeFetch;
  const monitors: HealthMonitor[] = [];

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    sim = await SimClient.start({ scenario: 'healthy', clock, requiredApiKey: SENTINEL_KEY });
    transport = createNodeFetch({ env: {} });
  });
  afterEach(async () => {
    for (const monitor of monitors.splice(0)) monitor.dispose();
    transport.close();
    await sim.close();
  });

  function create(values: Partial<Record<SettingKey, unknown>> = {}, savedState?: unknown): HealthMonitor {
    const monitor = new HealthMonitor({
      clock,
      timers: clock,
      settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.intervalSeconds': 30, 'statusPage.intervalSeconds': 30, 'probe.idleMinutes': 0, ...values }),
      fetch: transport.fetch,
      getApiKey: () => SENTINEL_KEY,
      env: {},
      savedState,
    });
    monitors.push(monitor);
    return monitor;
  }

  it('keeps every probe with its source, the 529s with the request ids the simulator issued, the health changes and the incident band', async () => {
    const monitor = create();
    monitor.start();
    await runFor(clock, monitor, 3 * MINUTE);
    await sim.useScenario('outage');
    await sim.script([{ kind: 'overloaded', times: 4 }]);
    await runFor(clock, monitor, 10 * MINUTE);

    const data = monitor.historyData();
    const answered529 = (await sim.requests()).filter((request) => request.status === 529);
    assert.ok(answered529.length >= 4);
    assert.ok(data.events.every((event) => event.source === 'probe'));
    assert.deepEqual(
      data.events.filter((event) => event.outcome === 'overloaded').map((event) => event.requestId),
      answered529.map((request) => request.requestId),
    );
    assert.ok(data.events.filter((event) => event.outcome === 'ok').every((event) => event.requestId === undefined), 'request ids are kept for failures only');
    const states = data.health.map((change) => change.state);
    assert.ok(states.includes('operational') && states.includes('outage'), `health changes: ${states.join(', ')}`);
    assert.equal(data.bands.length, 1);
    assert.equal(data.bands[0]!.kind, 'incident');
    assert.equal(data.bands[0]!.open, true);

    const model = buildHistoryModel(data, { rangeHours: 1, source: 'all', utcOffsetMinutes: 0 });
    assert.equal(model.totals.overloaded, answered529.length);
    assert.equal(model.errors.filter((row) => row.kind === 'overloaded').length, answered529.length);

    // Saved and restored, as across a restart; never with the key.
    const saved = JSON.parse(JSON.stringify(monitor.saveState())) as unknown;
    assertNoSentinel(JSON.stringify(saved), 'the saved history');
    const restored = create({}, saved).historyData();
    assert.deepEqual(restored.events, data.events);
    assert.deepEqual(restored.health, data.health);
    assert.deepEqual(restored.bands, data.bands);
  });

  it('drops what a shorter retention no longer keeps', async () => {
    const slow = { 'probe.intervalSeconds': 300, 'statusPage.intervalSeconds': 300 } as const;
    const monitor = create({ ...slow, 'history.retentionHours': 3 });
    monitor.start();
    await runFor(clock, monitor, 150 * MINUTE);
    const before = monitor.historyData().events.length;
    assert.ok(before >= 28, `kept ${before} probes`);
    monitor.updateSettings(settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.idleMinutes': 0, ...slow, 'history.retentionHours': 1 }));
    const after = monitor.historyData();
    assert.ok(after.events.every((event) => event.at >= clock.now() - 60 * MINUTE));
    assert.ok(after.events.length < before / 2);
    assert.equal(after.retentionMs, 60 * MINUTE);
  });
});

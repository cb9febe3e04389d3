// The tap as a monitor source: records pushed from real requests fold into the
// monitor's real-traffic counts and health in batches, on the injected clock.
import assert from 'node:assert/strict';
import { TAP_BATCH_MS, TapMonitorSource } from '../../../../src/core/tap/tap-monitor-source';
import { ManualClock } from '../../../support/manual-clock';
import { sourceOnlyMonitor } from '../support/source-only-monitor';
import { SimClient } from '../../../support/sim-client';
import { API_HEADERS, messageBody, send, startCollectingTap, waitFor } from './support';

describe('traffic tap: as a monitor source', () => {
  it('folds the answers of real requests through the tap into the counts and the health, in batches', async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 2, 12));
    const source = new TapMonitorSource(clock);
    // Never started: only the tap reports.
    const monitor = sourceOnlyMonitor(clock, [(sink) => source.attach(sink)]);
    let changes = 0;
    monitor.onDidChange(() => changes++);
    const sim = await SimClient.start();
    const { tap, records } = await startCollectingTap({ upstream: sim.url, clock });
    try {
      await sim.script([{ kind: 'overloaded', times: 2 }, { kind: 'stream_overloaded' }]);
      for (const stream of [false, false, true, false]) await send(tap.url, '/v1/messages', { method: 'POST', headers: API_HEADERS, body: messageBody('claude-haiku-4-5', { stream }) });
      await waitFor(() => records.length === 4, 'four records');
      for (const record of records) source.push(record);
      assert.equal(changes, 0, 'nothing folded before the batch is due');
      clock.advance(TAP_BATCH_MS);
      assert.equal(changes, 1, 'one change for the whole batch');
      const snapshot = monitor.snapshot();
      assert.equal(snapshot.traffic.counts.tap.overloaded, 3);
      assert.equal(snapshot.traffic.counts.tap.ok, 1);
      assert.equal(snapshot.traffic.latestError?.source, 'tap');
      assert.equal(snapshot.window.total, 0, 'real traffic never counts as a probe');
      assert.equal(snapshot.health.state, 'degraded');
      assert.match(snapshot.health.reasons.join(' '), /tap/i);
    } finally {
      monitor.dispose();
      await tap.close();
      await sim.close();
    }
  });

  it('drops what arrives after it is disposed', () => {
    const clock = new ManualClock(0);
    const source = new TapMonitorSource(clock);
    const seen: unknown[] = [];
    source.attach({
      record: (batch) => seen.push(...batch),
      recordTraffic: (batch) => seen.push(...batch),
      restart: () => undefined,
      reportChange: () => undefined,
      log: () => undefined,
      isActive: () => true,
      mayPoll: () => true,
      verdict: () => 'none',
    });
    source.dispose();
    source.push({ at: 0, source: 'tap', kind: 'overloaded', method: 'POST', path: '/v1/messages', latencyMs: 1, rateLimit: {} });
    clock.advance(TAP_BATCH_MS * 2);
    assert.deepEqual(seen, []);
  });
});

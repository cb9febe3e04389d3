// Each network fault in turn between the monitor and the simulator (one
// simulated clock): the outcome the monitor reports while it lasts, and health
// back within one probe interval of it clearing. The table and the driver are
// shared with bench/recovery.ts.
import assert from 'node:assert/strict';
import { FAULTS, runFault, DEFAULT_MATRIX_OPTIONS, describeOutcome } from '../../../support/fault-matrix';
import { HealthMonitor } from '../../../../src/core/monitor';
import { createNodeFetch } from '../../../../src/core/net/node-fetch';
import { settingsFrom } from '../../../../src/core/settings';
import { ManualClock } from '../../../support/manual-clock';
import { SimClient } from '../../../support/sim-client';
import { runFor } from '../support/drive';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';

describe('fault matrix: the monitor on a simulated clock, one fault at a time', function () {
  this.timeout(60_000);

  for (const fault of FAULTS) {
    it(`${fault.name}: reported as such while it lasts, healthy within one interval of clearing`, async () => {
      const run = await runFault(fault, { ...DEFAULT_MATRIX_OPTIONS, key: SENTINEL_KEY });
      const { expected } = fault;
      const seen = `${describeOutcome(run)}; states ${run.statesDuring.join(' -> ')}; reasons ${run.during.health.reasons.join(' / ')}`;
      for (const state of run.statesDuring) assert.ok(expected.states.includes(state), `unexpected state ${state}: ${seen}`);
      if (!expected.states.includes('operational')) {
        assert.ok(expected.states.includes(run.during.health.state), `the fault is confirmed while it lasts: ${seen}`);
      }
      if (expected.probe) {
        assert.equal(run.probe?.outcome, expected.probe.outcome, seen);
        if (expected.probe.networkCode) assert.match(run.probe?.networkCode ?? '', expected.probe.networkCode, seen);
        if (expected.probe.message) assert.match(run.probe?.message ?? '', expected.probe.message, seen);
      } else {
        assert.equal(run.probe?.outcome, 'ok', `probes are untouched by this fault: ${seen}`);
      }
      if (expected.page) {
        assert.equal(run.pageError?.kind, expected.page.kind, seen);
        if (expected.page.code) assert.match(run.pageError?.code ?? '', expected.page.code, seen);
        if (expected.page.httpStatus) assert.equal(run.pageError?.httpStatus, expected.page.httpStatus, seen);
      } else {
        assert.equal(run.pageError, undefined, `the page is untouched by this fault: ${seen}`);
      }
      assert.equal(run.duringStale, expected.stale ?? false, seen);
      assert.ok(run.recoveryMs !== undefined, `never healthy again within three intervals: ${seen}`);
      assert.ok(
        run.recoveryMs <= run.intervalMs,
        `healthy ${run.recoveryMs / 1000} s after the fault cleared, more than the interval of ${run.intervalMs / 1000} s`,
      );
      assertNoSentinel(run.transcript, `log, snapshots and views during "${fault.name}"`);
    });
  }
});

describe('the wall clock stepping back while retry-after holds', function () {
  this.timeout(30_000);

  it('waits at most twice the retry-after, not as long as the clock went back', async () => {
    const clock = new ManualClock();
    let offsetMs = 0;
    const sim = await SimClient.start({ scenario: 'healthy', clock, requiredApiKey: SENTINEL_KEY });
    const transport = createNodeFetch({ env: {} });
    const monitor = new HealthMonitor({
      clock: { now: () => clock.now() + offsetMs },
      timers: clock,
      settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.idleMinutes': 0 }),
      fetch: transport.fetch,
      getApiKey: () => SENTINEL_KEY,
      env: {},
    });
    try {
      await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 120 }]);
      monitor.start();
      await runFor(clock, monitor, 1000);
      assert.equal(monitor.snapshot().probe.lastRound[0]?.outcome, 'rate_limited');
      offsetMs = -5 * 3600_000; // a time sync sets the clock back five hours
      await runFor(clock, monitor, 10 * 60_000);
      const probes = (await sim.requests()).filter((r) => r.path === '/v1/models');
      assert.ok(probes.length >= 2, 'probing resumed');
      const gap = probes[1]!.atMs - probes[0]!.atMs;
      assert.ok(gap >= 120_000 && gap <= 240_000, `next probe ${gap / 1000} s after the 429`);
      assert.equal(monitor.snapshot().health.state, 'operational');
      assert.equal(monitor.snapshot().probe.paused, undefined);
    } finally {
      monitor.dispose();
      transport.close();
      await sim.close();
    }
  });
});

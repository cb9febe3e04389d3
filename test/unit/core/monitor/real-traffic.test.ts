// The user's own requests in the monitor: counts, the verdict with hysteresis, the reason and the views.
import assert from 'node:assert/strict';
import { HealthMonitor, type MonitorSource, type SourceSink } from '../../../../src/core/monitor';
import { settingsFrom } from '../../../../src/core/settings';
import type { StoredObservation } from '../../../../src/core/store/stored-observation';
import { renderStatusBar } from '../../../../src/core/view/status-bar';
import { renderTooltip } from '../../../../src/core/view/tooltip';
import { ManualClock } from '../../../support/manual-clock';

function handFed(captured: { sink?: SourceSink }) {
  return (sink: SourceSink): MonitorSource => {
    captured.sink = sink;
    return { name: 'claude-code', inFlight: undefined, start() {}, updateSettings() {}, resume() {}, runNow() {}, dispose() {} };
  };
}

describe('real traffic in the monitor', () => {
  let clock: ManualClock;
  let monitor: HealthMonitor;
  let sink: SourceSink;

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 0, 15, 14, 0, 0));
    const captured: { sink?: SourceSink } = {};
    monitor = new HealthMonitor({
      clock,
      timers: clock,
      settings: settingsFrom({ 'health.degradeAfter': 2 }),
      fetch: () => Promise.reject(new Error('no request expected')),
      getApiKey: () => 'sk-test',
      env: {},
      extraSources: [handFed(captured)],
    });
    sink = captured.sink!;
  });
  afterEach(() => monitor.dispose());

  function feed(...rows: Partial<StoredObservation>[]): void {
    sink.recordTraffic(rows.map((row) => ({ at: clock.now(), source: 'claude-code', kind: 'overloaded', status: 529, ...row })));
    sink.reportChange();
  }

  it('turns degraded on the third real failure within two minutes, not on one or two, and names the source', () => {
    feed({});
    clock.advance(10_000);
    feed({ source: 'tap', path: '/v1/messages' });
    assert.notEqual(monitor.snapshot().health.state, 'degraded', 'two stray errors do not flap the bar');
    clock.advance(10_000);
    feed({ requestId: 'req_011CUabcdefghijkLMNOPQRS' });
    const snapshot = monitor.snapshot();
    assert.equal(snapshot.health.state, 'degraded');
    assert.equal(snapshot.health.reasons[0], 'Claude Code got 2 × 529 overloaded; your app (through the tap) got 1 × 529 overloaded in the last 2 min');
    assert.match(renderStatusBar(snapshot).text, /529×3/);
    const tooltip = renderTooltip(snapshot, { timeZone: 'UTC' });
    assert.ok(tooltip.includes('529s: your traffic: Claude Code 2, tap 1'), tooltip);
    assert.ok(tooltip.includes('latest: 14:00:20 Claude Code 529 overloaded HTTP 529 · `req_011CUabcdefghijkLMNOPQRS`'), tooltip);
  });

  it('clears once two minutes pass without a failure, on its own timer', () => {
    feed({ source: 'tap' }, { source: 'tap' }, { source: 'tap' });
    assert.equal(monitor.snapshot().health.state, 'degraded');
    clock.advance(2 * 60_000 + 15_000);
    assert.notEqual(monitor.snapshot().health.state, 'degraded');
  });

  it('clears early when the tap sees good answers again', () => {
    feed({ source: 'tap' }, { source: 'tap' }, { source: 'tap' });
    assert.equal(monitor.snapshot().health.state, 'degraded');
    clock.advance(1000);
    feed({ source: 'tap', kind: 'ok', status: 200 }, { source: 'tap', kind: 'ok', status: 200 });
    assert.notEqual(monitor.snapshot().health.state, 'degraded');
  });

  it('shows a plan limit on its own line with its reset, and never as API trouble or a 429', () => {
    const resetsAt = Date.UTC(2026, 0, 15, 16, 30);
    feed({ kind: 'plan_limit', status: undefined, resetsAt }, { kind: 'plan_limit', status: undefined, resetsAt }, { kind: 'plan_limit', status: undefined, resetsAt });
    const snapshot = monitor.snapshot();
    assert.notEqual(snapshot.health.state, 'degraded');
    assert.equal(renderStatusBar(snapshot).text.includes('429'), false);
    const tooltip = renderTooltip(snapshot, { timeZone: 'UTC' });
    assert.ok(tooltip.includes('Claude Code plan limit reached, resets 16:30:00 (your subscription, not an API problem)'), tooltip);
    clock.advance(3 * 3_600_000);
    assert.ok(!renderTooltip(monitor.snapshot(), { timeZone: 'UTC' }).includes('plan limit reached'), 'gone once it reset');
  });

  it('counts a row it already holds once (a new prober reads recent transcript rows again)', () => {
    const row = { at: clock.now(), source: 'claude-code', kind: 'overloaded', status: 529 } as const;
    sink.recordTraffic([row, { ...row }]);
    sink.recordTraffic([{ ...row }]);
    assert.equal(monitor.snapshot().traffic.counts['claude-code'].overloaded, 1);
  });

  it('ignores rows of other sources handed to the traffic path', () => {
    sink.recordTraffic([{ at: clock.now(), source: 'probe', kind: 'overloaded' }, { at: clock.now(), source: 'status-page', kind: 'ok' }]);
    assert.equal(monitor.snapshot().traffic.counts['claude-code'].overloaded + monitor.snapshot().traffic.counts.tap.overloaded, 0);
  });
});

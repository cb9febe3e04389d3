// The monitor on a simulated clock against the simulator driven by the same
// clock: hours of scenario time in well under a second per test.
import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { ManualClock } from '../../../support/manual-clock';
import type { Health, HealthState } from '../../../../src/core/health';
import { HealthMonitor, type MonitorDeps } from '../../../../src/core/monitor';
import { createNodeFetch, type NodeFetch, type NodeFetchOptions } from '../../../../src/core/net/node-fetch';
import { settingsFrom, type SettingKey } from '../../../../src/core/settings';
import { renderStatusBar } from '../../../../src/core/view/status-bar';
import { renderTooltip } from '../../../../src/core/view/tooltip';
import { startConnectProxy } from '../../../support/loopback/connect-proxy';
import { SimClient, type RecordedRequest } from '../../../support/sim-client';
import { runFor, runUntil } from '../support/drive';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';

const MINUTE = 60_000;

describe('health monitor (simulated time)', function () {
  this.timeout(60_000);
  let clock: ManualClock;
  let sim: SimClient;
  let monitor: HealthMonitor | undefined;
  let transports: NodeFetch[];
  let logLines: string[];

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    sim = await SimClient.start({ scenario: 'healthy', clock, requiredApiKey: SENTINEL_KEY });
    logLines = [];
    transports = [];
  });
  afterEach(async () => {
    monitor?.dispose();
    monitor = undefined;
    for (const transport of transports) transport.close();
    await sim.close();
  });

  /** The transport is the caller's, as in the extension: the monitor only gets its fetch. */
  function transport(options: Omit<NodeFetchOptions, 'env'> = {}): NodeFetch {
    const created = createNodeFetch({ ...options, env: {} });
    transports.push(created);
    return created;
  }

  function create(values: Partial<Record<SettingKey, unknown>> = {}, deps: Partial<MonitorDeps> = {}): HealthMonitor {
    monitor = new HealthMonitor({
      clock,
      timers: clock,
      settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, ...values }),
      fetch: transport().fetch,
      getApiKey: () => SENTINEL_KEY,
      env: {},
      log: (line) => logLines.push(line),
      ...deps,
    });
    return monitor;
  }

  const apiRequests = async (path = '/v1/models'): Promise<RecordedRequest[]> => (await sim.requests()).filter((r) => r.path === path);

  function recordStates(m: HealthMonitor): { at: number; state: HealthState }[] {
    const states: { at: number; state: HealthState }[] = [];
    m.onDidChangeHealth((_previous, next) => states.push({ at: clock.now(), state: next.state }));
    return states;
  }

  it('is operational on a healthy API, probing and polling at their intervals', async () => {
    const m = create();
    m.start();
    await runFor(clock, m, 10 * MINUTE);
    const view = m.snapshot();
    assert.equal(view.health.state, 'operational');
    assert.match(view.health.reasons[0] ?? '', /^status page: operational; the last \d+ probes succeeded/);
    const probes = await apiRequests();
    assert.equal(probes.length, 11, 'one at start, then one a minute');
    assert.deepEqual(
      probes.slice(1).map((r, i) => r.atMs - (probes[i]?.atMs ?? 0)),
      Array(10).fill(MINUTE),
    );
    const pages = await apiRequests('/api/v2/summary.json');
    assert.equal(pages.length, 11);
    assert.deepEqual([...new Set(pages.map((r) => r.status))].sort(), [200, 304], 'conditional requests after the first');
    assert.equal(renderStatusBar(view).background, 'none');
  });

  it('rides out a 529 storm: degrades within two intervals, recovers within three, no flapping', async () => {
    await sim.useScenario('storm');
    const m = create();
    const states = recordStates(m);
    const start = clock.now();
    m.start();
    await runFor(clock, m, 15 * MINUTE);
    const stormStart = start + 60_000;
    const stormEnd = start + 180_000;
    const firstBad = states.find((s) => s.state === 'degraded' || s.state === 'outage');
    assert.ok(firstBad, `states: ${JSON.stringify(states)}`);
    assert.ok(firstBad.at - stormStart <= 2 * MINUTE, `detected ${(firstBad.at - stormStart) / 1000} s after the storm began`);
    const recovered = states.find((s) => s.at > firstBad.at && s.state === 'operational');
    assert.ok(recovered, `states: ${JSON.stringify(states)}`);
    assert.ok(recovered.at - stormEnd <= 3 * MINUTE, `recovered ${(recovered.at - stormEnd) / 1000} s after the storm ended`);
    assert.equal(m.snapshot().health.state, 'operational');
    assert.ok(states.length <= 4, `few state changes: ${JSON.stringify(states)}`);
    assert.ok(m.snapshot().window.overloaded >= 2);
  });

  it('never runs two probes at once, however far time jumps while one hangs', async () => {
    await sim.script([{ kind: 'hang', times: 1 }]);
    const m = create({ 'probe.timeoutMs': 1000, 'probe.intervalSeconds': 5 });
    const arrivals = async () => (await sim.state()).requests['GET /v1/models'] ?? 0;
    m.start();
    clock.advance(0);
    // The simulator logs a request when it ends; a hung one is seen in its arrival counts.
    while ((await arrivals()) === 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) clock.advance(MINUTE);
    assert.equal(m.snapshot().probe.inFlight, true);
    assert.equal(m.snapshot().probe.nextProbeAt, undefined, 'no probe is scheduled while one is in flight');
    await m.whenIdle();
    assert.equal(await arrivals(), 1);
    assert.equal(m.snapshot().probe.lastRound[0]?.outcome, 'timeout');
    await runFor(clock, m, 30_000);
    assert.ok((await arrivals()) >= 2, 'probing resumes after the hang');
  });

  it('obeys retry-after: no probe before it expires, not even on refresh', async () => {
    await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 300 }]);
    const m = create();
    m.start();
    await runFor(clock, m, 60_000);
    assert.equal((await apiRequests()).length, 1);
    const view = m.snapshot();
    assert.equal(view.probe.retryAfterUntil, (await apiRequests())[0]!.atMs + 300_000);
    await m.refresh();
    assert.equal((await apiRequests()).length, 1, 'refresh waits for retry-after too');
    assert.equal(m.snapshot().probe.paused, 'retry_after');
    await runFor(clock, m, 300_000);
    const probes = await apiRequests();
    assert.equal(probes.length >= 2, true);
    assert.equal(probes[1]!.atMs - probes[0]!.atMs, 300_000);
    assert.match(renderTooltip(m.snapshot(), { timeZone: 'UTC' }), /429×1/);
  });

  it('probes twice an interval while a fault lasts, clears it with quick good results, then returns to its cadence', async () => {
    await sim.script([{ kind: 'overloaded', times: 4 }]);
    const m = create();
    const states = recordStates(m);
    const start = clock.now();
    m.start();
    await runFor(clock, m, 8 * MINUTE);
    const probes = await apiRequests();
    const gaps = probes.map((r, i, all) => (i === 0 ? 0 : r.atMs - all[i - 1]!.atMs)).slice(1, 9);
    // 529 at 0, 30, 60, 90 s; good at 120, 130, 140 s (the streak of recoverAfter + 1); then every minute.
    assert.deepEqual(gaps, [30_000, 30_000, 30_000, 30_000, 10_000, 10_000, 60_000, 60_000]);
    const cleared = probes[4]!.atMs;
    const degraded = states.find((s) => s.state === 'degraded');
    assert.ok(degraded && degraded.at - start <= MINUTE, `a fault of four 529s is confirmed within the interval: ${JSON.stringify(states)}`);
    const recovered = states.find((s) => s.state === 'operational' && s.at > degraded.at);
    assert.ok(recovered && recovered.at >= cleared, JSON.stringify(states));
    assert.ok(recovered.at - cleared <= MINUTE, `healthy ${(recovered.at - cleared) / 1000} s after the fault cleared: within one interval`);
  });

  it('pauses while the user is idle and resumes on activity', async () => {
    const m = create({ 'probe.idleMinutes': 15 });
    m.start();
    m.setFocused(false);
    await runFor(clock, m, 60 * MINUTE);
    const probes = await apiRequests();
    assert.ok(probes.length <= 17, `probed ${probes.length} times in an hour, idle after 15 min`);
    assert.equal(probes.at(-1)!.atMs <= Date.UTC(2026, 0, 1, 12, 15, 0), true);
    assert.equal(m.snapshot().probe.paused, 'idle');
    assert.equal(renderStatusBar(m.snapshot()).stale, true);
    m.noteActivity();
    await runFor(clock, m, 0);
    assert.equal((await apiRequests()).length, probes.length + 1, 'activity probes at once');
    assert.equal(m.snapshot().probe.paused, undefined);
  });

  it('rebuilds its timers when settings change', async () => {
    const m = create();
    m.start();
    await runFor(clock, m, 1000);
    m.updateSettings(settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.intervalSeconds': 5 }));
    await runFor(clock, m, 20_000);
    const probes = await apiRequests();
    assert.deepEqual(probes.map((r) => (r.atMs - probes[0]!.atMs) / 1000), [0, 5, 10, 15, 20]);
    m.updateSettings(settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.intervalSeconds': 5, 'probe.mode': 'count_tokens' }));
    await runFor(clock, m, 0);
    assert.equal((await apiRequests('/v1/messages/count_tokens')).length, 1, 'a new mode probes at once');
    assert.equal(m.snapshot().probe.mode, 'count_tokens');
  });

  it('stops everything on dispose', async () => {
    const m = create();
    m.start();
    await runFor(clock, m, 2 * MINUTE);
    const before = (await sim.requests()).length;
    m.dispose();
    assert.equal(clock.pendingCount, 0, 'no timer left');
    clock.advance(60 * MINUTE);
    await m.whenIdle();
    assert.equal((await sim.requests()).length, before);
    await m.refresh();
    assert.equal((await sim.requests()).length, before, 'refresh after dispose does nothing');
  });

  it('is unconfigured without a key, still reads the page, and probes once a key arrives', async () => {
    const keys: { current?: string } = {};
    const m = create({}, { getApiKey: () => keys.current });
    m.start();
    await runFor(clock, m, 2 * MINUTE);
    assert.equal(m.snapshot().health.state, 'unconfigured');
    assert.equal((await apiRequests()).length, 0);
    assert.ok((await apiRequests('/api/v2/summary.json')).length >= 2);
    assert.equal(renderStatusBar(m.snapshot()).text, '$(key) Claude no key');
    keys.current = SENTINEL_KEY;
    m.keyChanged();
    await runFor(clock, m, 0);
    assert.equal((await apiRequests()).length, 1);
    assert.equal(m.snapshot().health.state, 'operational');
  });

  it('holds the key back from a plain-http base URL on another host until the origin is allowed', async () => {
    const toLoopback: LookupFunction = (_hostname, options, callback) => {
      if (typeof options === 'object' && (options as { all?: boolean }).all) {
        (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
      } else (callback as (e: null, a: string, f: number) => void)(null, '127.0.0.1', 4);
    };
    const gateway = `http://gateway.claude-health.test:${new URL(sim.url).port}`;
    const m = create({ apiBaseUrl: gateway }, { fetch: transport({ lookup: toLoopback }).fetch });
    m.start();
    await runFor(clock, m, MINUTE);
    const view = m.snapshot();
    assert.equal(view.health.state, 'unconfigured');
    assert.equal(view.probe.key?.kind, 'held_back');
    assert.match(view.health.reasons[1] ?? '', /plain http:\/\/ to another machine/);
    assert.equal((await apiRequests()).length, 0, 'the key was not sent');
    m.allowInsecureOrigins([gateway]);
    await runFor(clock, m, 0);
    assert.equal((await apiRequests()).length, 1);
    assert.equal(m.snapshot().health.state, 'operational');
  });

  it('decides on sending the key by the route the probe really takes: loopback direct, but not plain http through a proxy', async () => {
    const proxy = await startConnectProxy();
    try {
      const viaProxy = { HTTP_PROXY: proxy.url, CLAUDE_HEALTH_PROXY_LOOPBACK: '1' };
      const proxied = createNodeFetch({ env: viaProxy });
      transports.push(proxied);
      const m = create({}, { fetch: proxied.fetch, route: () => proxied.route });
      m.start();
      await runFor(clock, m, MINUTE);
      assert.equal(m.snapshot().probe.key?.kind, 'held_back', 'a proxy would see the key on plain http, even to 127.0.0.1');
      assert.match(m.snapshot().health.reasons[1] ?? '', /plain http:\/\/ through a proxy/);
      assert.equal((await apiRequests()).length, 0, 'the key was not sent');
      m.dispose();
      const proxiedBefore = proxy.requests.length; // the status page reads (no key) did go through it
      // Without the opt-in, loopback bypasses the proxy (as NO_PROXY conventionally does): the key goes direct.
      const direct = createNodeFetch({ env: { HTTP_PROXY: proxy.url } });
      transports.push(direct);
      const d = create({}, { fetch: direct.fetch, route: () => direct.route });
      d.start();
      await runFor(clock, d, MINUTE);
      assert.equal(d.snapshot().probe.key?.kind, 'present');
      assert.ok((await apiRequests()).length >= 1);
      assert.equal(proxy.requests.length, proxiedBefore, 'nothing more went through the proxy');
    } finally {
      await proxy.close();
    }
  });

  it('reports an unreadable status page as unknown and keeps polling it at its interval', async () => {
    await sim.useScenario({ name: 'broken-page', description: 'status page answers HTML', phases: [{ name: 'only', statusPage: { indicator: 'none', fault: 'html_error' } }] });
    const m = create({}, { getApiKey: () => undefined });
    m.start();
    await runFor(clock, m, 30 * MINUTE);
    assert.equal(m.snapshot().page.verdict.state, 'unknown');
    assert.match(m.snapshot().health.reasons[0] ?? '', /^status page unreadable: HTTP 503 \(an HTML error page\)/);
    const polls = (await apiRequests('/api/v2/summary.json')).map((r) => r.atMs);
    const gaps = polls.slice(1).map((at, i) => (at - polls[i]!) / 1000);
    // No backoff: the first good read after the page comes back is at most one interval late.
    assert.deepEqual(gaps.slice(0, 4), [60, 60, 60, 60]);
  });

  it('keeps the key out of log lines, saved state, views and rendered text', async () => {
    await sim.script([{ kind: 'unauthorized' }, { kind: 'overloaded' }, { kind: 'reset' }]);
    const m = create();
    m.start();
    await runFor(clock, m, 20 * MINUTE);
    const view = m.snapshot();
    assertNoSentinel(logLines.join('\n'), 'log');
    assertNoSentinel(JSON.stringify(m.saveState()), 'saved state');
    assertNoSentinel(JSON.stringify(view), 'view');
    assertNoSentinel(renderTooltip(view), 'tooltip');
    assertNoSentinel(renderStatusBar(view).text, 'status bar');
    assert.ok(logLines.some((line) => line.includes('auth_error')));
  });

  it('restores its window from saved state, and starts empty from corrupt state', async () => {
    await sim.script([{ kind: 'overloaded' }, { kind: 'rate_limited', retryAfterSeconds: 2 }]);
    const first = create();
    first.start();
    await runFor(clock, first, 5 * MINUTE);
    const saved = JSON.parse(JSON.stringify(first.saveState())) as unknown;
    const counts = first.snapshot().window;
    first.dispose();
    const second = create({}, { savedState: saved });
    assert.deepEqual(second.snapshot().window, counts);
    second.dispose();
    const third = create({}, { savedState: { version: 1, base: 'garbage', events: [[1, 2, 3]] } });
    assert.equal(third.snapshot().window.total, 0);
  });

  it('calls health listeners once per state change', async () => {
    await sim.script([{ kind: 'overloaded', times: 3 }]);
    const m = create();
    const changes: [Health['state'], Health['state']][] = [];
    m.onDidChangeHealth((previous, next) => changes.push([previous.state, next.state]));
    m.start();
    await runFor(clock, m, 10 * MINUTE);
    assert.deepEqual(changes, [
      ['unknown', 'operational'],
      ['operational', 'degraded'],
      ['degraded', 'outage'],
      ['outage', 'operational'],
    ]);
  });

  it('runs a day of simulated time without growing its timers', async () => {
    const m = create({ 'probe.intervalSeconds': 300, 'statusPage.intervalSeconds': 300, 'probe.idleMinutes': 0 });
    m.start();
    await runUntil(clock, m, clock.now() + 24 * 60 * MINUTE);
    assert.ok(clock.pendingCount <= 2);
    assert.equal(m.snapshot().health.state, 'operational');
    assert.ok(m.snapshot().window.total >= 2);
  });
});

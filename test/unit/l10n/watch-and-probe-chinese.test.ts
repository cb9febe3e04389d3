// What `watch` and `probe` print for people, and the tooltip's probe lines, in
// Simplified Chinese: the monitor runs against the simulator with the Chinese
// translator, so the health reasons and the probes' own messages are Chinese,
// while the JSON keeps its English keys, states and outcomes.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { runWatchCommand } from '../../../src/cli/watch-command';
import type { VerdictJson } from '../../../src/cli/watch/output';
import { systemClock, systemTimers } from '../../../src/core/clock';
import { translatorFor } from '../../../src/core/l10n';
import { HealthMonitor } from '../../../src/core/monitor';
import { createNodeFetch } from '../../../src/core/net/node-fetch';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { renderTooltip } from '../../../src/core/view/tooltip';
import type { Scenario } from '../../../src/sim/scenario';
import { captureIo } from '../../support/capture-io';
import { SimClient } from '../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const CHINESE = { LANG: 'zh_CN.UTF-8', ANTHROPIC_API_KEY: SENTINEL_KEY };
const stormUnderGreenPage: Scenario = {
  name: 'storm-green-page',
  description: 'every request 529, page green',
  phases: [{ name: 'storm', faults: [{ kind: 'overloaded', probability: 1 }], statusPage: { indicator: 'none' } }],
};

describe('watch, probe and the tooltip in Simplified Chinese', function () {
  this.timeout(30_000);
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy' });
  });
  after(async () => {
    await sim.close();
  });

  const flags = (extra: Record<string, string | boolean> = {}) => ({ 'api-base-url': sim.url, 'status-page-url': sim.sim.statusPageUrl, ...extra });

  it('watch --once prints the state and its reasons in Chinese, with the same exit code', async () => {
    await sim.useScenario(stormUnderGreenPage);
    const io = captureIo(CHINESE);
    assert.equal(await runWatchCommand(flags({ once: true }), io), 1);
    assert.match(io.out, /^降级：状态页：正常，但最近一次探测遇到 529 过载$/m);
    assertNoSentinel(io.out + io.err, 'watch --once output');
    await sim.useScenario('healthy');
    const healthy = captureIo(CHINESE);
    assert.equal(await runWatchCommand(flags({ once: true }), healthy), 0);
    assert.match(healthy.out, /^正常：/);
    assert.doesNotMatch(healthy.out, /\b(operational|succeeded|probe)\b/, healthy.out);
  });

  it('watch --once --json keeps English keys, states and outcomes; the reasons are Chinese', async () => {
    await sim.useScenario(stormUnderGreenPage);
    const io = captureIo(CHINESE);
    assert.equal(await runWatchCommand(flags({ once: true, json: true }), io), 1);
    const verdict = JSON.parse(io.out) as VerdictJson;
    assert.deepEqual([verdict.event, verdict.state, verdict.page.state, verdict.results[0]?.outcome], ['verdict', 'degraded', 'operational', 'overloaded']);
    assert.match(verdict.reasons[0] ?? '', /最近一次探测遇到 529 过载/);
    assert.match(verdict.results[0]?.message ?? '', /^529 overloaded_error：Anthropic 过载$/);
  });

  it('a running watch prints its health changes and the live line in Chinese', async () => {
    await sim.useScenario('healthy');
    const io = captureIo(CHINESE);
    const stop = new AbortController();
    const running = runWatchCommand(flags(), io, { stop: stop.signal, live: true });
    try {
      const deadline = Date.now() + 10_000;
      while (!/\r\x1b\[2K正常 {2}\d+ ms {2}529×0 429×0 {2}状态页：正常/.test(io.out)) {
        if (Date.now() > deadline) throw new Error(`no live line in time; so far:\n${io.out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.match(io.out, /^\S+Z 未知 -> 正常：状态页：正常/m);
    } finally {
      stop.abort();
    }
    assert.equal(await running, 0);
    assertNoSentinel(io.out + io.err, 'watch output');
  });

  it('probe prints its line in Chinese, the outcome id and the error type kept', async () => {
    await sim.useScenario(stormUnderGreenPage);
    const io = captureIo(CHINESE);
    assert.equal(await main(['probe', '--base-url', sim.url], io), 1);
    assert.match(io.out, /^探测 models：overloaded，用时 \d+ ms - 529 overloaded_error：Anthropic 过载$/m);
    assertNoSentinel(io.out + io.err, 'probe output');
  });

  it("the tooltip's probe lines read in Chinese: the outcome in a word, the probe's message in Chinese", async () => {
    await sim.useScenario(stormUnderGreenPage);
    const zh = translatorFor('zh-cn');
    const transport = createNodeFetch({ env: {} });
    const monitor = new HealthMonitor({
      clock: systemClock,
      timers: systemTimers,
      settings: { ...DEFAULT_SETTINGS, apiBaseUrl: sim.url, statusPageUrl: sim.sim.statusPageUrl, degradeAfter: 1 },
      fetch: transport.fetch,
      route: () => transport.route,
      getApiKey: () => SENTINEL_KEY,
      env: {},
      t: zh,
    });
    try {
      await monitor.refresh();
      const tooltip = renderTooltip(monitor.snapshot(), { timeZone: 'UTC' }, zh);
      assert.match(tooltip, /\*\*最近一次探测\*\*/);
      assert.match(tooltip, /^- models，\d\d:\d\d:\d\d: \*\*过载\*\* · HTTP 529 · \d+ms( · `[^`]+`)? — 529 overloaded_error：Anthropic 过载$/m);
      const english = renderTooltip(monitor.snapshot(), { timeZone: 'UTC' });
      assert.match(english, /: \*\*overloaded\*\* · HTTP 529/, 'English keeps the outcome id');
      assertNoSentinel(tooltip, 'tooltip');
    } finally {
      monitor.dispose();
      transport.close();
    }
  });
});

// How fast the monitor notices a 529 storm and its end, how late the simulated
// status page admits it, and how often flaky traffic changes the state, all on
// a simulated clock shared by the monitor and the simulator (hours of scenario
// time run in seconds). Run: node --import tsx bench/monitor.ts
import { ManualClock } from '../test/support/manual-clock';
import type { HealthState } from '../src/core/health';
import { HealthMonitor } from '../src/core/monitor';
import { createNodeFetch } from '../src/core/net/node-fetch';
import { ProbeLog } from '../src/core/signals/probe-log';
import { DEFAULT_SETTINGS, settingsFrom, type ProbeMode } from '../src/core/settings';
import type { Scenario } from '../src/sim/scenario';
import { BUILT_IN_SCENARIOS } from '../src/sim/scenarios';
import { startSimulator } from '../src/sim/server';

const KEY = 'sk-ant-api03-bench-not-a-real-key-000000000000';
const SECOND = 1000;

interface Run {
  changes: { at: number; from: HealthState; state: HealthState }[];
  pageChanges: { at: number; state: string }[];
  start: number;
  /** Probe results and 529s over the whole run. */
  probes: number;
  overloaded: number;
}

async function runScenario(scenario: Scenario, options: { offsetSeconds: number; durationSeconds: number; mode?: ProbeMode }): Promise<Run> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const sim = await startSimulator({ scenario, clock, requiredApiKey: KEY });
  const scenarioStart = clock.now();
  clock.advance(options.offsetSeconds * SECOND);
  const transport = createNodeFetch({ env: {} });
  const monitor = new HealthMonitor({
    clock,
    timers: clock,
    settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: sim.statusPageUrl, 'probe.mode': options.mode ?? 'models', 'probe.idleMinutes': 0 }),
    fetch: transport.fetch,
    getApiKey: () => KEY,
    env: {},
  });
  const run: Run = { changes: [], pageChanges: [], start: scenarioStart, probes: 0, overloaded: 0 };
  let pageState = '';
  monitor.onDidChangeHealth((previous, next) => run.changes.push({ at: clock.now() - scenarioStart, from: previous.state, state: next.state }));
  monitor.onDidChange((snapshot) => {
    if (snapshot.page.verdict.state !== pageState) {
      pageState = snapshot.page.verdict.state;
      run.pageChanges.push({ at: clock.now() - scenarioStart, state: pageState });
    }
  });
  monitor.start();
  const end = scenarioStart + options.durationSeconds * SECOND;
  for (;;) {
    await monitor.whenIdle();
    const next = clock.nextDueAt();
    if (next === undefined || next > end) break;
    clock.advanceTo(next);
  }
  await monitor.whenIdle();
  const history = ProbeLog.fromJSON(monitor.saveState(), clock.now()).all();
  run.probes = history.length;
  run.overloaded = history.filter((event) => event.outcome === 'overloaded').length;
  monitor.dispose();
  transport.close();
  await sim.close();
  return run;
}

function withSeed(scenario: Scenario, seed: number, patch: Partial<Scenario> = {}): Scenario {
  return { ...structuredClone(scenario), seed, ...patch };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${Math.round(ms / SECOND)}`);

async function storm(): Promise<void> {
  const base = BUILT_IN_SCENARIOS.storm!;
  const stormStart = 60 * SECOND;
  const stormEnd = 180 * SECOND;
  const intervalMs = DEFAULT_SETTINGS.probeIntervalSeconds * SECOND;
  const faultPaths = base.phases[1]?.faults?.map((f) => f.paths ?? ['(every API path)']).flat();
  console.log(`storm: 529 storm from ${stormStart / SECOND} s to ${stormEnd / SECOND} s; fault paths: ${faultPaths?.join(', ')}`);
  console.log(`  settings: probe ${DEFAULT_SETTINGS.probeMode} every ${DEFAULT_SETTINGS.probeIntervalSeconds} s, status page every ${DEFAULT_SETTINGS.statusPageIntervalSeconds} s, degrade at ${DEFAULT_SETTINGS.degradeAfter} of ${2 * DEFAULT_SETTINGS.degradeAfter - 1}, recover after ${DEFAULT_SETTINGS.recoverAfter} in a row`);
  console.log('  start  seed  detect_s  recover_s  page_admits_s  page_clears_s  states');
  let worstDetect = 0;
  let worstRecover = 0;
  let pageAdmitLag = 0;
  let pageClearLag = 0;
  for (const offset of [0, 15, 30, 45]) {
    for (const seed of [1, 2, 3]) {
      const run = await runScenario(withSeed(base, seed), { offsetSeconds: offset, durationSeconds: 15 * 60 });
      const detected = run.changes.find((c) => c.at >= stormStart && (c.state === 'degraded' || c.state === 'outage'));
      const recovered = run.changes.find((c) => c.at > (detected?.at ?? stormEnd) && c.state === 'operational');
      const admits = run.pageChanges.find((c) => c.at >= stormStart && c.state !== 'operational');
      const clears = run.pageChanges.find((c) => c.at > (admits?.at ?? stormEnd) && c.state === 'operational');
      const detect = detected ? detected.at - stormStart : Infinity;
      const recover = recovered ? recovered.at - stormEnd : Infinity;
      worstDetect = Math.max(worstDetect, detect);
      worstRecover = Math.max(worstRecover, recover);
      pageAdmitLag = Math.max(pageAdmitLag, admits ? admits.at - stormStart : Infinity);
      pageClearLag = Math.max(pageClearLag, clears ? clears.at - stormEnd : Infinity);
      const states = run.changes.map((c) => `${c.state}@${Math.round(c.at / SECOND)}`).join(' ');
      console.log(
        `  ${pad(offset, 5)}  ${pad(seed, 4)}  ${pad(seconds(detected && detect), 8)}  ${pad(seconds(recovered && recover), 9)}  ${pad(seconds(admits && admits.at - stormStart), 13)}  ${pad(seconds(clears && clears.at - stormEnd), 13)}  ${states}`,
      );
    }
  }
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`  worst detection: ${seconds(worstDetect)} s after the storm began (target <= ${(2 * intervalMs) / SECOND} s: ${verdict(worstDetect <= 2 * intervalMs)})`);
  console.log(`  worst recovery: ${seconds(worstRecover)} s after the storm ended (target <= ${(3 * intervalMs) / SECOND} s: ${verdict(worstRecover <= 3 * intervalMs)})`);
  console.log(
    `  status page lag as we saw it (scenario lag + our polling): admitted the storm ${(pageAdmitLag / 60_000).toFixed(1)} min late, cleared it ${(pageClearLag / 60_000).toFixed(1)} min late` +
      ` (scenario: ${base.phases[1]?.statusPageLagSeconds ?? 0} s and ${base.phases[2]?.statusPageLagSeconds ?? 0} s)`,
  );
}

async function inferenceOnlyStorm(): Promise<void> {
  // The same storm, but hitting /v1/messages only, as real overloads mostly do.
  const base = BUILT_IN_SCENARIOS.storm!;
  const scenario = withSeed(base, 1);
  for (const phase of scenario.phases) for (const rule of phase.faults ?? []) rule.paths = ['/v1/messages'];
  const stormStart = 60 * SECOND;
  console.log('storm on /v1/messages only (paths: ["/v1/messages"]):');
  for (const mode of ['models', 'message'] as const) {
    const run = await runScenario(scenario, { offsetSeconds: 0, durationSeconds: 15 * 60, mode });
    const detected = run.changes.find((c) => c.at >= stormStart && (c.state === 'degraded' || c.state === 'outage'));
    console.log(
      `  probe.mode ${mode}: health first unhealthy ${detected ? `${Math.round((detected.at - stormStart) / SECOND)} s after the storm began` : 'never'}; 529s seen by probes: ${run.overloaded}; states: ${run.changes.map((c) => `${c.state}@${Math.round(c.at / SECOND)}`).join(' ')}`,
    );
  }
}

async function flaky(): Promise<void> {
  const hours = 24;
  const base = BUILT_IN_SCENARIOS.flaky!;
  let totalChanges = 0;
  let total529 = 0;
  const seeds = [1, 2, 3];
  for (const seed of seeds) {
    const run = await runScenario(withSeed(base, seed), { offsetSeconds: 0, durationSeconds: hours * 3600 });
    // Start-up (unknown -> first state) is not flapping.
    const changes = run.changes.filter((c) => c.from !== 'unknown');
    totalChanges += changes.length;
    total529 += run.overloaded;
    console.log(
      `  seed ${seed}: ${run.probes} probes, ${run.overloaded} got 529; ${changes.length} state changes in ${hours} h` +
        `${changes.length ? ` (${changes.map((c) => `${c.state}@${(c.at / 3_600_000).toFixed(2)}h`).join(' ')})` : ''}`,
    );
  }
  const perHour = totalChanges / (hours * seeds.length);
  console.log(
    `flaky (3% random 529s, ${hours} h x ${seeds.length} seeds, ${total529} probes got 529): ${perHour.toFixed(3)} state changes per simulated hour (target <= 1: ${perHour <= 1 ? 'met' : 'MISSED'})`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  await storm();
  await inferenceOnlyStorm();
  await flaky();
  console.log(`(ran in ${((performance.now() - started) / 1000).toFixed(1)} s of real time)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

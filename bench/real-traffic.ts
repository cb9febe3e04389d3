// Real traffic as a signal. (a) A storm on /v1/messages only, with the free
// `models` probe: how soon health turns bad after the third 529 a real client
// got, when that client is Claude Code (its transcript rows, appended to real
// files at the app's rate) or an app behind the tap (a real `claude-health
// tap` process in front of the simulator, the Anthropic SDK calling through it
// every 2 s, a monitor following the store as a window does; in real time,
// see support/tap-storm-detection.ts), against the probe-only figure measured
// in the same run. (c) Several windows on one shared store: probe requests per
// interval, against windows without it.
// Run: npm run build && node --import tsx bench/real-traffic.ts
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock, systemTimers } from '../src/core/clock';
import { HealthMonitor, type MonitorSource, type SourceSink } from '../src/core/monitor';
import { TranscriptSource } from '../src/core/monitor/transcript-source';
import { createNodeFetch } from '../src/core/net/node-fetch';
import { settingsFrom, type Settings } from '../src/core/settings';
import { BUILT_IN_SCENARIOS } from '../src/sim/scenarios';
import { startSimulator } from '../src/sim/server';
import { ManualClock } from '../test/support/manual-clock';
import { detectionThroughTap } from './support/tap-storm-detection';

const KEY = 'sk-ant-api03-bench-not-a-real-key-000000000000';
const SECOND = 1000;
const STORM_START = 60 * SECOND;
const APP_PERIOD = 2 * SECOND;

type Traffic = 'none' | 'claude-code' | 'tap';
/** The simulated-time runs: probes only, and Claude Code's transcripts. */
type SimulatedTraffic = Exclude<Traffic, 'tap'>;

interface DetectionRun {
  /** ms after the storm began when health left operational. */
  unhealthyAt?: number;
  /** ms after the storm began when the client got its third 529. */
  thirdReal529At?: number;
  reason?: string;
  /** The tap run: what the tap process stored, and calls that failed otherwise than with a 529. */
  note?: string;
}

function errorRow(at: number): string {
  return JSON.stringify({
    type: 'assistant',
    isApiErrorMessage: true,
    timestamp: new Date(at).toISOString(),
    message: { model: '<synthetic>', role: 'assistant', content: [{ type: 'text', text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }] },
  });
}

async function detection(traffic: SimulatedTraffic, seed: number): Promise<DetectionRun> {
  const scenario = { ...structuredClone(BUILT_IN_SCENARIOS.storm!), seed };
  for (const phase of scenario.phases) for (const rule of phase.faults ?? []) rule.paths = ['/v1/messages'];
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const sim = await startSimulator({ scenario, clock, requiredApiKey: KEY });
  const start = clock.now();
  const work = await mkdtemp(path.join(tmpdir(), 'ch-bench-traffic-'));
  const project = path.join(work, 'claude', 'projects', '-bench');
  await mkdir(project, { recursive: true });
  const transcript = path.join(project, 'session.jsonl');
  await appendFile(transcript, '');
  const transport = createNodeFetch({ env: {} });
  const settings: Settings = settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: sim.statusPageUrl, 'probe.mode': 'models', 'probe.idleMinutes': 0, 'sources.claudeCodeDirs': [path.join(work, 'claude')] });
  const extra: ((sink: SourceSink) => MonitorSource)[] =
    traffic === 'claude-code' ? [(sink) => new TranscriptSource({ clock, timers: clock, sink, env: {}, homedir: work }, settings)] : [];
  const monitor = new HealthMonitor({
    clock,
    timers: clock,
    settings,
    fetch: transport.fetch,
    getApiKey: () => KEY,
    env: {},
    extraSources: extra,
  });
  const run: DetectionRun = {};
  monitor.onDidChangeHealth((_previous, next) => {
    const at = clock.now() - start;
    if (run.unhealthyAt === undefined && at >= STORM_START && next.state !== 'operational' && next.state !== 'unknown') {
      run.unhealthyAt = at - STORM_START;
      run.reason = next.reasons[0];
    }
  });
  // The user's client: one /v1/messages call every 2 s through the simulator.
  let real529 = 0;
  const pending = new Set<Promise<void>>();
  const call = async () => {
    const at = clock.now();
    const response = await transport.fetch(`${sim.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.arrayBuffer();
    if (response.status === 529) {
      real529++;
      if (real529 === 3 && at - start >= STORM_START) run.thirdReal529At = at - start - STORM_START;
      if (traffic === 'claude-code') await appendFile(transcript, `${errorRow(at)}\n`);
    }
  };
  const tick = () => {
    if (traffic !== 'none' && clock.now() - start >= STORM_START - 10 * SECOND) {
      const request = call().finally(() => pending.delete(request));
      pending.add(request);
    }
    clock.setTimeout(tick, APP_PERIOD);
  };
  clock.setTimeout(tick, 0);
  monitor.start();
  const end = start + 10 * 60 * SECOND;
  for (;;) {
    await monitor.whenIdle();
    await Promise.all([...pending]);
    await monitor.whenIdle();
    const next = clock.nextDueAt();
    if (next === undefined || next > end || run.unhealthyAt !== undefined) break;
    clock.advanceTo(next);
  }
  monitor.dispose();
  transport.close();
  await sim.close();
  await rm(work, { recursive: true, force: true });
  return run;
}

const fmt = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / SECOND).toFixed(1)} s`);

async function tapDetection(seed: number): Promise<DetectionRun> {
  const run = await detectionThroughTap(seed, KEY);
  const failures = run.otherFailures ? `, ${run.otherFailures} other failures` : '';
  return { ...run, note: `(tap process stored ${run.storedRows} rows, ${run.stored529} of them 529${failures})` };
}

async function benchDetection(): Promise<void> {
  console.log('(a) 529 storm on /v1/messages only, free `models` probe, a client calling every 2 s:');
  console.log('    none, claude-code: simulated time (a manual clock); tap: real time, the SDK through a `claude-health tap` process (dist/cli.js), a monitor following the store as a window does');
  console.log('  traffic       seed  unhealthy_after_storm  third_real_529  degraded_after_third_529  reason');
  const worst: Record<Traffic, number> = { none: 0, 'claude-code': 0, tap: 0 };
  const worstUnhealthy: Record<Traffic, number> = { none: 0, 'claude-code': 0, tap: 0 };
  for (const traffic of ['none', 'claude-code', 'tap'] as const) {
    for (const seed of [1, 2, 3]) {
      const run = traffic === 'tap' ? await tapDetection(seed) : await detection(traffic, seed);
      const afterThird = run.unhealthyAt !== undefined && run.thirdReal529At !== undefined ? run.unhealthyAt - run.thirdReal529At : undefined;
      worstUnhealthy[traffic] = Math.max(worstUnhealthy[traffic], run.unhealthyAt ?? Infinity);
      worst[traffic] = Math.max(worst[traffic], traffic === 'none' ? (run.unhealthyAt ?? Infinity) : (afterThird ?? Infinity));
      console.log(
        `  ${traffic.padEnd(12)}  ${String(seed).padStart(4)}  ${fmt(run.unhealthyAt).padStart(21)}  ${fmt(run.thirdReal529At).padStart(14)}  ${fmt(afterThird).padStart(24)}  ${run.reason ?? ''}${run.note ? ` ${run.note}` : ''}`,
      );
    }
  }
  const probeOnly = worst.none;
  for (const traffic of ['claude-code', 'tap'] as const) {
    const met = worst[traffic] <= 10 * SECOND;
    console.log(`  ${traffic}: worst ${fmt(worst[traffic])} from the third real 529 to degraded (target <= 10 s: ${met ? 'met' : 'MISSED'})`);
  }
  console.log(`  probe only (same run): worst ${fmt(probeOnly)} after the storm began, when the status page admitted it`);
  for (const traffic of ['claude-code', 'tap'] as const) {
    const sooner = worstUnhealthy[traffic] > 0 ? probeOnly / worstUnhealthy[traffic] : Infinity;
    console.log(`  ${traffic}: unhealthy ${fmt(worstUnhealthy[traffic])} after the storm began at worst, ${sooner.toFixed(1)}x sooner than probe only`);
  }
}

async function probesPerInterval(windows: number, shared: boolean): Promise<number> {
  const sim = await startSimulator({ scenario: 'healthy', requiredApiKey: KEY });
  const dir = await mkdtemp(path.join(tmpdir(), 'ch-bench-windows-'));
  const intervalSeconds = 5;
  const transports = Array.from({ length: windows }, () => createNodeFetch({ env: {} }));
  const monitors = transports.map(
    (transport, index) =>
      new HealthMonitor({
        clock: systemClock,
        timers: systemTimers,
        settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: sim.statusPageUrl, 'probe.intervalSeconds': intervalSeconds, 'statusPage.intervalSeconds': intervalSeconds, 'probe.idleMinutes': 0 }),
        fetch: transport.fetch,
        getApiKey: () => KEY,
        env: {},
        allowedInsecureOrigins: [new URL(sim.url).origin],
        ...(shared ? { shared: { dir, writerName: `bench-window-${index}` } } : {}),
      }),
  );
  for (const monitor of monitors) monitor.start();
  const count = () => sim.state.log.filter((request) => request.path.startsWith('/v1/models')).length;
  // Settle (SDK load, election), then count over whole intervals.
  await new Promise((resolve) => setTimeout(resolve, 3 * SECOND));
  const before = count();
  const intervals = 4;
  await new Promise((resolve) => setTimeout(resolve, intervals * intervalSeconds * SECOND));
  const perInterval = (count() - before) / intervals;
  for (const monitor of monitors) monitor.dispose();
  for (const transport of transports) transport.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  return perInterval;
}

async function benchWindows(): Promise<void> {
  console.log('(c) probe requests per 5 s interval, real time, 4 intervals each:');
  const one = await probesPerInterval(1, true);
  const twoAlone = await probesPerInterval(2, false);
  const twoShared = await probesPerInterval(2, true);
  const threeShared = await probesPerInterval(3, true);
  console.log(`  1 window:                       ${one.toFixed(2)}`);
  console.log(`  2 windows, no shared store:     ${twoAlone.toFixed(2)}  (baseline: each window probes)`);
  console.log(`  2 windows, shared store:        ${twoShared.toFixed(2)}  (target 1.0: ${Math.abs(twoShared - 1) <= 0.25 ? 'met' : 'MISSED'}; ${(twoShared / twoAlone).toFixed(2)}x the baseline)`);
  console.log(`  3 windows, shared store:        ${threeShared.toFixed(2)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const load = () => `${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`;
  console.log(`load average at the start: ${load()} (the real-time runs are only as steady as the shared machine)`);
  await benchDetection();
  await benchWindows();
  console.log(`(ran in ${((performance.now() - started) / 1000).toFixed(1)} s of real time; load average at the end: ${load()})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

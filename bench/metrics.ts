// What the metrics cost: rendering /metrics with the histogram filled, against
// a fresh registry (the baseline), and the memory of `watch` (monitor, output,
// metrics) over a simulated day, against the bare monitor over the same day.
// The simulator shares the monitor's manual clock, so a day runs in seconds.
// Run: node --import tsx bench/metrics.ts
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ManualClock } from '../test/support/manual-clock';
import { runUntil } from '../test/unit/core/support/drive';
import { startWatchSession } from '../src/cli/watch/session';
import { createHealthMetrics, type HealthMetrics } from '../src/core/metrics/health-metrics';
import { HealthMonitor } from '../src/core/monitor';
import { createNodeFetch } from '../src/core/net/node-fetch';
import { settingsFrom } from '../src/core/settings';
import { REQUEST_KINDS, REQUEST_SOURCES } from '../src/core/signals/request-kinds';
import { builtInScenarioNamed } from '../src/sim/scenarios';
import { startSimulator } from '../src/sim/server';
import type { StatusSnapshot } from '../src/core/statuspage/types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const KEY = 'sk-ant-api03-bench-not-a-real-key-000000000000';
const SECOND = 1000;
const CODES = [200, 429, 500, 502, 503, 529, undefined];

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function fill(metrics: HealthMetrics, samples: number): void {
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < samples; i++) {
    metrics.recordRequest({
      source: REQUEST_SOURCES[i % REQUEST_SOURCES.length]!,
      kind: REQUEST_KINDS[Math.floor(next() * REQUEST_KINDS.length)]!,
      httpStatus: CODES[Math.floor(next() * CODES.length)],
      latencyMs: next() * 30_000,
      at: Date.UTC(2026, 0, 1) + i,
    });
  }
  metrics.setRateLimits({ requests: { limit: 4000, remaining: 3999 }, tokens: { limit: 400_000, remaining: 399_000 } });
  metrics.setRetryAfter(5);
  const page = {
    indicator: 'minor',
    description: 'Minor',
    components: Array.from({ length: 20 }, (_, n) => ({ id: `comp${n}`, name: `Component ${n}`, status: n % 3 ? 'operational' : 'degraded_performance' })),
    incidents: [],
    maintenances: [],
    fetchedAt: Date.UTC(2026, 0, 1),
    warnings: [],
  } as unknown as StatusSnapshot;
  metrics.setStatusPage(page, page.components.map((c) => c.id));
}

async function renderCost(metrics: HealthMetrics, rounds: number): Promise<{ medianMs: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const text = await metrics.render();
    times.push(performance.now() - started);
    bytes = Buffer.byteLength(text);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, bytes };
}

async function scrapeCost(): Promise<void> {
  const baseline = await renderCost(createHealthMetrics(), 200);
  const filled = createHealthMetrics();
  fill(filled, 200_000);
  const cost = await renderCost(filled, 200);
  console.log('scrape cost (/metrics render, median of 200; process metrics included)');
  console.log(`  baseline, fresh registry: ${baseline.medianMs.toFixed(2)} ms, ${(baseline.bytes / 1024).toFixed(1)} KB`);
  console.log(
    `  200k requests, every source/kind/code, 20 components: ${cost.medianMs.toFixed(2)} ms (x${(cost.medianMs / baseline.medianMs).toFixed(1)}), ` +
      `${(cost.bytes / 1024).toFixed(1)} KB (x${(cost.bytes / baseline.bytes).toFixed(1)})`,
  );
}

interface DayRun {
  startMb: number;
  endMb: number;
  probes: number;
  lines: number;
  outBytes: number;
}

/** A simulated day of the flaky scenario (3% 529s), probing every 60 s; `watch` adds the session, its output and the metrics. */
async function simulatedDay(watch: boolean): Promise<DayRun> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
  const scenario = builtInScenarioNamed('flaky');
  const sim = await startSimulator({ scenario: scenario ? { ...structuredClone(scenario), seed: 7 } : 'flaky', clock });
  const transport = createNodeFetch({ env: {} });
  const settings = settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: sim.statusPageUrl, 'probe.idleMinutes': 0 });
  let lines = 0;
  let outBytes = 0;
  let probes = 0;
  let monitor: HealthMonitor;
  let stop: () => void;
  if (watch) {
    const metrics = createHealthMetrics();
    const session = startWatchSession({
      settings,
      clock,
      timers: clock,
      fetch: transport.fetch,
      route: () => transport.route,
      env: {},
      apiKey: KEY,
      allowedInsecureOrigins: [],
      write: (text) => {
        lines++;
        outBytes += text.length;
      },
      json: true,
      live: false,
      metrics,
    });
    monitor = session.monitor;
    stop = () => session.stop();
  } else {
    monitor = new HealthMonitor({ clock, timers: clock, settings, fetch: transport.fetch, getApiKey: () => KEY, env: {} });
    monitor.start();
    stop = () => monitor.dispose();
  }
  let seen: unknown;
  monitor.onDidChange((snapshot) => {
    if (snapshot.probe.lastRound !== seen && snapshot.probe.lastRound.length) probes++;
    seen = snapshot.probe.lastRound;
  });
  const start = clock.now();
  await runUntil(clock, monitor, start + 3600 * SECOND);
  const startMb = heapMb();
  await runUntil(clock, monitor, start + 24 * 3600 * SECOND);
  const endMb = heapMb();
  stop();
  transport.close();
  await sim.close();
  return { startMb, endMb, probes, lines, outBytes };
}

async function memoryOverADay(): Promise<void> {
  const started = performance.now();
  const baseline = await simulatedDay(false);
  const watch = await simulatedDay(true);
  const growth = (run: DayRun) => run.endMb - run.startMb;
  console.log('memory over a simulated day (flaky scenario, probe every 60 s; heap after GC at hour 1 and hour 24; the simulator runs in the same process)');
  console.log(`  baseline, bare monitor: ${baseline.startMb.toFixed(1)} MB -> ${baseline.endMb.toFixed(1)} MB (${growth(baseline) >= 0 ? '+' : ''}${growth(baseline).toFixed(2)} MB), ${baseline.probes} probe rounds`);
  console.log(
    `  watch session (--json output, metrics fed): ${watch.startMb.toFixed(1)} MB -> ${watch.endMb.toFixed(1)} MB (${growth(watch) >= 0 ? '+' : ''}${growth(watch).toFixed(2)} MB), ` +
      `${watch.probes} probe rounds, ${watch.lines} JSON lines (${(watch.outBytes / 1024 / 1024).toFixed(1)} MB written)`,
  );
  console.log(`  watch's extra heap at hour 24 over the baseline: ${(watch.endMb - baseline.endMb).toFixed(2)} MB`);
  console.log(`(ran in ${((performance.now() - started) / 1000).toFixed(1)} s of real time)`);
}

async function main(): Promise<void> {
  await scrapeCost();
  await memoryOverADay();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

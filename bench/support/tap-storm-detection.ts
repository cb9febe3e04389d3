// The tap variant of the real-traffic bench, in real time and as a user runs
// it: the simulator storms /v1/messages only (the free `models` probe sees
// nothing), a `claude-health tap` process (dist/cli.js) sits in front of it,
// an app (the Anthropic SDK, no retries) calls once every 2 s through the
// tap, and a monitor set up as a window (its own probes, the shared store,
// elected prober) follows the store the tap writes to. It measures from the
// app's third 529 to the monitor leaving "operational".
import Anthropic from '@anthropic-ai/sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock, systemTimers } from '../../src/core/clock';
import { HealthMonitor } from '../../src/core/monitor';
import { createNodeFetch } from '../../src/core/net/node-fetch';
import { settingsFrom } from '../../src/core/settings';
import { readStore, uniqueWriterName } from '../../src/core/store/observation-store';
import { BUILT_IN_SCENARIOS } from '../../src/sim/scenarios';
import { startSimulator } from '../../src/sim/server';
import { startCliProcess, stopCliProcess } from './cli-process';

/** Calm before the storm: long enough for the tap, the SDK and the monitor's first round to settle. */
const CALM_SECONDS = 6;
const APP_PERIOD_MS = 2000;
/** Past this after the storm began, the run reports "never". */
const GIVE_UP_MS = 60_000;

export interface TapDetection {
  /** ms after the storm began when health left operational. */
  unhealthyAt?: number;
  /** ms after the storm began when the app got its third 529 answer. */
  thirdReal529At?: number;
  reason?: string;
  /** What the tap process wrote to the store: every call, and the 529s among them. */
  storedRows: number;
  stored529: number;
  /** Calls that failed other than with a 529 (none expected). */
  otherFailures: number;
}

export async function detectionThroughTap(seed: number, key: string): Promise<TapDetection> {
  const scenario = { ...structuredClone(BUILT_IN_SCENARIOS.storm!), seed };
  scenario.phases[0]!.durationSeconds = CALM_SECONDS;
  for (const phase of scenario.phases) for (const rule of phase.faults ?? []) rule.paths = ['/v1/messages'];
  const work = await mkdtemp(path.join(tmpdir(), 'ch-bench-tap-storm-'));
  const stateDir = path.join(work, 'state');
  const sim = await startSimulator({ scenario, requiredApiKey: key });
  const stormAt = sim.state.startedAtMs + CALM_SECONDS * 1000;
  const tap = await startCliProcess(['tap', '--upstream', sim.url], { env: { ...process.env, CLAUDE_HEALTH_STATE_DIR: stateDir } });
  const transport = createNodeFetch({ env: {} });
  const monitor = new HealthMonitor({
    clock: systemClock,
    timers: systemTimers,
    settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: sim.statusPageUrl, 'probe.mode': 'models', 'probe.idleMinutes': 0 }),
    fetch: transport.fetch,
    getApiKey: () => key,
    env: {},
    allowedInsecureOrigins: [new URL(sim.url).origin],
    shared: { dir: stateDir, writerName: uniqueWriterName('window') },
  });
  const run: TapDetection = { storedRows: 0, stored529: 0, otherFailures: 0 };
  monitor.onDidChangeHealth((_previous, next) => {
    const at = Date.now() - stormAt;
    if (run.unhealthyAt === undefined && at >= 0 && next.state !== 'operational' && next.state !== 'unknown') {
      run.unhealthyAt = at;
      run.reason = next.reasons[0];
    }
  });
  const app = new Anthropic({ apiKey: key, baseURL: tap.handshake.url, maxRetries: 0, timeout: 10_000 });
  let real529 = 0;
  const calls = new Set<Promise<void>>();
  const call = async () => {
    try {
      await app.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] });
    } catch (error) {
      if (error instanceof Anthropic.APIError && error.status === 529) {
        if (++real529 === 3) run.thirdReal529At = Date.now() - stormAt;
      } else {
        run.otherFailures++;
      }
    }
  };
  const tick = () => {
    const request = call().finally(() => calls.delete(request));
    calls.add(request);
  };
  monitor.start();
  tick();
  const interval = setInterval(tick, APP_PERIOD_MS);
  try {
    while (run.unhealthyAt === undefined && Date.now() - stormAt < GIVE_UP_MS) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    clearInterval(interval);
    await Promise.allSettled([...calls]);
    monitor.dispose();
    transport.close();
    await stopCliProcess(tap);
    const stored = await readStore({ dir: stateDir, sinceMs: 0, clock: systemClock });
    const rows = stored.observations.filter((row) => row.source === 'tap' && row.path === '/v1/messages');
    run.storedRows = rows.length;
    run.stored529 = rows.filter((row) => row.status === 529).length;
    await sim.close();
    await rm(work, { recursive: true, force: true });
  }
  return run;
}

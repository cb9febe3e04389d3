// Several windows on one shared store: one probes, the others follow its results;
// when it closes or stops beating, another takes over within one interval.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock, systemTimers } from '../../../../src/core/clock';
import { HealthMonitor } from '../../../../src/core/monitor';
import { createNodeFetch, type NodeFetch } from '../../../../src/core/net/node-fetch';
import { settingsFrom } from '../../../../src/core/settings';
import { ProberLease, readLease } from '../../../../src/core/store/prober-lease';
import { english } from '../../../../src/core/l10n';
import { proberRoleLine } from '../../../../src/core/view/prober-role';
import { SimClient } from '../../../support/sim-client';
import { SENTINEL_KEY } from '../support/sentinel';

async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one prober for all windows', function () {
  this.timeout(120_000);
  let sim: SimClient;
  let dir: string;
  const transports: NodeFetch[] = [];
  const monitors: HealthMonitor[] = [];

  function openWindow(name: string): HealthMonitor {
    const transport = createNodeFetch({ env: {} });
    transports.push(transport);
    const monitor = new HealthMonitor({
      clock: systemClock,
      timers: systemTimers,
      settings: settingsFrom({ apiBaseUrl: sim.url, statusPageUrl: `${sim.url}/api/v2/summary.json`, 'probe.intervalSeconds': 5, 'statusPage.intervalSeconds': 5, 'probe.idleMinutes': 0 }),
      fetch: transport.fetch,
      getApiKey: () => SENTINEL_KEY,
      env: {},
      allowedInsecureOrigins: [new URL(sim.url).origin],
      shared: { dir, writerName: name },
    });
    monitors.push(monitor);
    monitor.start();
    return monitor;
  }

  const probeRequests = async () => (await sim.requests()).filter((request) => request.path.startsWith('/v1/models'));

  beforeEach(async () => {
    sim = await SimClient.start({ scenario: 'healthy' });
    dir = await mkdtemp(path.join(tmpdir(), 'ch-one-prober-'));
  });
  afterEach(async () => {
    for (const monitor of monitors.splice(0)) monitor.dispose();
    for (const transport of transports.splice(0)) transport.close();
    await sim.close();
    // A disposed window's last store write may still land while the folder goes: rm retries on ENOTEMPTY.
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  it('probes from one window only, and the other shows the same results', async () => {
    const a = openWindow('window-a');
    const b = openWindow('window-b');
    await until('one prober', () => a.isProber !== b.isProber);
    const follower = a.isProber ? b : a;
    await until('the follower to show the prober\'s round and page', () => {
      const snapshot = follower.snapshot();
      return snapshot.probe.lastRound.length > 0 && snapshot.page.summary !== undefined && snapshot.health.state === 'operational';
    });
    assert.equal(follower.snapshot().probe.paused, 'other_window');
    assert.equal(follower.isProber, false);
    // What Show Details says in each window.
    const prober = follower === a ? b : a;
    const role = (monitor: HealthMonitor) => proberRoleLine({ sharesProbing: monitor.sharesProbing, isProber: monitor.isProber, paused: monitor.snapshot().probe.paused }, english);
    assert.match(role(prober) ?? '', /^this window probes the API/);
    assert.match(role(follower) ?? '', /^another Claude Health window probes/);
    await until('three rounds', async () => (await probeRequests()).length >= 3);
    const requests = await probeRequests();
    const span = (requests.at(-1)?.atMs ?? 0) - (requests[0]?.atMs ?? 0);
    // One prober every 5 s: N rounds span at least (N - 1) × 5 s, less scheduling slack.
    assert.ok(span >= (requests.length - 1) * 4000, `${requests.length} probes in ${span} ms: more than one prober`);
    const pages = (await sim.requests()).filter((request) => request.path.startsWith('/api/v2/summary'));
    assert.ok(pages.length <= requests.length + 1, `${pages.length} page reads for ${requests.length} probes`);
  });

  it('hands over within one interval when the prober closes, and when it stops beating', async () => {
    const a = openWindow('window-a');
    await until('a probes', () => a.isProber);
    const b = openWindow('window-b');
    await until('b follows', async () => (await readLease(dir))?.holder === 'window-a' && b.snapshot().probe.paused === 'other_window');
    const closedAt = Date.now();
    a.dispose();
    await until('b takes over', () => b.isProber, 5000);
    assert.ok(Date.now() - closedAt <= 5000);

    // A window that hangs keeps its lease (and its process) but stops renewing it.
    b.dispose();
    await rm(path.join(dir, 'prober.lease'), { force: true });
    await new ProberLease({ dir, holder: 'window-hung', clock: systemClock, staleAfterMs: 3750 }).tick();
    const hungAt = Date.now();
    const c = openWindow('window-c');
    await until('c to see the hung lease', () => c.snapshot().probe.paused === 'other_window' || c.isProber);
    await until('c takes over from the hung window', () => c.isProber, 10_000);
    const tookMs = Date.now() - hungAt;
    assert.ok(tookMs <= 5000 + 1500, `took ${tookMs} ms for a 5 s interval`);
  });
});

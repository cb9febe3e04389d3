// The fault matrix: one network fault at a time put between the monitor and
// the simulator (both on one simulated clock), what the monitor makes of it,
// and how long after the fault clears health is back. The unit test asserts
// on it and bench/recovery.ts prints it, from the same table and driver.
//
// The API and the status page each sit behind an HTTPS fault front on
// 127.0.0.1 (the API under the name api.claude-health.test, resolved by a
// lookup that can stall); a switchable CONNECT proxy can be put in front of
// both. Requests cost real time only: the clock moves when the driver fires
// the next due timer, so a recovery time in simulated seconds excludes the
// real latency of the requests.
import type { LookupFunction } from 'node:net';
import { isStale } from '../../src/core/view/status-bar';
import type { HealthState } from '../../src/core/health';
import { HealthMonitor } from '../../src/core/monitor';
import type { MonitorSnapshot } from '../../src/core/monitor/snapshot';
import { createNodeFetch, type NodeFetch } from '../../src/core/net/node-fetch';
import type { ProbeOutcome, ProbeResult } from '../../src/core/probe/types';
import { settingsFrom, type SettingKey } from '../../src/core/settings';
import type { StatusPageError, StatusPageErrorKind } from '../../src/core/statuspage/types';
import { renderStatusBar } from '../../src/core/view/status-bar';
import { renderTooltip } from '../../src/core/view/tooltip';
import { testCertificates } from './loopback/certificates';
import { startFaultFront, startProxyFront, type FaultFront, type FrontFault, type ProxyFault, type ProxyFront } from './loopback/fault-front';
import { ManualClock } from './manual-clock';
import { SimClient } from './sim-client';

export const API_HOST = 'api.claude-health.test';
const SECOND = 1000;

/** A lookup for API_HOST that answers 127.0.0.1 at once, or stalls until told to stop. */
export class StallingLookup {
  private stalled = false;
  private readonly waiting = new Set<() => void>();

  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const answer = () => {
      if (hostname !== API_HOST) {
        (callback as (error: NodeJS.ErrnoException) => void)(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      } else if (typeof options === 'object' && (options as { all?: boolean }).all) {
        (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
      } else (callback as (e: null, a: string, f: number) => void)(null, '127.0.0.1', 4);
    };
    if (!this.stalled) return answer();
    // A resolver that answers long after any deadline: released (too late to matter) when the stall ends.
    this.waiting.add(answer);
  };

  setStalled(stalled: boolean): void {
    this.stalled = stalled;
    if (stalled) return;
    const late = [...this.waiting];
    this.waiting.clear();
    for (const answer of late) answer();
  }
}

/** Everything one row runs against. */
export interface MatrixEnv {
  clock: ManualClock;
  /** Added to the clock the monitor reads as wall time (not to its timers): a jump as after sleep. */
  wallOffsetMs: number;
  sim: SimClient;
  api: FaultFront;
  page: FaultFront;
  proxy: ProxyFront;
  dns: StallingLookup;
}

export interface Expected {
  /** Health states acceptable while the fault lasts. */
  states: readonly HealthState[];
  probe?: { outcome: ProbeOutcome; networkCode?: RegExp; message?: RegExp };
  page?: { kind: StatusPageErrorKind; code?: RegExp; httpStatus?: number };
  /** The data goes stale (a clock jump) rather than bad. */
  stale?: boolean;
}

export interface FaultCase {
  name: string;
  /** Run the monitor with the CONNECT proxy in front of both the API and the page. */
  viaProxy?: boolean;
  apply(env: MatrixEnv): Promise<void>;
  clear(env: MatrixEnv): Promise<void>;
  expected: Expected;
}

const front = (target: 'api' | 'page' | 'both', fault: FrontFault) => async (env: MatrixEnv) => {
  if (target !== 'page') await env.api.setFault(fault);
  if (target !== 'api') await env.page.setFault(fault);
};
const proxied = (fault: ProxyFault) => (env: MatrixEnv) => env.proxy.setFault(fault);

function frontCase(name: string, target: 'api' | 'page' | 'both', fault: FrontFault, expected: Expected): FaultCase {
  return { name, apply: front(target, fault), clear: front(target, 'none'), expected };
}

function proxyCase(name: string, fault: ProxyFault, expected: Expected): FaultCase {
  return { name, viaProxy: true, apply: proxied(fault), clear: proxied('none'), expected };
}

const BAD = ['degraded', 'outage'] as const;
const PROXY_CODE = /^(?:ECONNREFUSED|ECONNRESET|UND_ERR_\w+|ETIMEDOUT|PROXY\w*|E\w*PROXY\w*)$/;

export const FAULTS: readonly FaultCase[] = [
  frontCase('refused', 'both', 'refuse', { states: BAD, probe: { outcome: 'network_error', networkCode: /^ECONNREFUSED$/ }, page: { kind: 'network', code: /^ECONNREFUSED$/ } }),
  frontCase('reset mid-body', 'both', 'reset', { states: BAD, probe: { outcome: 'network_error', networkCode: /^ECONNRESET$/ }, page: { kind: 'network', code: /^ECONNRESET$/ } }),
  frontCase('hang', 'api', 'hang', { states: BAD, probe: { outcome: 'timeout' } }),
  frontCase('untrusted certificate', 'both', 'untrusted-tls', {
    states: BAD,
    probe: { outcome: 'network_error', networkCode: /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/ },
    page: { kind: 'network', code: /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/ },
  }),
  proxyCase('proxy 407', 'proxy-407', { states: BAD, probe: { outcome: 'network_error', networkCode: /^ERR_PROXY_TUNNEL$/, message: /407/ }, page: { kind: 'network', code: /^ERR_PROXY_TUNNEL$/ } }),
  proxyCase('proxy hang', 'proxy-hang', { states: BAD, probe: { outcome: 'timeout' }, page: { kind: 'network' } }),
  proxyCase('proxy refused', 'proxy-refuse', { states: BAD, probe: { outcome: 'network_error', networkCode: PROXY_CODE }, page: { kind: 'network' } }),
  {
    name: 'slow DNS',
    apply: (env) => Promise.resolve(env.dns.setStalled(true)),
    clear: (env) => Promise.resolve(env.dns.setStalled(false)),
    expected: { states: BAD, probe: { outcome: 'timeout' } },
  },
  // The client follows no redirects: a 302 is the base URL's problem (bad_request, a configuration
  // problem the health reasons name) and not the API's, so the state stays where the page and the
  // earlier probes put it.
  frontCase('redirect loop', 'both', 'redirect-loop', { states: ['operational'], probe: { outcome: 'bad_request', message: /302/ }, page: { kind: 'http_status', httpStatus: 302 } }),
  frontCase('HTML 502 from a CDN', 'both', 'html-502', { states: BAD, probe: { outcome: 'server_error' }, page: { kind: 'http_status', httpStatus: 502 } }),
  frontCase('status page down', 'page', 'refuse', { states: ['operational', 'unknown'], page: { kind: 'network', code: /^ECONNREFUSED$/ } }),
  {
    name: 'clock stepped back',
    apply: (env) => {
      env.wallOffsetMs -= 5 * 3600 * SECOND;
      return Promise.resolve();
    },
    clear: () => Promise.resolve(),
    expected: { states: ['operational'] },
  },
  {
    name: 'clock jump',
    apply: (env) => {
      env.wallOffsetMs += 5 * 3600 * SECOND;
      return Promise.resolve();
    },
    clear: () => Promise.resolve(),
    expected: { states: ['operational'], stale: true },
  },
];

export interface MatrixOptions {
  intervalSeconds: number;
  /** The probe's deadline (real time): a hang costs this much per probe. */
  timeoutMs: number;
  /** Whatever the caller wants checked at every step (the sentinel key, say). */
  key: string;
}

export const DEFAULT_MATRIX_OPTIONS: MatrixOptions = { intervalSeconds: 60, timeoutMs: 1000, key: 'sk-ant-api03-fault-matrix-not-a-real-key-0000000000' };

export interface FaultRun {
  name: string;
  intervalMs: number;
  /** The snapshot at the end of the fault, before it was cleared. */
  during: MonitorSnapshot;
  duringStale: boolean;
  probe?: ProbeResult;
  pageError?: StatusPageError;
  /** Health states the monitor changed to while the fault lasted. */
  statesDuring: HealthState[];
  clearedAt: number;
  /** Simulated time from clearing to fully healthy (undefined: not within the watch). */
  recoveryMs?: number;
  /** Every log line, every snapshot, status bar and tooltip seen, for the key check. */
  transcript: string;
}

/** Fully healthy: operational, a good page and a good last probe round, fresh data. */
export function isHealthy(snapshot: MonitorSnapshot): boolean {
  return (
    snapshot.health.state === 'operational' &&
    snapshot.page.verdict.state === 'operational' &&
    snapshot.probe.lastRound.length > 0 &&
    snapshot.probe.lastRound.every((result) => result.outcome === 'ok') &&
    !isStale(snapshot)
  );
}

async function startEnv(key: string): Promise<MatrixEnv> {
  const certificates = testCertificates();
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const sim = await SimClient.start({ scenario: 'healthy', clock, requiredApiKey: key });
  const tls = { trusted: certificates.valid, untrusted: certificates.selfSigned };
  const [api, page, proxy] = await Promise.all([startFaultFront({ target: sim.url, tls }), startFaultFront({ target: sim.url, tls }), startProxyFront()]);
  return { clock, wallOffsetMs: 0, sim, api, page, proxy, dns: new StallingLookup() };
}

async function stopEnv(env: MatrixEnv): Promise<void> {
  env.dns.setStalled(false);
  await Promise.all([env.api.close(), env.page.close(), env.proxy.close()]);
  await env.sim.close();
}

/**
 * Runs one row: two healthy intervals, the fault for two and a half (enough
 * to be confirmed at the quickened cadence), then the fault cleared and the
 * monitor watched for three intervals, stepping timer by timer so the first
 * healthy instant is exact.
 */
export async function runFault(fault: FaultCase, options: MatrixOptions = DEFAULT_MATRIX_OPTIONS): Promise<FaultRun> {
  const env = await startEnv(options.key);
  const intervalMs = options.intervalSeconds * SECOND;
  const values: Partial<Record<SettingKey, unknown>> = {
    apiBaseUrl: fault.viaProxy ? env.api.url : `https://${API_HOST}:${env.api.port}`,
    statusPageUrl: `${env.page.url}/api/v2/summary.json`,
    'probe.intervalSeconds': options.intervalSeconds,
    'statusPage.intervalSeconds': options.intervalSeconds,
    'probe.timeoutMs': options.timeoutMs,
    'probe.idleMinutes': 0,
  };
  const transport: NodeFetch = createNodeFetch({
    env: fault.viaProxy ? { HTTPS_PROXY: env.proxy.url, CLAUDE_HEALTH_PROXY_LOOPBACK: '1' } : {},
    ca: testCertificates().ca.cert,
    lookup: env.dns.lookup,
    // A silent proxy or resolver is given up on at the probe's deadline, as the page's own is.
    connectTimeoutMs: options.timeoutMs,
  });
  const lines: string[] = [];
  const wall = { now: () => env.clock.now() + env.wallOffsetMs };
  const monitor = new HealthMonitor({
    clock: wall,
    timers: env.clock,
    settings: settingsFrom(values),
    fetch: transport.fetch,
    route: () => transport.route,
    getApiKey: () => options.key,
    env: {},
    log: (line) => lines.push(line),
  });
  const seen: string[] = [];
  const look = (): MonitorSnapshot => {
    const snapshot = monitor.snapshot();
    seen.push(JSON.stringify(snapshot), renderStatusBar(snapshot).text, renderTooltip(snapshot, { timeZone: 'UTC' }));
    return snapshot;
  };
  /** Fires due timers up to `targetMs`, calling `check` after each; stops early when it returns true. */
  const runUntil = async (targetMs: number, check?: () => boolean): Promise<boolean> => {
    for (;;) {
      await monitor.whenIdle();
      if (check?.()) return true;
      const next = env.clock.nextDueAt();
      if (next === undefined || next > targetMs) {
        env.clock.advanceTo(targetMs);
        await monitor.whenIdle();
        return check?.() ?? false;
      }
      env.clock.advanceTo(next);
    }
  };
  try {
    monitor.start();
    await runUntil(env.clock.now() + 2 * intervalMs);
    look();
    await fault.apply(env);
    const statesDuring: HealthState[] = [];
    const watch = monitor.onDidChangeHealth((_previous, next) => statesDuring.push(next.state));
    // A clock jump is over at once: what it leaves is seen right after it, before any timer fires.
    const faultEnd = fault.expected.stale ? env.clock.now() : env.clock.now() + 2.5 * intervalMs;
    await runUntil(faultEnd, () => {
      look();
      return false;
    });
    watch.dispose();
    const during = look();
    const duringStale = isStale(during);
    await fault.clear(env);
    const clearedAt = env.clock.now();
    let healthyAt: number | undefined;
    await runUntil(clearedAt + 3 * intervalMs, () => {
      if (!isHealthy(look())) return false;
      healthyAt = env.clock.now();
      return true;
    });
    const run: FaultRun = {
      name: fault.name,
      intervalMs,
      during,
      duringStale,
      statesDuring,
      clearedAt,
      transcript: [...lines, ...seen].join('\n'),
    };
    const probe = during.probe.lastRound[0];
    if (probe) run.probe = probe;
    if (during.page.lastError) run.pageError = during.page.lastError;
    if (healthyAt !== undefined) run.recoveryMs = healthyAt - clearedAt;
    return run;
  } finally {
    monitor.dispose();
    transport.close();
    await stopEnv(env);
  }
}

/** What the monitor saw, in a few words: `network_error ECONNREFUSED`, `page network ECONNREFUSED`, `stale`. */
export function describeOutcome(run: FaultRun): string {
  const parts: string[] = [];
  if (run.probe && run.probe.outcome !== 'ok') parts.push([run.probe.outcome, run.probe.networkCode ?? (run.probe.httpStatus ? `HTTP ${run.probe.httpStatus}` : '')].filter(Boolean).join(' '));
  if (run.pageError) parts.push(['page', run.pageError.kind, run.pageError.code ?? (run.pageError.httpStatus ? `HTTP ${run.pageError.httpStatus}` : '')].filter(Boolean).join(' '));
  if (run.duringStale) parts.push('stale');
  return parts.join(', ') || 'no error seen';
}

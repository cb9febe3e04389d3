// What the traffic tap costs a request, against the same request sent
// straight to the simulator in the same run: added latency (p50, p99; target
// p99 ≤ 1 ms), throughput under concurrency (ratio; target ≥ 0.95) and time to
// first byte of streams. Throughput is measured twice: against an instant
// simulator (CPU-bound: the tap's own work shows) and against one that answers
// 50 ms late, as the API does at best. The simulator and the tap each run as their own
// process, as a user runs them (`claude-health sim`, `claude-health tap`,
// the tap writing its records to a store of its own); this process is the app.
// Run: node --import tsx bench/tap-overhead.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '..');
const KEY = 'sk-ant-api03-bench-not-a-real-key-000000000000';
const HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
/** Requests rotate over this many keys, so the simulator's per-key rate limit (4000 a minute) never answers 429. */
const KEYS = 900;
let sent = 0;
const SEQUENTIAL = 2000;
const WARMUP = 300;
const CONCURRENCY = 32;
const THROUGHPUT_REQUESTS = 8000;
const THROUGHPUT_SLICES = 16;
/** The simulator answering this late stands in for the real API, where the upstream, not the CPU, bounds throughput. */
const API_LATENCY_MS = 50;

interface Child {
  process: ChildProcess;
  handshake: Record<string, string>;
}

async function startCli(args: string[], env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited ${code}`)));
  });
  return { process: child, handshake: JSON.parse(line) as Record<string, string> };
}

function stop(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}

interface Timing {
  totalMs: number;
  firstByteMs: number;
}

function request(agent: http.Agent, base: URL, body: string): Promise<Timing> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method: 'POST', path: '/v1/messages', headers: { ...HEADERS, 'x-api-key': `${KEY}-${sent++ % KEYS}`, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
      let firstByteMs = -1;
      res.on('data', () => {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        else resolve({ totalMs: performance.now() - started, firstByteMs });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

/** Direct and tapped requests alternate, one at a time, so drift in the machine's load hits both alike. */
async function sequential(direct: URL, tapped: URL, body: string): Promise<{ direct: Timing[]; tapped: Timing[] }> {
  const agents = [new http.Agent({ keepAlive: true, maxSockets: 1 }), new http.Agent({ keepAlive: true, maxSockets: 1 })] as const;
  const out = { direct: [] as Timing[], tapped: [] as Timing[] };
  for (let i = 0; i < WARMUP + SEQUENTIAL; i++) {
    const d = await request(agents[0], direct, body);
    const t = await request(agents[1], tapped, body);
    if (i >= WARMUP) {
      out.direct.push(d);
      out.tapped.push(t);
    }
  }
  for (const agent of agents) agent.destroy();
  return out;
}

/** Requests per second at CONCURRENCY in flight, for `count` requests. */
async function throughput(base: URL, body: string, count: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) await request(agent, base, body);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return count / seconds;
}

/** Short slices, direct and tapped in turn: a burst of load from elsewhere on the machine lands on both. */
async function alternatingThroughput(direct: URL, tapped: URL, body: string): Promise<{ direct: number[]; tapped: number[] }> {
  const rates = { direct: [] as number[], tapped: [] as number[] };
  for (let slice = 0; slice < THROUGHPUT_SLICES; slice++) {
    rates.direct.push(await throughput(direct, body, THROUGHPUT_REQUESTS / THROUGHPUT_SLICES));
    rates.tapped.push(await throughput(tapped, body, THROUGHPUT_REQUESTS / THROUGHPUT_SLICES));
  }
  return rates;
}

function reportThroughput(label: string, rates: { direct: number[]; tapped: number[] }): void {
  const ratios = rates.direct.map((rate, i) => (rates.tapped[i] ?? 0) / rate);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const median = percentile(ratios, 50);
  console.log(
    `throughput, ${label}, ${CONCURRENCY} concurrent, ${THROUGHPUT_REQUESTS} messages each way in ${THROUGHPUT_SLICES} alternating slices: direct ${mean(rates.direct).toFixed(0)}/s, tap ${mean(rates.tapped).toFixed(0)}/s, ratio ${median.toFixed(3)} (median of the slices, range ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}; target ≥ 0.95: ${median >= 0.95 ? 'met' : 'not met'})`,
  );
}

function report(label: string, direct: number[], tapped: number[], target?: number): void {
  const added50 = percentile(tapped, 50) - percentile(direct, 50);
  const added99 = percentile(tapped, 99) - percentile(direct, 99);
  console.log(`${label.padEnd(26)} direct p50 ${ms(percentile(direct, 50))} p99 ${ms(percentile(direct, 99))} | tap p50 ${ms(percentile(tapped, 50))} p99 ${ms(percentile(tapped, 99))} | added p50 ${ms(added50)} p99 ${ms(added99)}${target === undefined ? '' : ` (target p99 ≤ ${target} ms: ${added99 <= target ? 'met' : 'not met'})`}`);
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'claude-health-bench-tap-'));
  const env = { ...process.env, ANTHROPIC_API_KEY: KEY, CLAUDE_HEALTH_STATE_DIR: stateDir };
  const sim = await startCli(['sim', '--scenario', 'healthy'], env);
  const tap = await startCli(['tap', '--upstream', sim.handshake.apiBaseUrl!], env);
  const scenarioFile = path.join(stateDir, 'api-latency.json');
  writeFileSync(scenarioFile, JSON.stringify({ name: 'api-latency', phases: [{ name: 'steady', latencyMs: API_LATENCY_MS, statusPage: { indicator: 'none' } }] }));
  const slowSim = await startCli(['sim', '--scenario', scenarioFile], env);
  const slowTap = await startCli(['tap', '--upstream', slowSim.handshake.apiBaseUrl!], env);
  try {
    const direct = new URL(sim.handshake.apiBaseUrl!);
    const tapped = new URL(tap.handshake.url!);
    const message = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] });
    const stream = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'Hello' }] });
    console.log(`simulator and tap as separate processes; ${SEQUENTIAL} sequential requests each way (after ${WARMUP} to warm up), keep-alive`);
    const messages = await sequential(direct, tapped, message);
    report('messages, total latency', messages.direct.map((t) => t.totalMs), messages.tapped.map((t) => t.totalMs), 1);
    const streams = await sequential(direct, tapped, stream);
    report('streams, total latency', streams.direct.map((t) => t.totalMs), streams.tapped.map((t) => t.totalMs), 1);
    report('streams, first byte', streams.direct.map((t) => t.firstByteMs), streams.tapped.map((t) => t.firstByteMs));
    reportThroughput('no upstream latency (CPU-bound)', await alternatingThroughput(direct, tapped, message));
    const slowDirect = new URL(slowSim.handshake.apiBaseUrl!);
    const slowTapped = new URL(slowTap.handshake.url!);
    reportThroughput(`${API_LATENCY_MS} ms upstream latency (API-like)`, await alternatingThroughput(slowDirect, slowTapped, message));
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (the figures are only as steady as the machine)`);
  } finally {
    for (const child of [tap, sim, slowTap, slowSim]) await stop(child);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

void main();

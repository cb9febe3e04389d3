// The shipped rules and the metrics of `claude-health watch`, against a real
// Prometheus (Debian's package, installed by scripts/prometheus-tools.mjs) on
// 127.0.0.1: promtool accepts both, and during a simulated 529 storm the 529
// series rises and the 529-share alert fires, then resolves after the storm.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import type { Scenario } from '../../src/sim/scenario';
import { builtInScenarioNamed } from '../../src/sim/scenarios';

const root = path.resolve(__dirname, '../..');
const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const RULES = path.join(root, 'docs/prometheus/alerts.yml');
const CLI = path.join(root, 'dist/cli.js');
const KEY = 'sk-ant-api03-SENTINEL-prometheus-0123456789abcdefghijklmnopqrstuv';

/** The shipped rules with their windows and hold times shrunk so a storm fits in a test. */
function scaledRules(text: string): string {
  return text
    .replace(/\[5m\]/g, '[20s]')
    .replace(/\[1h\]/g, '[1m]')
    .replace(/for: \d+m/g, 'for: 3s');
}

/** The storm scenario, its phases shortened: calm 8 s, storm 25 s (90% 529s), then calm. */
function shortStorm(): Scenario {
  const builtIn = builtInScenarioNamed('storm');
  if (!builtIn) throw new Error('the built-in storm scenario is missing');
  const storm = structuredClone(builtIn);
  storm.name = 'short-storm';
  storm.phases[0]!.durationSeconds = 8;
  storm.phases[1]!.durationSeconds = 25;
  storm.phases[1]!.statusPageLagSeconds = 0;
  storm.phases[2]!.statusPageLagSeconds = 0;
  return storm;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
}

interface PromVector {
  metric: Record<string, string>;
  value: [number, string];
}

async function promQuery(base: string, query: string): Promise<PromVector[]> {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { status: string; data: { result: PromVector[] } };
  assert.equal(body.status, 'success', `query ${query}`);
  return body.data.result;
}

async function alertStates(base: string, name: string): Promise<string[]> {
  const res = await fetch(`${base}/api/v1/alerts`);
  const body = (await res.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
  return body.data.alerts.filter((a) => a.labels.alertname === name).map((a) => a.state);
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

describe('Prometheus: the shipped rules and a real scrape of watch', function () {
  this.timeout(240_000);
  let dir: string;
  let sim: RunningSimulator | undefined;
  let watch: ChildProcess | undefined;
  let prometheus: ChildProcess | undefined;
  const stderr: string[] = [];

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claude-health-prometheus-'));
  });
  after(async () => {
    await stop(prometheus);
    await stop(watch);
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('promtool accepts the shipped recording and alert rules', () => {
    const result = spawnSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout, /SUCCESS: \d+ rules found/);
    const scaled = path.join(dir, 'scaled.yml');
    writeFileSync(scaled, scaledRules(readFileSync(RULES, 'utf8')));
    assert.equal(spawnSync(PROMTOOL, ['check', 'rules', scaled]).status, 0, 'the shortened copy the storm test loads is valid too');
  });

  it('scrapes watch during a storm: the 529 series rises, the 529-share alert fires and resolves', async () => {
    sim = await startSimulator({ scenario: shortStorm() });
    watch = spawn(
      process.execPath,
      [CLI, 'watch', '--json', '--metrics-port', '0', '--api-base-url', sim.url, '--status-page-url', sim.statusPageUrl,
        '--probe-mode', 'message', '--probe-interval-seconds', '5', '--status-page-interval-seconds', '5'],
      { env: { PATH: process.env.PATH ?? '', ANTHROPIC_API_KEY: KEY }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    watch.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    const lines = createInterface({ input: watch.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      watch!.once('exit', (code) => reject(new Error(`watch exited ${code}: ${stderr.join('')}`)));
    });
    const { metricsUrl } = JSON.parse(first) as { metricsUrl: string };
    assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/, 'the first line is the metrics URL');

    const scrape = await (await fetch(metricsUrl)).text();
    const lint = spawnSync(PROMTOOL, ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
    assert.equal(lint.status, 0, `promtool check metrics: ${lint.stdout}${lint.stderr}`);
    assert.ok(!scrape.includes(KEY), 'no key in the scrape');

    const rules = path.join(dir, 'rules.yml');
    writeFileSync(rules, scaledRules(readFileSync(RULES, 'utf8')));
    const config = path.join(dir, 'prometheus.yml');
    const target = new URL(metricsUrl).host;
    writeFileSync(config, `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: ["${rules}"]\nscrape_configs:\n  - job_name: claude-health-watch\n    static_configs:\n      - targets: ["${target}"]\n`);
    const promPort = await freePort();
    const base = `http://127.0.0.1:${promPort}`;
    prometheus = spawn(PROMETHEUS, [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    prometheus.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));

    await waitFor('Prometheus to scrape watch', 60_000, async () => {
      const up = await promQuery(base, 'up{job="claude-health-watch"}');
      return up[0]?.value[1] === '1' ? true : undefined;
    });
    const overloaded = await waitFor('the 529 series to rise', 90_000, async () => {
      const result = await promQuery(base, 'sum(claude_health_requests_total{source="probe",kind="overloaded"})');
      const value = Number(result[0]?.value[1] ?? 0);
      return value > 0 ? value : undefined;
    });
    assert.ok(overloaded > 0);
    await waitFor('ClaudeApiOverloaded to fire', 90_000, async () => ((await alertStates(base, 'ClaudeApiOverloaded')).includes('firing') ? true : undefined));
    const health = await promQuery(base, 'claude_health_state == 1');
    assert.ok(health.length === 1, 'one health state at a time');
    await waitFor('ClaudeApiOverloaded to resolve after the storm', 120_000, async () =>
      (await alertStates(base, 'ClaudeApiOverloaded')).length === 0 ? true : undefined,
    );
    const recovered = await promQuery(base, 'claude_health_state{state="operational"}');
    assert.equal(recovered[0]?.value[1], '1', 'operational again');
  });
});

// Whole-run wall time of the connection diagnostics against the slowest single
// check (what a fully parallel run could not beat), on loopback counterparts
// with network-like latency: DNS servers that answer after 15 ms, a 20 ms
// round trip in front of an HTTPS gateway to the simulator, and API answers
// that take 200 ms. Target: at most 1.3x.
// Run: node --import tsx bench/diagnostics.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runDiagnostics } from '../src/core/diagnostics/runner';
import type { DiagnosticsInput, DiagnosticsReport } from '../src/core/diagnostics/types';
import { startSimulator } from '../src/sim/server';
import { testCertificates } from '../test/support/loopback/certificates';
import { lookupVia } from '../test/support/loopback/dns-lookup';
import { startDnsServer } from '../test/support/loopback/dns-server';
import { startLatencyRelay } from '../test/support/loopback/latency-relay';
import { startHttpsServer } from '../test/support/loopback/servers';

const KEY = 'sk-ant-api03-bench-not-a-real-key-000000000000';
const HOST = 'api.claude-health.test';
const RUNS = 7;
const TARGET = 1.3;
const API_LATENCY_MS = 200;
const ONE_WAY_MS = 10;
const DNS_DELAY_MS = 15;

function fixtureWorkspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'claude-health-bench-ws-'));
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  write('requirements.txt', 'anthropic==0.60.0\n');
  write('package.json', JSON.stringify({ dependencies: { '@anthropic-ai/sdk': '^1.12.0' } }));
  for (let i = 0; i < 40; i++) write(`src/module${i}.py`, `import anthropic\n\ndef f${i}(client):\n    return client.messages.create(model="m", max_tokens=1, messages=[])\n`);
  return root;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function slowest(report: DiagnosticsReport): { id: string; ms: number } {
  return report.checks.reduce((best, check) => (check.durationMs > best.ms ? { id: check.id, ms: check.durationMs } : best), { id: '', ms: 0 });
}

async function main(): Promise<void> {
  const certs = testCertificates();
  const sim = await startSimulator({
    requiredApiKey: KEY,
    scenario: { name: 'bench', description: 'slow answers', phases: [{ name: 'slow', latencyMs: API_LATENCY_MS, statusPage: { indicator: 'none' } }] },
  });
  const gateway = await startHttpsServer({ key: certs.valid.key, cert: certs.valid.cert, forwardTo: sim.url });
  const apiRelay = await startLatencyRelay(gateway.port, ONE_WAY_MS);
  const pageRelay = await startLatencyRelay(sim.port, ONE_WAY_MS);
  const records = { [HOST]: { a: ['127.0.0.1'] } };
  const [system, publicA, publicB] = await Promise.all([
    startDnsServer(records, { delayMs: DNS_DELAY_MS }),
    startDnsServer(records, { delayMs: DNS_DELAY_MS }),
    startDnsServer(records, { delayMs: DNS_DELAY_MS }),
  ]);
  const workspace = fixtureWorkspace();
  const base: DiagnosticsInput = {
    apiBaseUrlSetting: `https://${HOST}:${apiRelay.port}`,
    statusPageUrl: `http://127.0.0.1:${pageRelay.port}/api/v2/summary.json`,
    env: {},
    apiKey: KEY,
    ca: [certs.ca.cert],
    lookup: lookupVia(system.address),
    dnsServers: [publicA.address, publicB.address],
    workspaceFolder: workspace,
  };
  console.log(`loopback latency: DNS answers after ${DNS_DELAY_MS} ms, ${2 * ONE_WAY_MS} ms round trip to the API and status page, API answers after ${API_LATENCY_MS} ms; median of ${RUNS} runs`);
  let worst = 0;
  try {
    await runDiagnostics(base, { timeoutMs: 20_000 }); // warm-up: module loading and the first TLS context
    for (const [label, input] of [
      ['free checks', base],
      ['with the inference message', { ...base, inference: { enabled: true } }],
    ] as const) {
      const ratios: number[] = [];
      const walls: number[] = [];
      const slowestMs: number[] = [];
      let sample: DiagnosticsReport | undefined;
      for (let run = 0; run < RUNS; run++) {
        const report = await runDiagnostics(input, { timeoutMs: 20_000 });
        const failed = report.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
        if (failed.length) throw new Error(`the bench setup is not healthy: ${failed.map((c) => `${c.id}: ${c.detail}`).join('; ')}`);
        const top = slowest(report);
        ratios.push(report.durationMs / top.ms);
        walls.push(report.durationMs);
        slowestMs.push(top.ms);
        if (run === RUNS - 1) sample = report;
      }
      const ratio = median(ratios);
      worst = Math.max(worst, ratio);
      const top = slowest(sample!);
      console.log(`\n${label}: whole run ${median(walls)} ms, slowest single check ${median(slowestMs)} ms (${top.id}): ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x)`);
      console.log(`  last run, per check: ${sample!.checks.map((c) => `${c.id} ${c.durationMs}`).join(', ')}`);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    await Promise.all([sim.close(), gateway.close(), apiRelay.close(), pageRelay.close(), system.close(), publicA.close(), publicB.close()]);
  }
  console.log(`\n${worst <= TARGET ? 'OK' : 'ABOVE TARGET'}: worst median ratio ${worst.toFixed(2)}x`);
  if (worst > TARGET) process.exitCode = 1;
}

void main();

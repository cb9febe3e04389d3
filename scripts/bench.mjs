#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, each printing its own figures and its
// ratios against a baseline measured in the same run. Speed lives here, never in tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const benches = ['bench/activation.ts', 'bench/monitor.ts', 'bench/recovery.ts', 'bench/diagnostics.ts', 'bench/snippet-storm.ts', 'bench/snippet-capacity.ts', 'bench/metrics.ts', 'bench/real-traffic.ts', 'bench/history-paint.ts', 'bench/tap-overhead.ts'];
const only = process.argv.slice(2);
let failed = 0;
for (const bench of benches) {
  if (only.length && !only.some((name) => bench.includes(name))) continue;
  if (!existsSync(path.join(root, bench))) {
    console.error(`missing benchmark ${bench}`);
    failed++;
    continue;
  }
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

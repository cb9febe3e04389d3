#!/usr/bin/env node
// `npm test`: every layer, in order, each one loud. A layer that cannot run
// (a missing toolchain, a browser that will not start) fails; nothing is skipped.
// Prints one closing line "N passed, N failed" that adds up every test layer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const statsDir = mkdtempSync(path.join(tmpdir(), 'claude-health-stats-'));

/** A check is a command that passes or fails; a suite also reports test counts. */
const layers = [
  { name: 'typecheck', command: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'build', command: ['node', 'esbuild.js'] },
  { name: 'unit', suite: true, command: ['npm', 'run', '--silent', 'test:unit'] },
  { name: 'prometheus', suite: true, command: ['npm', 'run', '--silent', 'test:prometheus'] },
  { name: 'snippets', suite: true, command: ['npm', 'run', '--silent', 'test:snippets'] },
  { name: 'e2e', suite: true, command: ['npm', 'run', '--silent', 'test:e2e'] },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const lines = [];
const failures = [];
let anyLayerFailed = false;

for (const layer of layers) {
  if (only.length > 0 && !only.includes(layer.name)) continue;
  const statsFile = path.join(statsDir, `${layer.name}.json`);
  console.log(`\n=== ${layer.name}: ${layer.command.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(layer.command[0], layer.command.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CLAUDE_HEALTH_TEST_STATS: statsFile },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  let counts = '';
  if (layer.suite) {
    if (existsSync(statsFile)) {
      const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
      passed += stats.passes;
      failed += stats.failures;
      counts = ` ${stats.passes} passed, ${stats.failures} failed`;
      for (const failure of stats.failed ?? []) failures.push(`${layer.name}: ${failure.title}\n    ${failure.message}`);
      if (stats.tests === 0) {
        anyLayerFailed = true;
        counts += ' (ran no test: that is a failure)';
      }
    } else {
      failed += 1;
      counts = ' (the suite did not report: it could not run)';
    }
  }
  if (!ok) anyLayerFailed = true;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${layer.name.padEnd(10)} ${seconds.padStart(6)} s${counts}`);
}

rmSync(statsDir, { recursive: true, force: true });
console.log('\n=== layers');
for (const line of lines) console.log(line);
if (failures.length > 0) {
  console.log('\n=== failed tests');
  for (const failure of failures) console.log(failure);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(anyLayerFailed || failed > 0 ? 1 : 0);

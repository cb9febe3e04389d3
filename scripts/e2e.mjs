#!/usr/bin/env node
// The end-to-end layer: the packaged extension (.vsix) installed into a real
// VS Code (code-server) and driven in Chromium by Playwright, against the local
// simulator only.
//
//   node scripts/e2e.mjs [mocha options, e.g. --grep "Set API Key"]
//
// 1. makes sure the tools are there (scripts/e2e-tools.mjs),
// 2. builds and packages the extension (`npm run package` → dist/claude-health.vsix),
// 3. runs mocha with .mocharc.e2e.json over test/e2e/**/*.test.ts.
// Anything that cannot run is a failure with its reason, never a skip. Totals
// reach scripts/test-all.mjs through $CLAUDE_HEALTH_TEST_STATS (the reporter).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2eTools, packageExtension } from './e2e-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`\n[e2e] FAILED: ${message}`);
  process.exit(1);
}

function step(message) {
  console.log(`[e2e] ${message}`);
}

/**
 * Processes this run started, found by `marker` (this run's temp folder) in
 * their command line or environment: code-server names its folders on its
 * command line, and every process under it inherits HOME from inside the folder.
 */
function processesMentioning(marker) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (commandLine.includes(marker) || environment.includes(marker)) found.push(Number(entry));
    } catch {
      // Gone while we looked, or not ours to read.
    }
  }
  return found;
}

/** Ends the processes and their process groups (code-server leads one). */
function endProcesses(pids) {
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Not a group leader, or already gone.
      }
    }
  }
}

const started = Date.now();
try {
  ensureE2eTools();
} catch (error) {
  fail(`the end-to-end tools could not be installed: ${error.message}`);
}

step('building and packaging the extension (npm run package)');
let vsix;
try {
  vsix = packageExtension();
} catch (error) {
  fail(error.message);
}

// Every server a test starts keeps its folders under this one, so whatever a
// crashed test left behind can be found, and ended, by its command line.
// In the OS temp dir: code-server puts unix sockets in there, and their paths must stay short.
const runDir = mkdtempSync(path.join(tmpdir(), 'claude-health-e2e-'));

step(`running the end-to-end tests (${path.relative(root, vsix)})`);
const mocha = spawn('npx', ['mocha', '--config', '.mocharc.e2e.json', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CLAUDE_HEALTH_E2E_VSIX: vsix, CLAUDE_HEALTH_E2E_TMP: runDir },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // The test process ends its own servers on a signal; wait for it, then sweep.
  process.on(signal, () => mocha.kill(signal));
}
const status = await new Promise((resolve) => mocha.once('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0))));

const leftovers = processesMentioning(runDir);
endProcesses(leftovers);
rmSync(runDir, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (leftovers.length > 0) fail(`the tests left ${leftovers.length} process(es) running (pids ${leftovers.join(', ')}); ended them`);
if (status !== 0) fail(`the end-to-end tests failed (mocha exit ${status}) after ${seconds} s`);
step(`passed in ${seconds} s`);

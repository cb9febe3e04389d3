#!/usr/bin/env node
// `npm start`: the extension as a user gets it, in a real VS Code in your browser.
// Builds and packages the .vsix, makes sure the tools are there (code-server on
// Node 24; scripts/e2e-tools.mjs), installs the package into a fresh VS Code on
// 127.0.0.1 with a copy of the sample workspace open, and prints the address.
//
//   npm start                     live Claude endpoints; the key from ANTHROPIC_API_KEY,
//                                 or set it with "Claude Health: Set API Key"
//   npm start -- --sim [SCENARIO] the bundled simulator (healthy, overloaded, storm,
//                                 rate-limited, outage, maintenance, slow, flaky)
//   npm start -- --port 8080      a fixed port (default: any free one)
//   npm start -- --verbose        also print code-server's and the simulator's output
//
// Ctrl-C stops everything: VS Code and every process it started, the simulator,
// and the temporary folders.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { ensureE2eTools, packageExtension } from './e2e-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sampleWorkspace = path.join(root, 'test', 'fixtures', 'sample-workspace');
/** Not a key: the simulator accepts any key unless told otherwise; this one only has the right shape. */
const SIMULATOR_KEY = 'sk-ant-api03-local-simulator-not-a-real-key';

function usage(problem) {
  console.error(`npm start: ${problem}\nusage: npm start [-- --sim [SCENARIO]] [--port N] [--verbose]`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { sim: undefined, port: 0, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--sim') {
      const next = argv[i + 1];
      options.sim = next && !next.startsWith('--') ? argv[++i] : 'healthy';
    } else if (arg === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port needs a port number, not "${argv[i]}"`);
      options.port = port;
    } else if (arg === '--verbose') {
      options.verbose = true;
    } else {
      usage(`unknown argument "${arg}"`);
    }
  }
  return options;
}

function step(message) {
  console.log(`[start] ${message}`);
}

/** Starts `claude-health sim` and resolves with its handshake (the first stdout line). */
function startSimulator(scenario, verbose) {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'sim', '--scenario', scenario, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (verbose) process.stderr.write(`[sim] ${chunk}`);
  });
  const handshake = new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        try {
          resolve(JSON.parse(stdout.slice(0, newline)));
        } catch (error) {
          reject(new Error(`the simulator's first line is not JSON: ${stdout.slice(0, newline)} (${error.message})`));
        }
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before it was ready:\n${stderr}`)));
  });
  return { child, handshake };
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const options = parseArgs(process.argv.slice(2));
const tempRoot = mkdtempSync(path.join(tmpdir(), 'claude-health-start-'));
let server;
let simulator;
let stopping;

async function shutDown(reason, exitCode) {
  stopping ??= (async () => {
    step(`${reason}: stopping`);
    await server?.stop().catch((error) => console.error(`[start] stopping VS Code: ${error.message}`));
    if (simulator) await stopChild(simulator);
    rmSync(tempRoot, { recursive: true, force: true });
    process.exit(exitCode);
  })();
  return stopping;
}

// Installed before anything starts, so a Ctrl-C during the build or the install also cleans up.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutDown(signal, 0));

try {
  step('building and packaging the extension (npm run package)');
  const vsix = packageExtension();
  ensureE2eTools();

  const userSettings = {};
  const env = {};
  if (options.sim) {
    step(`starting the simulator (scenario ${options.sim})`);
    const started = startSimulator(options.sim, options.verbose);
    simulator = started.child;
    const { apiBaseUrl, statusPageUrl } = await started.handshake;
    step(`simulator: API ${apiBaseUrl}, status page ${statusPageUrl}`);
    Object.assign(userSettings, {
      'claudeHealth.apiBaseUrl': apiBaseUrl,
      'claudeHealth.statusPageUrl': statusPageUrl,
      // The simulator is free and local: probe the inference path, and often.
      'claudeHealth.probe.mode': 'message',
      'claudeHealth.probe.intervalSeconds': 10,
      'claudeHealth.statusPage.intervalSeconds': 10,
      'claudeHealth.notifications': 'all',
      // Keep the rehearsal on this machine: no comparison with public DNS resolvers.
      'claudeHealth.diagnostics.dnsServers': [],
    });
    // The sample scripts in the terminal reach the simulator too.
    Object.assign(env, { ANTHROPIC_API_KEY: SIMULATOR_KEY, ANTHROPIC_BASE_URL: apiBaseUrl });
  } else {
    // Live endpoints: pass on exactly the variables the user set for this, nothing else.
    for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
      if (process.env[name]) env[name] = process.env[name];
    }
    step(env.ANTHROPIC_API_KEY
      ? 'live Claude endpoints, with the key from ANTHROPIC_API_KEY'
      : 'live Claude endpoints; no ANTHROPIC_API_KEY: set a key with "Claude Health: Set API Key"');
  }

  const workspace = path.join(tempRoot, 'sample-workspace');
  cpSync(sampleWorkspace, workspace, { recursive: true });

  step('starting VS Code (code-server) with the packaged extension');
  // The launcher is TypeScript shared with the end-to-end tests (CommonJS, like
  // every .ts file here); tsx's require hook loads it.
  register();
  const { startCodeServer } = createRequire(import.meta.url)('../test/e2e/support/code-server.ts');
  server = await startCodeServer({
    vsix,
    workspaceFolder: workspace,
    userSettings,
    env,
    port: options.port,
    tempRoot,
    onOutput: options.verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  console.log(`\n  Claude Health in VS Code: ${server.url}\n`);
  console.log(`  Open it in a browser on this machine. Workspace: ${workspace}`);
  console.log('  Settings that decide where the key goes are machine settings: in this remote window, the "Remote" tab of Settings.');
  console.log('  Ctrl-C stops everything.\n');
  void server.exited.then(() => {
    if (!stopping) {
      console.error(`[start] VS Code exited on its own; its last output:\n${server.recentOutput()}`);
      void shutDown('code-server exited', 1);
    }
  });
  simulator?.once('exit', (code) => {
    if (!stopping) void shutDown(`the simulator exited (${code})`, 1);
  });
} catch (error) {
  console.error(`[start] FAILED: ${error.message}`);
  await shutDown('failed', 1);
}

// `claude-health tap` as a user runs it: a real child process in front of the
// simulator, writing to a state folder of its own.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readStore } from '../../../src/core/store/observation-store';
import { SimClient } from '../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';
import { messageBody, send, waitFor } from '../core/tap/support';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];

function firstLine(child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code} before its handshake: ${stderr()}`)));
  });
}

describe('claude-health tap', function () {
  // Child processes started through tsx: slow to start on a loaded machine.
  this.timeout(120_000);
  let sim: SimClient;
  let stateDir: string;
  beforeEach(async () => {
    sim = await SimClient.start();
    stateDir = mkdtempSync(path.join(tmpdir(), 'claude-health-tap-'));
  });
  afterEach(async () => {
    await sim.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('prints its handshake, passes requests through, logs each on stderr, stores each, and stops cleanly on SIGTERM', async () => {
    const env = { ...process.env, ANTHROPIC_BASE_URL: sim.url, ANTHROPIC_API_KEY: SENTINEL_KEY, CLAUDE_HEALTH_STATE_DIR: stateDir };
    const child = spawn(process.execPath, [...cli, 'tap', '--timeout-ms', '5000'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const handshake = JSON.parse(await firstLine(child, () => stderr));
    assert.deepEqual(Object.keys(handshake), ['url', 'upstream']);
    assert.match(handshake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(handshake.upstream, sim.url);
    await sim.script([{ kind: 'stream_overloaded' }]);
    const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': SENTINEL_KEY };
    const overloaded = await send(handshake.url, '/v1/messages', { method: 'POST', headers, body: messageBody('claude-haiku-4-5', { stream: true }) });
    assert.equal(overloaded.status, 200);
    const ok = await send(handshake.url, '/v1/models?limit=1', { headers });
    assert.equal(ok.status, 200);
    await waitFor(() => stderr.split('\n').filter((line) => / (GET|POST) \/v1\//.test(line)).length === 2, 'two log lines');
    assert.match(stderr, /POST \/v1\/messages claude-haiku-4-5 200 overloaded overloaded_error \(in stream\) \d+ms req_/);
    assert.match(stderr, /GET \/v1\/models 200 ok \d+ms req_/);
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(exitCode, 0);
    const stored = await readStore({ dir: stateDir, sinceMs: 0, clock: { now: () => Date.now() } });
    assert.deepEqual(
      stored.observations.map((o) => [o.source, o.kind, o.status, o.errorType, o.path, o.model]),
      [
        ['tap', 'overloaded', 200, 'overloaded_error', '/v1/messages', 'claude-haiku-4-5'],
        ['tap', 'ok', 200, undefined, '/v1/models', undefined],
      ],
    );
    // `signals` reads what `tap` wrote, given the same state folder (and no transcripts to add).
    const signals = spawnSync(process.execPath, [...cli, 'signals', '--json', '--since-minutes', '60'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CLAUDE_HEALTH_STATE_DIR: stateDir, CLAUDE_CONFIG_DIR: path.join(stateDir, 'no-claude-code') },
    });
    assert.equal(signals.status, 0, signals.stderr);
    const counts = JSON.parse(signals.stdout).counts;
    assert.equal(counts.tap.overloaded, 1);
    assert.equal(counts.tap.ok, 1);
    const files = readdirSync(path.join(stateDir, 'observations')).map((name) => readFileSync(path.join(stateDir, 'observations', name), 'utf8'));
    for (const [where, text] of [['stdout', stdout], ['stderr', stderr], ['store', files.join('\n')]]) assertNoSentinel(text!, where!);
  });

  it('writes out every record and log line it holds when stopped right after a burst', async () => {
    // Records and log lines are written in batches: SIGTERM straight after the last answer must lose none.
    const env = { ...process.env, ANTHROPIC_API_KEY: SENTINEL_KEY, CLAUDE_HEALTH_STATE_DIR: stateDir };
    const child = spawn(process.execPath, [...cli, 'tap', '--upstream', sim.url], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const handshake = JSON.parse(await firstLine(child, () => stderr));
    const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': SENTINEL_KEY };
    const count = 150;
    const answers = await Promise.all(Array.from({ length: count }, () => send(handshake.url, '/v1/messages', { method: 'POST', headers, body: messageBody() })));
    assert.ok(answers.every((answer) => answer.status === 200));
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(exitCode, 0);
    assert.equal(stderr.split('\n').filter((line) => / POST \/v1\/messages claude-haiku-4-5 200 ok /.test(line)).length, count, stderr.slice(-2000));
    const stored = await readStore({ dir: stateDir, sinceMs: 0, clock: { now: () => Date.now() } });
    assert.equal(stored.observations.filter((o) => o.source === 'tap' && o.kind === 'ok').length, count);
    assertNoSentinel(stderr, 'stderr');
  });

  it('warns when it listens beyond this machine', async () => {
    const child = spawn(process.execPath, [...cli, 'tap', '--host', '0.0.0.0', '--upstream', sim.url, '--state-dir', stateDir], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const handshake = JSON.parse(await firstLine(child, () => stderr));
    assert.match(handshake.url, /^http:\/\/0\.0\.0\.0:\d+$/);
    await waitFor(() => /warning: listening on 0\.0\.0\.0/.test(stderr), 'the warning');
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
    assert.equal(exitCode, 0);
  });

  const bad: [string, string[], RegExp][] = [
    ['a bad port', ['--port', 'eighty'], /^claude-health tap: --port must be a whole number/],
    ['a bad upstream', ['--upstream', 'ftp://example.com'], /^claude-health tap: --upstream must start with https:\/\/ or http:\/\//],
    ['plain http to another machine', ['--upstream', 'http://192.0.2.10:8080'], /plain http:\/\/ to another machine.*pass --allow-insecure-http/],
    ['a bad timeout', ['--timeout-ms', '5'], /^claude-health tap: --timeout-ms must be a whole number of milliseconds from 100/],
    ['an empty state folder', ['--state-dir', ''], /^claude-health tap: --state-dir needs a folder/],
  ];
  for (const [title, args, expected] of bad) {
    it(`refuses ${title} with exit code 2 and one line on stderr`, () => {
      const result = spawnSync(process.execPath, [...cli, 'tap', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CLAUDE_HEALTH_STATE_DIR: stateDir } });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.equal(result.stdout, '');
    });
  }
});

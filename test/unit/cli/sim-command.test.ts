// The `claude-health sim` command as a user runs it: a real child process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];

describe('claude-health sim', () => {
  it('prints its JSON handshake first, serves the scenario, logs to stderr, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...cli, 'sim', '--scenario', 'storm', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code} before its handshake: ${stderr}`)));
    });
    const handshake = JSON.parse(firstLine);
    assert.deepEqual(Object.keys(handshake), ['apiBaseUrl', 'statusPageUrl', 'scenario']);
    assert.match(handshake.apiBaseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(handshake.statusPageUrl, `${handshake.apiBaseUrl}/api/v2/summary.json`);
    assert.equal(handshake.scenario, 'storm');
    const state = (await (await fetch(`${handshake.apiBaseUrl}/_sim/state`)).json()) as { phase: string };
    assert.equal(state.phase, 'calm');
    await fetch(handshake.statusPageUrl);
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(exitCode, 0);
    assert.match(stderr, /GET \/api\/v2\/summary\.json 200 ok/);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown scenario', ['sim', '--scenario', 'nope'], /^claude-health sim: --scenario: unknown scenario "nope"; built-in scenarios: healthy/],
    ['a bad port', ['sim', '--port', 'eighty'], /^claude-health sim: --port must be a whole number/],
    ['an unknown flag', ['sim', '--colour', 'red'], /^claude-health sim: unknown flag --colour; sim takes --scenario, --port, --require-key/],
    ['an unknown command', ['fly'], /^claude-health: unknown command "fly"/],
  ];
  for (const [title, args, expected] of bad) {
    it(`rejects ${title} with exit code 2 and one line on stderr`, () => {
      const result = spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: 'utf8' });
      assert.equal(result.status, 2);
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    });
  }
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { SignalsJson } from '../../../src/cli/signals-command';
import { REQUEST_KINDS } from '../../../src/core/signals/request-kinds';
import { ObservationStoreWriter, observationsDir } from '../../../src/core/store/observation-store';
import { systemClock } from '../../../src/core/clock';
import { captureIo } from '../../support/capture-io';
import * as rows from '../core/transcripts/rows';

describe('claude-health signals', function () {
  this.timeout(30_000);
  let root: string;
  let stateDir: string;
  let configDir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ch-signals-'));
    stateDir = path.join(root, 'state');
    configDir = path.join(root, 'claude');
    env = { CLAUDE_HEALTH_STATE_DIR: stateDir, CLAUDE_CONFIG_DIR: configDir };
    const project = path.join(configDir, 'projects', '-home-dev-app');
    await mkdir(project, { recursive: true });
    const now = Date.now();
    await writeFile(
      path.join(project, 'session.jsonl'),
      [
        rows.userRow(now, `fix this ${rows.SECRET_TEXT} API Error: 529`),
        rows.errorRow({ at: now - 60_000, text: rows.OVERLOADED_JSON_TEXT }),
        rows.errorRow({ at: now - 30_000, text: rows.OVERLOADED_PLAIN_TEXT }),
        rows.errorRow({ at: now - 20_000, text: rows.ECONNRESET_TEXT }),
        rows.errorRow({ at: now - 10_000, text: rows.SESSION_LIMIT_TEXT, error: 'rate_limit' }),
        rows.errorRow({ at: now - 3 * 3_600_000, text: rows.OVERLOADED_JSON_TEXT }),
        '',
      ].join('\n'),
    );
    // What the tap and a window's probes would have written.
    const tap = new ObservationStoreWriter({ dir: stateDir, writerName: 'tap-1', clock: systemClock });
    tap.append([
      { at: now - 5000, source: 'tap', kind: 'ok', status: 200, path: '/v1/messages', latencyMs: 300 },
      { at: now - 4000, source: 'tap', kind: 'overloaded', status: 529, errorType: 'overloaded_error', path: '/v1/messages' },
      { at: now - 2 * 3_600_000, source: 'tap', kind: 'overloaded', status: 529 },
    ]);
    await tap.close();
    const window = new ObservationStoreWriter({ dir: stateDir, writerName: 'window-1', clock: systemClock });
    window.append([
      { at: now - 5000, source: 'probe', kind: 'ok', status: 200, latencyMs: 100 },
      // A window's copy of a transcript row: signals reads the transcripts themselves, so this is not counted again.
      { at: now - 60_000, source: 'claude-code', kind: 'overloaded', status: 529 },
    ]);
    await window.close();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('prints the documented JSON: every source and every kind, counted over the window', async () => {
    const io = captureIo(env);
    assert.equal(await main(['signals', '--json'], io), 0);
    const json = JSON.parse(io.out) as SignalsJson;
    assert.deepEqual(Object.keys(json), ['sinceMinutes', 'counts']);
    assert.equal(json.sinceMinutes, 15);
    assert.deepEqual(Object.keys(json.counts), ['claude-code', 'tap', 'probe']);
    assert.deepEqual(Object.keys(json.counts['claude-code']), REQUEST_KINDS.filter((kind) => kind !== 'ok'));
    assert.deepEqual(Object.keys(json.counts.tap), [...REQUEST_KINDS]);
    assert.deepEqual(json.counts['claude-code'], { overloaded: 2, rate_limited: 0, server_error: 0, network: 1, auth: 0, plan_limit: 1, other: 0 });
    assert.equal(json.counts.tap.ok, 1);
    assert.equal(json.counts.tap.overloaded, 1);
    assert.equal(json.counts.probe.ok, 1);
  });

  it('widens the window with --since-minutes and reads another store with --state-dir', async () => {
    const io = captureIo({ CLAUDE_CONFIG_DIR: configDir });
    assert.equal(await main(['signals', '--json', '--since-minutes', '240', '--state-dir', stateDir], io), 0);
    const json = JSON.parse(io.out) as SignalsJson;
    assert.equal(json.sinceMinutes, 240);
    assert.equal(json.counts['claude-code'].overloaded, 3);
    assert.equal(json.counts.tap.overloaded, 2);
  });

  it('prints a table for people, the plan limit on its own line, and no transcript text', async () => {
    const io = captureIo(env);
    assert.equal(await main(['signals'], io), 0);
    assert.match(io.out, /claude-code\s+-\s+2\s+0\s+0\s+1\s+0\s+1\s+0/);
    assert.match(io.out, /plan's limit \(a subscription limit, not an API 429\); it resets at/);
    assert.ok(!io.out.includes('SENTINEL'));
  });

  it('reads an empty home and store as all zeros', async () => {
    const io = captureIo({ CLAUDE_HEALTH_STATE_DIR: path.join(root, 'none'), CLAUDE_CONFIG_DIR: path.join(root, 'none') });
    assert.equal(await main(['signals', '--json'], io), 0);
    const json = JSON.parse(io.out) as SignalsJson;
    assert.ok(Object.values(json.counts).every((counts) => Object.values(counts).every((n) => n === 0)));
  });

  it('refuses a bad --since-minutes with a one-line reason and exit 2', async () => {
    for (const bad of ['0', '1441', 'ten', '-5']) {
      const io = captureIo(env);
      assert.equal(await main(['signals', `--since-minutes=${bad}`], io), 2, bad);
      assert.match(io.err, /^claude-health signals: --since-minutes must be a whole number of minutes from 1 to 1440/);
    }
    const io = captureIo(env);
    assert.equal(await main(['signals', '--state-dir', ''], io), 2);
  });

  it('counts corrupt store lines apart and still prints the rest', async () => {
    await writeFile(path.join(observationsDir(stateDir), 'junk.jsonl'), 'garbage\n{"at":1}\n');
    const io = captureIo(env);
    assert.equal(await main(['signals'], io), 0);
    assert.match(io.out, /2 unreadable lines skipped/);
  });
});

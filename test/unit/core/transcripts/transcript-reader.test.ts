import assert from 'node:assert/strict';
import { appendFile, chmod, mkdir, mkdtemp, open, rename, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { claudeConfigDirs } from '../../../../src/core/transcripts/config-dirs';
import { TranscriptReader } from '../../../../src/core/transcripts/transcript-reader';
import { ManualClock } from '../../../support/manual-clock';
import * as rows from './rows';

const MINUTE = 60_000;

describe('transcript reader', () => {
  let config: string;
  let project: string;
  let clock: ManualClock;
  let logs: string[];

  function reader(extra: Partial<ConstructorParameters<typeof TranscriptReader>[0]> = {}): TranscriptReader {
    return new TranscriptReader({ configDirs: [config], clock, windowMs: 15 * MINUTE, log: (line) => logs.push(line), ...extra });
  }

  beforeEach(async () => {
    config = await mkdtemp(path.join(tmpdir(), 'ch-claude-'));
    project = path.join(config, 'projects', '-home-dev-app');
    await mkdir(project, { recursive: true });
    // Real files have real mtimes: the clock runs on the wall clock here.
    clock = new ManualClock(Date.now());
    logs = [];
  });
  afterEach(async () => {
    await rm(config, { recursive: true, force: true });
  });

  it('finds the config folders from CLAUDE_CONFIG_DIR (a list), else ~/.claude and ~/.config/claude; the setting wins', () => {
    assert.deepEqual(claudeConfigDirs({}, '/home/u'), ['/home/u/.claude', '/home/u/.config/claude']);
    assert.deepEqual(claudeConfigDirs({ CLAUDE_CONFIG_DIR: '/a, /b ,,/a' }, '/home/u'), ['/a', '/b']);
    assert.deepEqual(claudeConfigDirs({ CLAUDE_CONFIG_DIR: '/a' }, '/home/u', ['~/work-claude']), ['/home/u/work-claude']);
  });

  it('counts only flagged error rows of sessions and subagents, reads only what is new, and waits for a line to end', async () => {
    const session = path.join(project, 'session-1.jsonl');
    const now = clock.now();
    await writeFile(session, [rows.userRow(now, `please fix ${rows.SECRET_TEXT} API Error: 529`), rows.assistantRow(now, 'API Error: 529 in a code sample'), rows.errorRow({ at: now - MINUTE, text: rows.OVERLOADED_JSON_TEXT }), ''].join('\n'));
    const subagents = path.join(project, 'session-1', 'subagents');
    await mkdir(subagents, { recursive: true });
    await writeFile(path.join(subagents, 'agent-1.jsonl'), `${rows.errorRow({ at: now, text: rows.ECONNRESET_TEXT })}\n`);
    const r = reader();
    let pass = await r.pass();
    // The subagent folder is found by the first pass and read by the next.
    pass = { ...pass, errors: [...pass.errors, ...(await r.pass()).errors] };
    assert.deepEqual(pass.errors.map((e) => e.kind).sort(), ['network', 'overloaded']);
    assert.equal((await r.pass()).errors.length, 0, 'nothing new, nothing counted again');

    const line = rows.errorRow({ at: clock.now(), text: rows.RATE_LIMIT_TEXT });
    await appendFile(session, line.slice(0, 40));
    assert.equal((await r.pass()).errors.length, 0, 'half a line waits');
    await appendFile(session, `${line.slice(40)}\n`);
    assert.deepEqual((await r.pass()).errors.map((e) => e.kind), ['rate_limited']);
  });

  it('leaves rows and files outside the window alone', async () => {
    const now = clock.now();
    await writeFile(path.join(project, 'old-rows.jsonl'), `${rows.errorRow({ at: now - 60 * MINUTE, text: rows.OVERLOADED_JSON_TEXT })}\n${rows.errorRow({ at: now, text: rows.OVERLOADED_JSON_TEXT })}\n`);
    const stale = path.join(project, 'stale.jsonl');
    await writeFile(stale, `${rows.errorRow({ at: now, text: rows.OVERLOADED_JSON_TEXT })}\n`);
    await utimes(stale, new Date(now - 120 * MINUTE), new Date(now - 120 * MINUTE));
    const pass = await reader().pass();
    assert.equal(pass.errors.length, 1);
  });

  it('notices truncation and replacement, and reads the new content from its start', async () => {
    const file = path.join(project, 's.jsonl');
    await writeFile(file, `${rows.errorRow({ at: clock.now(), text: rows.OVERLOADED_JSON_TEXT })}\n${rows.errorRow({ at: clock.now(), text: rows.OVERLOADED_JSON_TEXT })}\n`);
    const r = reader();
    assert.equal((await r.pass()).errors.length, 2);
    await truncate(file, 0);
    await writeFile(file, `${rows.errorRow({ at: clock.now(), text: rows.AUTH_TEXT })}\n`);
    assert.deepEqual((await r.pass()).errors.map((e) => e.kind), ['auth']);
    const replacement = path.join(project, 'replacement.tmp');
    await writeFile(replacement, `${rows.errorRow({ at: clock.now(), text: rows.SERVER_ERROR_TEXT })}\n${'x'.repeat(500)}\n`);
    await rename(replacement, file);
    assert.deepEqual((await r.pass()).errors.map((e) => e.kind), ['server_error']);
  });

  it('reads a 50 MB file in bounded slices, skipping huge lines and binary garbage', async () => {
    const file = path.join(project, 'big.jsonl');
    const handle = await open(file, 'w');
    const bigLine = `${rows.assistantRow(clock.now(), 'y'.repeat(5 * 1024 * 1024))}\n`;
    for (let i = 0; i < 9; i++) await handle.write(bigLine);
    const garbage = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    await handle.write(garbage);
    await handle.write(`\n${rows.errorRow({ at: clock.now(), text: rows.OVERLOADED_PLAIN_TEXT })}\n`);
    await handle.close();
    const r = reader({ maxBytesPerPass: 4 * 1024 * 1024 });
    const pass = await r.pass();
    assert.ok(pass.bytes <= 4 * 1024 * 1024, `${pass.bytes} bytes in one pass`);
    assert.deepEqual(pass.errors.map((e) => e.kind), ['overloaded'], 'a file seen first is read from near its end');
    // Now the file grows by another 50 MB: read in slices over several passes.
    await appendFile(file, bigLine.repeat(9));
    await appendFile(file, `${rows.errorRow({ at: clock.now(), text: rows.RATE_LIMIT_TEXT })}\n`);
    const found: string[] = [];
    for (let i = 0; i < 30 && found.length === 0; i++) {
      const next = await r.pass();
      assert.ok(next.bytes <= 4 * 1024 * 1024);
      found.push(...next.errors.map((e) => e.kind));
    }
    assert.deepEqual(found, ['rate_limited']);
  });

  it('logs a file it may not read, once, without its content, and goes on with the others', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything: no permission to deny
    const locked = path.join(project, 'locked.jsonl');
    await writeFile(locked, `${rows.errorRow({ at: clock.now(), text: rows.SECRET_TEXT })}\n`);
    await chmod(locked, 0o000);
    await writeFile(path.join(project, 'open.jsonl'), `${rows.errorRow({ at: clock.now(), text: rows.OVERLOADED_JSON_TEXT })}\n`);
    const r = reader();
    assert.equal((await r.pass()).errors.length, 1);
    await r.pass();
    assert.equal(logs.filter((line) => line.includes('locked.jsonl')).length, 1);
    assert.ok(!logs.join('\n').includes('SENTINEL'));
  });

  it('costs a bounded number of calls per pass in a home with 10,000 transcripts, and still sees a new error', async function () {
    this.timeout(180_000);
    for (let p = 0; p < 100; p++) {
      const dir = path.join(config, 'projects', `p${p}`);
      await mkdir(dir, { recursive: true });
      const old = new Date(clock.now() - 24 * 60 * MINUTE);
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const file = path.join(dir, `s${i}.jsonl`);
          await writeFile(file, `${rows.assistantRow(clock.now(), 'ok')}\n`);
          // Most of a home is old sessions; one in a hundred was touched within the window.
          if (i !== 0) await utimes(file, old, old);
        }),
      );
    }
    const r = reader({ maxCallsPerPass: 400 });
    let passes = 0;
    for (let behind = true; behind && passes < 200; passes++) {
      const pass = await r.pass();
      assert.ok(pass.calls <= 400, `${pass.calls} calls`);
      behind = pass.behind;
    }
    assert.ok(passes < 200, 'the first scan ends');
    assert.equal(r.knownFiles, 10_000);
    const target = path.join(config, 'projects', 'p42', 'fresh.jsonl');
    await writeFile(target, `${rows.errorRow({ at: clock.now(), text: rows.OVERLOADED_JSON_TEXT })}\n`);
    let seen = 0;
    for (let i = 0; i < 5 && seen === 0; i++) seen += (await r.pass()).errors.length;
    assert.equal(seen, 1, 'a new session file shows within a few passes');
  });
});

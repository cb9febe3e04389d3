import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ObservationStoreWriter,
  decodeObservation,
  observationsDir,
  readStore,
  resolveStateDir,
  sanitizeObservation,
  type StoredObservation,
} from '../../../../src/core/store/observation-store';
import { ManualClock } from '../../../support/manual-clock';
import { SENTINEL_KEY, assertNoSentinel } from '../support/sentinel';

const HOUR = 3_600_000;

async function allText(dir: string): Promise<string> {
  const folder = observationsDir(dir);
  const names = await readdir(folder);
  const texts = await Promise.all(names.map((name) => readFile(path.join(folder, name), 'utf8')));
  return texts.join('');
}

describe('observation store', () => {
  let dir: string;
  let clock: ManualClock;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ch-store-'));
    clock = new ManualClock();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves the state folder from the variable, else the per-user folder of each OS', () => {
    assert.equal(resolveStateDir({ CLAUDE_HEALTH_STATE_DIR: '/tmp/x' }, 'linux', '/home/u'), '/tmp/x');
    assert.equal(resolveStateDir({}, 'linux', '/home/u'), '/home/u/.local/state/claude-health');
    assert.equal(resolveStateDir({ XDG_STATE_HOME: '/s' }, 'linux', '/home/u'), '/s/claude-health');
    assert.equal(resolveStateDir({ XDG_STATE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.local/state/claude-health');
    assert.equal(resolveStateDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/claude-health');
    assert.equal(resolveStateDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\claude-health');
    assert.equal(resolveStateDir({ CLAUDE_HEALTH_STATE_DIR: '  ' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\claude-health');
  });

  it('merges several writers, oldest first, and reads only the window', async () => {
    const a = new ObservationStoreWriter({ dir, writerName: 'window-1', clock });
    const b = new ObservationStoreWriter({ dir, writerName: 'tap-2', clock });
    const t = clock.now();
    a.append([{ at: t - 2 * HOUR, source: 'probe', kind: 'ok', latencyMs: 120 }]);
    b.append([{ at: t - 1000, source: 'tap', kind: 'overloaded', status: 529, errorType: 'overloaded_error', path: '/v1/messages', requestId: 'req_011abc' }]);
    a.append([{ at: t - 500, source: 'claude-code', kind: 'plan_limit', resetsAt: t + HOUR }]);
    await Promise.all([a.close(), b.close()]);
    const all = await readStore({ dir, sinceMs: t - 3 * HOUR, clock });
    assert.deepEqual(all.observations.map((o) => o.source), ['probe', 'tap', 'claude-code']);
    assert.equal(all.corruptLines, 0);
    const recent = await readStore({ dir, sinceMs: t - HOUR, clock });
    assert.deepEqual(recent.observations.map((o) => o.kind), ['overloaded', 'plan_limit']);
    assert.deepEqual(recent.observations[0], { at: t - 1000, source: 'tap', kind: 'overloaded', status: 529, errorType: 'overloaded_error', path: '/v1/messages', requestId: 'req_011abc' });
  });

  it('reads a missing store as empty', async () => {
    const result = await readStore({ dir: path.join(dir, 'nothing-here'), sinceMs: 0, clock });
    assert.deepEqual(result, { observations: [], corruptLines: 0 });
  });

  it('skips and counts corrupt lines, and leaves a line still being written alone', async () => {
    const writer = new ObservationStoreWriter({ dir, writerName: 'w', clock });
    writer.append([{ at: clock.now(), source: 'probe', kind: 'ok' }]);
    await writer.close();
    const file = path.join(observationsDir(dir), 'w.jsonl');
    const junk = ['not json', '{"at":"yesterday","source":"probe","kind":"ok"}', '{"at":1,"source":"moon","kind":"ok"}', '[1,2]', `{${'"a":1,'.repeat(1000)}"b":2}`, '\u0000\u0001\u00ff binary'];
    await appendFile(file, `${junk.join('\n')}\n{"at":${clock.now()},"source":"probe","kind":"overloaded"}\n{"at":${clock.now()},"sou`);
    const result = await readStore({ dir, sinceMs: 0, clock });
    assert.equal(result.corruptLines, junk.length);
    assert.deepEqual(result.observations.map((o) => o.kind), ['ok', 'overloaded']);
  });

  it('never stores a key, a query or free text, whatever the caller hands it', async () => {
    const writer = new ObservationStoreWriter({ dir, writerName: 'w', clock });
    const hostile = {
      at: clock.now(),
      source: 'tap',
      kind: 'auth',
      status: 401,
      errorType: SENTINEL_KEY,
      requestId: SENTINEL_KEY,
      model: SENTINEL_KEY,
      path: `/v1/messages?key=${SENTINEL_KEY}`,
      message: `prompt text ${SENTINEL_KEY}`,
      headers: { 'x-api-key': SENTINEL_KEY },
    } as unknown as StoredObservation;
    writer.append([hostile]);
    await writer.close();
    const text = await allText(dir);
    assertNoSentinel(text, 'the store');
    assert.deepEqual(JSON.parse(text), { at: clock.now(), source: 'tap', kind: 'auth', status: 401 });
  });

  it('refuses observations without a valid time, source or kind, and counts them', async () => {
    const writer = new ObservationStoreWriter({ dir, writerName: 'w', clock });
    writer.append([{ at: Number.NaN, source: 'probe', kind: 'ok' }, { at: 1, source: 'nope', kind: 'ok' } as unknown as StoredObservation, { at: 1, source: 'probe', kind: 'fine' } as unknown as StoredObservation]);
    await writer.close();
    assert.equal(writer.dropped, 3);
    assert.equal(sanitizeObservation(null), undefined);
    assert.equal(decodeObservation('{"at":1,"source":"probe","kind":"ok","status":99999}')?.status, undefined);
  });

  it('stays within its size cap by rotating into one previous segment', async () => {
    const maxBytes = 8192;
    const writer = new ObservationStoreWriter({ dir, writerName: 'w', clock, maxBytes });
    for (let i = 0; i < 400; i++) {
      writer.append([{ at: clock.now(), source: 'probe', kind: 'ok', latencyMs: i, requestId: `req_${i}` }]);
      if (i % 50 === 0) await writer.flush();
    }
    await writer.close();
    const folder = observationsDir(dir);
    const sizes = await Promise.all((await readdir(folder)).map(async (name) => (await stat(path.join(folder, name))).size));
    assert.ok(sizes.length <= 2, `${sizes.length} files`);
    assert.ok(sizes.reduce((a, b) => a + b, 0) <= maxBytes + 8192, `total ${String(sizes)}`);
    const result = await readStore({ dir, sinceMs: 0, clock });
    assert.equal(Math.max(...result.observations.map((o) => o.latencyMs ?? 0)), 399, 'the newest survive');
  });

  it('rotates by age, so what stays spans at most the retention', async () => {
    const writer = new ObservationStoreWriter({ dir, writerName: 'w', clock, retentionMs: 4 * HOUR });
    for (let hour = 0; hour < 10; hour++) {
      writer.append([{ at: clock.now(), source: 'probe', kind: 'ok' }]);
      await writer.flush();
      clock.advance(HOUR);
    }
    await writer.close();
    const { observations } = await readStore({ dir, sinceMs: 0, clock });
    assert.ok(clock.now() - (observations[0]?.at ?? 0) <= 5 * HOUR, 'older segments were dropped');
  });

  it('sweeps the files of writers gone for longer than the retention', async () => {
    const folder = observationsDir(dir);
    await mkdir(folder, { recursive: true });
    const old = path.join(folder, 'window-gone.jsonl');
    await writeFile(old, '{"at":1,"source":"probe","kind":"ok"}\n');
    const { utimes } = await import('node:fs/promises');
    const longAgo = new Date(clock.now() - 48 * HOUR);
    await utimes(old, longAgo, longAgo);
    const writer = new ObservationStoreWriter({ dir, writerName: 'w', clock });
    writer.append([{ at: clock.now(), source: 'probe', kind: 'ok' }]);
    await writer.close();
    assert.deepEqual(await readdir(folder), ['w.jsonl']);
  });

  it('keeps observations while the disk refuses, and writes them once it accepts', async () => {
    const blocked = path.join(dir, 'blocked');
    await writeFile(blocked, 'a file where the folder should be');
    const lines: string[] = [];
    const writer = new ObservationStoreWriter({ dir: blocked, writerName: 'w', clock, log: (line) => lines.push(line) });
    writer.append([{ at: clock.now(), source: 'probe', kind: 'ok' }]);
    await writer.flush();
    assert.equal(lines.length, 1);
    await rm(blocked);
    writer.append([{ at: clock.now(), source: 'probe', kind: 'overloaded' }]);
    await writer.close();
    const { observations } = await readStore({ dir: blocked, sinceMs: 0, clock });
    assert.deepEqual(observations.map((o) => o.kind), ['ok', 'overloaded']);
  });
});

import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileTail } from '../../../../src/core/files/file-tail';

describe('file tail', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ch-tail-'));
    file = path.join(dir, 'rows.jsonl');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads appended lines once, and waits for a line to end', async () => {
    await writeFile(file, 'one\ntw');
    const tail = new FileTail(file, { maxLineBytes: 1024 });
    assert.deepEqual((await tail.read(1 << 20)).lines, ['one']);
    await appendFile(file, 'o\nthree\n');
    assert.deepEqual((await tail.read(1 << 20)).lines, ['two', 'three']);
    const quiet = await tail.read(1 << 20);
    assert.deepEqual(quiet.lines, []);
    assert.equal(quiet.reset, false);
  });

  it('notices a file truncated and regrown past the old offset between two looks (same inode)', async () => {
    await writeFile(file, 'first-a\nfirst-b\n');
    const tail = new FileTail(file, { maxLineBytes: 1024 });
    assert.deepEqual((await tail.read(1 << 20)).lines, ['first-a', 'first-b']);
    await truncate(file, 0);
    await appendFile(file, 'second-a, a longer line\nsecond-b\n');
    const read = await tail.read(1 << 20);
    assert.equal(read.reset, true);
    assert.deepEqual(read.lines, ['second-a, a longer line', 'second-b']);
  });

  it('keeps reading after an initial tail cut a line, and after a read that ended mid-line', async () => {
    await writeFile(file, `${'x'.repeat(100)}\nkept\n`);
    const tail = new FileTail(file, { maxLineBytes: 1024, initialTailBytes: 20 });
    assert.deepEqual((await tail.read(1 << 20)).lines, ['kept']);
    await appendFile(file, 'later-line\n');
    const small = await tail.read(4);
    assert.equal(small.more, true);
    assert.equal(small.reset, false);
    const rest = await tail.read(1 << 20);
    assert.equal(rest.reset, false, 'a partial read is not a rewrite');
    assert.deepEqual(rest.lines, ['later-line']);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { leaseTiming, ProberLease, readLease } from '../../../../src/core/store/prober-lease';
import { ManualClock } from '../../../support/manual-clock';

describe('prober lease', () => {
  let dir: string;
  let clock: ManualClock;
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 50));
  const lease = (holder: string) => new ProberLease({ dir, holder, clock, staleAfterMs: 3000, settle });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ch-lease-'));
    clock = new ManualClock();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a free lease to exactly one of several windows taking it at once', async () => {
    const leases = ['w1', 'w2', 'w3', 'w4'].map(lease);
    const held = await Promise.all(leases.map((l) => l.tick()));
    assert.equal(held.filter(Boolean).length, 1, String(held));
    const again = await Promise.all(leases.map((l) => l.tick()));
    assert.deepEqual(again, held, 'the holder keeps it while it beats');
  });

  it('is taken over when the heartbeat is stale (or from the future), not while it is fresh', async () => {
    const a = lease('a');
    const b = lease('b');
    assert.equal(await a.tick(), true);
    clock.advance(2000);
    assert.equal(await b.tick(), false);
    clock.advance(2000);
    assert.equal(await b.tick(), true, 'a stopped beating 4 s ago');
    assert.equal(await a.tick(), false, 'a wakes up and steps down');
    await writeFile(path.join(dir, 'prober.lease'), JSON.stringify({ holder: 'clock-ahead', heartbeatAt: clock.now() + 3_600_000 }));
    assert.equal(await a.tick(), true, 'a heartbeat an hour ahead is no heartbeat');
  });

  it('treats a torn or hostile lease file as free, and hands the lease back on release', async () => {
    for (const junk of ['', '{', '{"holder":"../../etc","heartbeatAt":1}', `{"holder":"x","heartbeatAt":"soon"}`, 'x'.repeat(5000)]) {
      await writeFile(path.join(dir, 'prober.lease'), junk);
      const l = lease('w');
      assert.equal(await l.tick(), true, junk.slice(0, 30));
      await l.release();
      assert.equal(await readLease(dir), undefined);
    }
  });

  it('beats three times per interval, at most 10 s apart', () => {
    assert.deepEqual(leaseTiming(5), { heartbeatMs: 1250, staleAfterMs: 3750 });
    assert.deepEqual(leaseTiming(60), { heartbeatMs: 10_000, staleAfterMs: 30_000 });
  });
});

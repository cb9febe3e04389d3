// Checks one shared limiter case (limiter-cases.ts) against a language's driver: what each
// caller saw, the limit after each phase, and what the simulator saw.
import assert from 'node:assert/strict';
import { type SimClient, type RecordedRequest } from '../../support/sim-client';
import { type LimiterCase } from './limiter-cases';
import { type WrapperDriver, type WrapperLanguage } from './wrapper-driver';

async function messageRequests(sim: SimClient): Promise<RecordedRequest[]> {
  return (await sim.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/messages').sort((a, b) => a.atMs - b.atMs);
}

export async function runLimiterCase(lang: WrapperLanguage, sim: SimClient, driver: WrapperDriver, limiterCase: LimiterCase): Promise<void> {
  await sim.reset();
  if (limiterCase.faults) await sim.script(limiterCase.faults);
  if (limiterCase.capacity) await sim.capacity(limiterCase.capacity);
  const report = await driver.limiter(`${lang.language}/concurrency/${limiterCase.id}`, limiterCase.run);
  const seen = await messageRequests(sim);
  const detail = (value: unknown) => JSON.stringify(value);
  assert.equal(report.phases.length, limiterCase.phases.length, detail(report));
  limiterCase.phases.forEach((expect, p) => {
    const phase = report.phases[p]!;
    assert.equal(phase.callers.length, limiterCase.run.phases[p]!.callers, `phase ${p}: callers`);
    phase.callers.forEach((caller, i) => {
      const outcome = typeof expect.callers === 'string' ? expect.callers : expect.callers[i];
      assert.equal(caller.outcome, outcome, `phase ${p} caller ${i}: ${detail(caller)}`);
      if (caller.error) assert.ok(!caller.error.message.includes(lang.sentinelKey), 'the error message shows the API key');
    });
    if (expect.limitAfter?.min !== undefined) assert.ok(phase.limitAfter >= expect.limitAfter.min, `phase ${p}: limit ${phase.limitAfter}`);
    if (expect.limitAfter?.max !== undefined) assert.ok(phase.limitAfter <= expect.limitAfter.max, `phase ${p}: limit ${phase.limitAfter}`);
    if (expect.endInStartOrder) {
      const ends = phase.callers.map((c) => c.endedAtMs);
      assert.deepEqual([...ends].sort((a, b) => a - b), ends, `callers ended out of their arrival order: ${detail(ends)}`);
    }
    for (const index of expect.gaveUp?.callers ?? []) {
      const caller = phase.callers[index]!;
      const { says, reasonCode, elapsedMs } = expect.gaveUp!;
      for (const pattern of says) assert.match(caller.error?.message ?? '', pattern);
      if (lang.capabilities.reasonIsCode && reasonCode !== undefined) assert.equal(caller.error?.reason, reasonCode);
      assert.ok(caller.elapsedMs >= elapsedMs.min && caller.elapsedMs < elapsedMs.max, `caller ${index} gave up after ${caller.elapsedMs} ms`);
    }
    if (expect.elapsedMaxMs !== undefined) {
      const slowest = Math.max(...phase.callers.map((c) => c.elapsedMs));
      assert.ok(slowest < expect.elapsedMaxMs, `phase ${p}: a caller took ${slowest} ms: ${detail(phase.callers.map((c) => c.retries))}`);
    }
    for (const index of expect.cancelled?.callers ?? []) {
      const caller = phase.callers[index]!;
      assert.ok(caller.elapsedMs < expect.cancelled!.elapsedMaxMs, `cancelled caller ${index} returned after ${caller.elapsedMs} ms`);
    }
  });
  if (limiterCase.requests !== undefined) assert.equal(seen.length, limiterCase.requests, `requests: ${detail(seen.map((r) => r.status))}`);
  if (limiterCase.statuses !== undefined) assert.deepEqual(seen.map((r) => r.status), limiterCase.statuses);
  if (limiterCase.everyStatus !== undefined) assert.ok(seen.every((r) => r.status === limiterCase.everyStatus), detail(seen.map((r) => r.status)));
  if (limiterCase.pausedAfterFirst !== undefined && seen.length > 1) {
    const { fromMs, toMs } = limiterCase.pausedAfterFirst;
    for (const later of seen.slice(1)) {
      const after = later.atMs - seen[0]!.atMs;
      assert.ok(after <= fromMs || after >= toMs, `a caller sent ${after} ms after the 429, inside its retry-after`);
    }
    assert.ok(seen.slice(1).filter((r) => r.atMs - seen[0]!.atMs >= toMs).length >= 2, 'the later callers did not wait for the pause');
  }
}

// Runs a monitor on a ManualClock: fire the next due timer, wait for the real
// I/O it started, repeat. Hours of simulated time take as long as the requests.
import type { ManualClock } from '../../../support/manual-clock';
import type { HealthMonitor } from '../../../../src/core/monitor';

export async function runUntil(clock: ManualClock, monitor: HealthMonitor, targetMs: number): Promise<void> {
  for (;;) {
    await monitor.whenIdle();
    const next = clock.nextDueAt();
    if (next === undefined || next > targetMs) {
      clock.advanceTo(targetMs);
      await monitor.whenIdle();
      return;
    }
    clock.advanceTo(next);
  }
}

export async function runFor(clock: ManualClock, monitor: HealthMonitor, ms: number): Promise<void> {
  await runUntil(clock, monitor, clock.now() + ms);
}

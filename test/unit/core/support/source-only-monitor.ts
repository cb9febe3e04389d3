// A monitor that is never started, so its own probes and page reads send
// nothing: only the plugged-in sources report. Tests of a source use it to see
// what that source's observations do to the counts and the health.
import { HealthMonitor, type MonitorDeps } from '../../../../src/core/monitor';
import { settingsFrom } from '../../../../src/core/settings';
import type { ManualClock } from '../../../support/manual-clock';

export function sourceOnlyMonitor(clock: ManualClock, extraSources: NonNullable<MonitorDeps['extraSources']>): HealthMonitor {
  return new HealthMonitor({
    clock,
    timers: clock,
    settings: settingsFrom({ 'health.degradeAfter': 2 }),
    fetch: () => Promise.reject(new Error('no request expected')),
    getApiKey: () => undefined,
    env: {},
    extraSources,
  });
}

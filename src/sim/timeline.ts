// Where a scenario stands at a moment: which phase drives the API, and which
// phase the (lagging) status page admits to.
import { type Phase, type Scenario } from './scenario';

export interface PhaseAt {
  index: number;
  phase: Phase;
  /** Elapsed ms (since scenario start) at which this phase began. */
  startedAtMs: number;
}

export interface TimelinePosition {
  api: PhaseAt;
  /** The phase the status page shows, and since when it has shown it. */
  statusPage: PhaseAt & { shownSinceMs: number };
}

function durationMs(phase: Phase): number {
  return phase.durationSeconds == null ? Infinity : phase.durationSeconds * 1000;
}

/** Every phase start up to `elapsedMs`, across loop iterations (at most the current and previous cycle). */
function phaseStarts(scenario: Scenario, elapsedMs: number): PhaseAt[] {
  const cycleMs = scenario.phases.reduce((sum, phase) => sum + durationMs(phase), 0);
  const firstCycle = scenario.loop && Number.isFinite(cycleMs) && cycleMs > 0 ? Math.max(0, Math.floor(elapsedMs / cycleMs) - 1) : 0;
  const starts: PhaseAt[] = [];
  for (let cycle = firstCycle; ; cycle++) {
    let start = cycle * (Number.isFinite(cycleMs) ? cycleMs : 0);
    for (const [index, phase] of scenario.phases.entries()) {
      if (start > elapsedMs) return starts;
      starts.push({ index, phase, startedAtMs: start });
      start += durationMs(phase);
    }
    if (!scenario.loop) return starts;
  }
}

export function positionAt(scenario: Scenario, elapsedMs: number): TimelinePosition {
  const t = Math.max(0, elapsedMs);
  const starts = phaseStarts(scenario, t);
  const api = starts[starts.length - 1]!;
  let shown: (PhaseAt & { shownSinceMs: number }) | undefined;
  for (const start of starts) {
    const lagSeconds = start.phase.statusPageLagSeconds ?? scenario.statusPageLagSeconds ?? 0;
    // The very first phase is what the page shows from the start: there is nothing before it to lag behind.
    const shownSinceMs = start.startedAtMs === 0 && start.index === 0 ? 0 : start.startedAtMs + lagSeconds * 1000;
    if (shownSinceMs <= t && (!shown || shownSinceMs >= shown.shownSinceMs)) shown = { ...start, shownSinceMs };
  }
  return { api, statusPage: shown ?? { ...starts[0]!, shownSinceMs: 0 } };
}

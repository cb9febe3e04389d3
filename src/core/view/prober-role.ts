// Which window probes. With a shared store, one Claude Health window (the
// prober lease holder) probes the API and reads the status page for all; the
// others show its results. Show Details says which one this window is, so a
// user wondering why this window sends nothing (or why it does) sees why.
import type { ProbePause } from '../monitor/probe-source';
import type { Translate } from '../l10n';

export interface ProberFacts {
  /** The monitor elects one prober through the shared store (false: it probes on its own, as the CLI does). */
  sharesProbing: boolean;
  /** This window holds the prober lease. */
  isProber: boolean;
  /** The probe source's pause: 'other_window' once it has stood aside for the lease holder. */
  paused: ProbePause | undefined;
}

/** The line for this window's part, or undefined when there is nothing to say (no shared store, or not decided yet). */
export function proberRoleLine(facts: ProberFacts, t: Translate): string | undefined {
  if (!facts.sharesProbing) return undefined;
  if (facts.isProber) return t`this window probes the API and reads the status page for every Claude Health window`;
  if (facts.paused === 'other_window') return t`another Claude Health window probes for all windows; its results show here`;
  return undefined;
}

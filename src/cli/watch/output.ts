// What `watch` prints: a line per health change and, on a terminal, a live
// line redrawn in place; with --json one object per line, for each health
// change and each probe round. The key never reaches any of it: probe messages
// are redacted by their writer, and the caller redacts once more.
import type { Health, HealthState } from '../../core/health';
import { english, type Translate } from '../../core/l10n';
import type { PageState } from '../../core/statuspage/verdict';
import { stateTitles } from '../../core/view/format';
import type { MonitorSnapshot } from '../../core/monitor';
import type { ProbeResult } from '../../core/probe/types';
import { probeJson, type ProbeJson } from '../probe-command';

export interface HealthChangeJson {
  event: 'health';
  at: string;
  from: string;
  state: string;
  reasons: string[];
}

export interface ProbeRoundJson {
  event: 'probe';
  at: string;
  state: string;
  results: ProbeJson[];
  /** Over the monitor's window (signals.windowMinutes). */
  window: { minutes: number; total: number; overloaded: number; rateLimited: number; serverError: number };
  page: { state: string; reason: string };
}

export interface VerdictJson {
  event: 'verdict';
  at: string;
  state: string;
  exitCode: number;
  reasons: string[];
  page: { state: string; reason: string };
  results: ProbeJson[];
}

export function healthChangeJson(previous: Health, next: Health, at: number): HealthChangeJson {
  return { event: 'health', at: new Date(at).toISOString(), from: previous.state, state: next.state, reasons: [...next.reasons] };
}

function windowJson(snapshot: MonitorSnapshot): ProbeRoundJson['window'] {
  const w = snapshot.window;
  return { minutes: w.windowMinutes, total: w.total, overloaded: w.overloaded, rateLimited: w.rateLimited, serverError: w.serverError };
}

export function probeRoundJson(round: readonly ProbeResult[], snapshot: MonitorSnapshot): ProbeRoundJson {
  return {
    event: 'probe',
    at: new Date(round[0]?.at ?? snapshot.now).toISOString(),
    state: snapshot.health.state,
    results: round.map(probeJson),
    window: windowJson(snapshot),
    page: { state: snapshot.page.verdict.state, reason: snapshot.page.verdict.reason },
  };
}

export function verdictJson(snapshot: MonitorSnapshot, exitCode: number): VerdictJson {
  return {
    event: 'verdict',
    at: new Date(snapshot.now).toISOString(),
    state: snapshot.health.state,
    exitCode,
    reasons: [...snapshot.health.reasons],
    page: { state: snapshot.page.verdict.state, reason: snapshot.page.verdict.reason },
    results: snapshot.probe.lastRound.map(probeJson),
  };
}

/**
 * A state in words: the id itself in English (scripts grep "-> degraded"),
 * the state's title in other languages. The page's states are a subset.
 */
function stateWord(state: HealthState | PageState, t: Translate): string {
  return t.locale === 'en' ? state : stateTitles(t)[state];
}

/** "2026-12-02T14:00:00.000Z operational -> degraded: the last probe got 529 overloaded". */
export function healthChangeLine(previous: Health, next: Health, at: number, t: Translate = english): string {
  return `${new Date(at).toISOString()} ${t`${stateWord(previous.state, t)} -> ${stateWord(next.state, t)}: ${next.reasons[0] ?? ''}`}`;
}

/** The live line: "degraded  412 ms  529×3 429×0  page: operational". */
export function liveLine(snapshot: MonitorSnapshot, t: Translate = english): string {
  const latencies = snapshot.probe.lastRound.map((result) => result.latencyMs);
  const latency = latencies.length ? `${Math.max(...latencies)} ms` : '- ms';
  const w = snapshot.window;
  return `${stateWord(snapshot.health.state, t)}  ${latency}  529×${w.overloaded} 429×${w.rateLimited}  ${t`page: ${stateWord(snapshot.page.verdict.state, t)}`}`;
}

/** One line for --once: the state and why. */
export function verdictLine(snapshot: MonitorSnapshot, t: Translate = english): string {
  const [headline, ...rest] = snapshot.health.reasons;
  return [t`${stateWord(snapshot.health.state, t)}: ${headline ?? ''}`, ...rest.map((reason) => `  ${reason}`)].join('\n');
}

// MonitorView values for view tests, built from plain data the way the monitor builds them.
import type { Health } from '../../../../src/core/health';
import type { MonitorView } from '../../../../src/core/monitor';
import type { ProbeResult } from '../../../../src/core/probe/types';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import type { ProbeEvent } from '../../../../src/core/signals/probe-log';
import { countWindow } from '../../../../src/core/signals/window-counts';
import type { StatusSnapshot } from '../../../../src/core/statuspage/types';
import { pageVerdict } from '../../../../src/core/statuspage/verdict';

export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

export interface ViewParts {
  health?: Health;
  snapshot?: StatusSnapshot;
  events?: ProbeEvent[];
  lastRound?: ProbeResult[];
  dataAt?: number;
  extra?: Partial<MonitorView['probe']>;
}

export function calmSnapshot(): StatusSnapshot {
  return {
    indicator: 'none',
    description: 'All Systems Operational',
    components: [{ id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', status: 'operational' }],
    incidents: [],
    maintenances: [],
    fetchedAt: NOW - 10_000,
    warnings: [],
  };
}

export function okResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return { mode: 'models', outcome: 'ok', at: NOW - 5000, latencyMs: 312, httpStatus: 200, requestId: 'req_011CAbc', rateLimit: {}, message: 'ok (HTTP 200)', ...overrides };
}

export function makeView(parts: ViewParts = {}): MonitorView {
  const snapshot = parts.snapshot ?? calmSnapshot();
  const events = parts.events ?? [{ at: NOW - 5000, outcome: 'ok', latencyMs: 312, httpStatus: 200 }];
  const lastRound = parts.lastRound ?? [okResult()];
  const view: MonitorView = {
    now: NOW,
    health: parts.health ?? { state: 'operational', reasons: ['status page: operational; the last probe succeeded (312 ms)'] },
    healthSince: NOW - 600_000,
    settings: { ...DEFAULT_SETTINGS },
    settingsProblems: [],
    page: { url: DEFAULT_SETTINGS.statusPageUrl, verdict: pageVerdict(snapshot, undefined, DEFAULT_SETTINGS.watchedComponents), snapshot, lastSuccessAt: NOW - 10_000 },
    probe: {
      mode: 'models',
      baseUrl: { url: 'https://api.anthropic.com', source: 'default' },
      key: { kind: 'present' },
      verdict: 'good',
      lastRound,
      nextProbeAt: NOW + 55_000,
      inFlight: false,
      ...parts.extra,
    },
    window: countWindow(events, NOW, 15),
    recent: events,
  };
  if (lastRound[0]) view.probe.lastRoundAt = lastRound[0].at;
  const dataAt = 'dataAt' in parts ? parts.dataAt : view.probe.lastRoundAt;
  if (dataAt !== undefined) view.dataAt = dataAt;
  return view;
}

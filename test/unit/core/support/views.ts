// MonitorSnapshot values for view tests, built from plain data the way the monitor builds them.
import type { Health } from '../../../../src/core/health';
import type { MonitorSnapshot } from '../../../../src/core/monitor';
import type { ProbeResult } from '../../../../src/core/probe/types';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import type { ProbeEvent } from '../../../../src/core/signals/probe-log';
import { countWindow } from '../../../../src/core/signals/window-counts';
import { emptyKindCounts } from '../../../../src/core/signals/real-traffic';
import type { StatusSnapshot } from '../../../../src/core/statuspage/types';
import { pageVerdict } from '../../../../src/core/statuspage/verdict';

export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

export interface SnapshotParts {
  health?: Health;
  summary?: StatusSnapshot;
  events?: ProbeEvent[];
  lastRound?: ProbeResult[];
  dataAt?: number;
  extra?: Partial<MonitorSnapshot['probe']>;
  traffic?: Partial<MonitorSnapshot['traffic']>;
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

export function makeSnapshot(parts: SnapshotParts = {}): MonitorSnapshot {
  const summary = parts.summary ?? calmSnapshot();
  const events = parts.events ?? [{ at: NOW - 5000, outcome: 'ok', latencyMs: 312, httpStatus: 200 }];
  const lastRound = parts.lastRound ?? [okResult()];
  const snapshot: MonitorSnapshot = {
    now: NOW,
    health: parts.health ?? { state: 'operational', reasons: ['status page: operational; the last probe succeeded (312 ms)'] },
    healthSince: NOW - 600_000,
    settingsProblems: [],
    page: {
      url: DEFAULT_SETTINGS.statusPageUrl,
      verdict: pageVerdict(summary, undefined, DEFAULT_SETTINGS.watchedComponents),
      summary,
      lastSuccessAt: NOW - 10_000,
      intervalSeconds: DEFAULT_SETTINGS.statusPageIntervalSeconds,
    },
    probe: {
      intervalSeconds: DEFAULT_SETTINGS.probeIntervalSeconds,
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
    traffic: { counts: { 'claude-code': emptyKindCounts(), tap: emptyKindCounts() }, ...parts.traffic },
  };
  if (lastRound[0]) snapshot.probe.lastRoundAt = lastRound[0].at;
  const dataAt = 'dataAt' in parts ? parts.dataAt : snapshot.probe.lastRoundAt;
  if (dataAt !== undefined) snapshot.dataAt = dataAt;
  return snapshot;
}

// Built-in scenarios. Faults here apply to every API path unless a rule names
// `paths`: real overloads hit inference hardest, but a storm that never reaches
// the free probe endpoints would be invisible to a default probe, so the storm
// reaches them too (the scenario file format lets you model it either way).
import { CLAUDE_API_COMPONENT_ID } from './components';
import { type Scenario } from './scenario';

const calm = { indicator: 'none' } as const;

export const BUILT_IN_SCENARIOS: Record<string, Scenario> = {
  healthy: {
    name: 'healthy',
    description: 'Everything works; the status page is green.',
    phases: [{ name: 'healthy', statusPage: calm }],
  },
  overloaded: {
    name: 'overloaded',
    description: '80% of requests get 529 overloaded_error; the status page admits degraded performance.',
    phases: [
      {
        name: 'overloaded',
        faults: [{ kind: 'overloaded', probability: 0.8 }],
        statusPage: {
          indicator: 'minor',
          components: { [CLAUDE_API_COMPONENT_ID]: 'degraded_performance' },
          incidents: [{ name: 'Elevated errors on Claude API', status: 'investigating', impact: 'minor', body: 'We are investigating elevated error rates on the Claude API.' }],
        },
      },
    ],
  },
  storm: {
    name: 'storm',
    description: 'Healthy for 60 s, then a 120 s storm of 529s (90% of requests), then recovery. The status page admits the storm 90 s late and its end 60 s late.',
    phases: [
      { name: 'calm', durationSeconds: 60, statusPage: calm },
      {
        name: 'storm',
        durationSeconds: 120,
        faults: [{ kind: 'overloaded', probability: 0.9 }],
        statusPageLagSeconds: 90,
        statusPage: {
          indicator: 'major',
          components: { [CLAUDE_API_COMPONENT_ID]: 'partial_outage' },
          incidents: [{ name: 'Elevated overloaded errors on Claude API', status: 'identified', impact: 'major', body: 'We have identified elevated 529 overloaded errors on the Claude API and are working on a fix.' }],
        },
      },
      { name: 'recovered', statusPageLagSeconds: 60, statusPage: calm },
    ],
  },
  'rate-limited': {
    name: 'rate-limited',
    description: '70% of requests get 429 rate_limit_error with retry-after: 5; the status page is green (the limit is yours).',
    phases: [{ name: 'rate-limited', faults: [{ kind: 'rate_limited', probability: 0.7, retryAfterSeconds: 5 }], statusPage: calm }],
  },
  outage: {
    name: 'outage',
    description: 'Every request fails (500, 502 HTML from the CDN, 529); the status page reports a major outage.',
    phases: [
      {
        name: 'outage',
        faults: [
          { kind: 'server_error', probability: 0.3 },
          { kind: 'bad_gateway_html', probability: 0.3 },
          { kind: 'overloaded', probability: 0.4 },
        ],
        statusPage: {
          indicator: 'critical',
          components: { [CLAUDE_API_COMPONENT_ID]: 'major_outage' },
          incidents: [{ name: 'Claude API unavailable', status: 'identified', impact: 'critical', body: 'The Claude API is unavailable. We have identified the cause and are working on a fix.' }],
        },
      },
    ],
  },
  maintenance: {
    name: 'maintenance',
    description: 'Scheduled maintenance in progress: half the requests get an empty 503; the status page shows the maintenance.',
    phases: [
      {
        name: 'maintenance',
        faults: [{ kind: 'service_unavailable_empty', probability: 0.5 }],
        statusPage: {
          indicator: 'maintenance',
          components: { [CLAUDE_API_COMPONENT_ID]: 'under_maintenance' },
          maintenances: [{ name: 'Claude API database maintenance', status: 'in_progress', body: 'Scheduled maintenance is in progress. Some requests may fail.', startsInMinutes: -10, durationMinutes: 60 }],
        },
      },
    ],
  },
  slow: {
    name: 'slow',
    description: 'Every request succeeds, 1.5 to 4 s late; the status page is green.',
    phases: [{ name: 'slow', latencyMs: { min: 1500, max: 4000 }, statusPage: calm }],
  },
  flaky: {
    name: 'flaky',
    description: 'A few percent (3%) of requests get a random 529; the status page is green.',
    phases: [{ name: 'flaky', faults: [{ kind: 'overloaded', probability: 0.03 }], statusPage: calm }],
  },
};

export const BUILT_IN_SCENARIO_NAMES = Object.keys(BUILT_IN_SCENARIOS);

// Names come from the command line and from requests: looked up as own keys only, so
// "__proto__", "constructor" or "toString" are unknown names, not Object's members.
const BY_NAME: ReadonlyMap<string, Scenario> = new Map(Object.entries(BUILT_IN_SCENARIOS));

export function builtInScenarioNamed(name: string): Scenario | undefined {
  return BY_NAME.get(name);
}

// Every sentence the comparison says about an endpoint, in one place: why it
// runs without a key, and its one-line verdict. Short functions so a message
// catalogue can take them over whole.
import { seconds } from '../check';

export type VerdictWarning = 'dns-polluted' | 'fake-ip' | 'no-request-id' | 'no-rate-limits' | 'tls' | 'rate-limited';

export const keyWording = {
  noVariable: () => 'no key variable given: only the layers below authentication run',
  variableUnset: (variable: string) => `${variable} is not set: this endpoint runs without a key`,
  isConfiguredKey: (variable: string) =>
    `${variable} holds the configured API key, which is never sent to another host: this endpoint runs without a key`,
  notSendable: (reason: string) => `the key is not sent: ${reason}`,
};

/** The error for a bad `--compare`, naming the flag and the endpoint as typed. */
export function compareFlagError(reason: string): string {
  return `--compare ${reason}`;
}

/** A key variable `--compare` names that cannot be used: the run does not start. */
export function compareKeyError(name: string, variable: string, kind: 'unset' | 'configured-key'): string {
  return kind === 'unset' ?
      `--compare ${name}: the key variable ${variable} is not set; export it, or leave out ",${variable}" to compare without a key`
    : `--compare ${name}: ${variable} holds the same key as ANTHROPIC_API_KEY, and the configured key is never sent to another host; give this endpoint its own key`;
}

export function duplicateNameError(name: string): string {
  return `--compare ${name}: the name is given twice; each endpoint needs its own name`;
}

export function tooManyError(max: number): string {
  return `--compare is given more than ${max} times; compare at most ${max} endpoints in one run`;
}

function relative(p50: number, configuredP50: number | undefined): string {
  if (configuredP50 === undefined) return '';
  const difference = p50 - configuredP50;
  return ` (${difference >= 0 ? '+' : '−'}${seconds(Math.abs(difference))} vs configured)`;
}

export const verdictWording = {
  layerFails: (headline: string) => headline,
  keyRefused: (source: string | null, status: number | null) => `the key${source ? ` from ${source}` : ''} is refused${status !== null ? ` (HTTP ${status})` : ''}`,
  noAnswer: (codes: readonly string[]) => `connects, but no answer to GET /v1/models${codes.length ? ` (${[...new Set(codes)].join(', ')})` : ''}`,
  sampleFailures: (codes: readonly string[]) => `${codes.length} of the latency requests got no answer (${[...new Set(codes)].join(', ')}).`,
  notSampled: () => 'not sampled: the run ended (time budget or cancel) before the latency sample',
  works: (p50: number, configuredP50: number | undefined) => `works: key accepted, p50 ${seconds(p50)}${relative(p50, configuredP50)}`,
  answersWithoutKey: (p50: number, configuredP50: number | undefined) =>
    `answers, p50 ${seconds(p50)}${relative(p50, configuredP50)}; no key, so authentication was not checked`,
  answersKeyNotChecked: (reason: string, p50: number, configuredP50: number | undefined) =>
    `answers, p50 ${seconds(p50)}${relative(p50, configuredP50)}; the key was not checked (${reason})`,
  unclear: (status: number | null, p50: number, configuredP50: number | undefined) =>
    `answers (p50 ${seconds(p50)}${relative(p50, configuredP50)}), but /v1/models gave HTTP ${status ?? '?'}: the key could not be judged`,
  warning: (warning: VerdictWarning, detail: string) => {
    switch (warning) {
      case 'dns-polluted':
        return `DNS looks intercepted or polluted (${detail})`;
      case 'fake-ip':
        return 'DNS answers with a fake-IP address (198.18.0.0/15): a local proxy tool such as Clash or Surge resolves it';
      case 'no-request-id':
        return 'no request-id comes back (a relay strips it, so support cannot trace requests)';
      case 'no-rate-limits':
        return 'no anthropic-ratelimit-* headers come back (a relay strips them, so remaining limits cannot be seen)';
      case 'tls':
        return `TLS: ${detail}`;
      case 'rate-limited':
        return 'rate limited right now (429)';
    }
  },
};

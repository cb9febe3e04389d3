// Every sentence the comparison says about an endpoint, in one place: why it
// runs without a key, and its one-line verdict. Short functions so the message
// catalogue holds each whole; each takes the run's translator.
import type { Translate } from '../../l10n';
import { seconds } from '../check';

export type VerdictWarning = 'dns-polluted' | 'fake-ip' | 'no-request-id' | 'no-rate-limits' | 'tls' | 'rate-limited';

export const keyWording = {
  noVariable: (t: Translate) => t`no key variable given: only the layers below authentication run`,
  variableUnset: (variable: string, t: Translate) => t`${variable} is not set: this endpoint runs without a key`,
  isConfiguredKey: (variable: string, t: Translate) =>
    t`${variable} holds the configured API key, which is never sent to another host: this endpoint runs without a key`,
};

/** The error for a bad `--compare`, naming the flag and the endpoint as typed. */
export function compareFlagError(reason: string): string {
  return `--compare ${reason}`;
}

/** A key variable `--compare` names that cannot be used: the run does not start. */
export function compareKeyError(name: string, variable: string, kind: 'unset' | 'configured-key', t: Translate): string {
  return kind === 'unset' ?
      t`--compare ${name}: the key variable ${variable} is not set; export it, or leave out ",${variable}" to compare without a key`
    : t`--compare ${name}: ${variable} holds the same key as ANTHROPIC_API_KEY, and the configured key is never sent to another host; give this endpoint its own key`;
}

export function duplicateNameError(name: string, t: Translate): string {
  return t`--compare ${name}: the name is given twice; each endpoint needs its own name`;
}

export function tooManyError(max: number, t: Translate): string {
  return t`--compare is given more than ${max} times; compare at most ${max} endpoints in one run`;
}

function relative(p50: number, configuredP50: number | undefined, t: Translate): string {
  if (configuredP50 === undefined) return '';
  const difference = p50 - configuredP50;
  return t` (${difference >= 0 ? '+' : '−'}${seconds(Math.abs(difference))} vs configured)`;
}

function distinct(codes: readonly string[]): string {
  return [...new Set(codes)].join(', ');
}

export const verdictWording = {
  layerFails: (headline: string) => headline,
  keyRefused: (source: string | null, status: number | null, t: Translate) => {
    const refused = source ? t`the key from ${source} is refused` : t`the key is refused`;
    return status !== null ? t`${refused} (HTTP ${status})` : refused;
  },
  noAnswer: (codes: readonly string[], t: Translate) =>
    codes.length ? t`connects, but no answer to GET /v1/models (${distinct(codes)})` : t`connects, but no answer to GET /v1/models`,
  sampleFailures: (codes: readonly string[], t: Translate) => t`${codes.length} of the latency requests got no answer (${distinct(codes)}).`,
  notSampled: (t: Translate) => t`not sampled: the run ended (time budget or cancel) before the latency sample`,
  works: (p50: number, configuredP50: number | undefined, t: Translate) => t`works: key accepted, p50 ${seconds(p50)}${relative(p50, configuredP50, t)}`,
  answersWithoutKey: (p50: number, configuredP50: number | undefined, t: Translate) =>
    t`answers, p50 ${seconds(p50)}${relative(p50, configuredP50, t)}; no key, so authentication was not checked`,
  answersKeyNotChecked: (reason: string, p50: number, configuredP50: number | undefined, t: Translate) =>
    t`answers, p50 ${seconds(p50)}${relative(p50, configuredP50, t)}; the key was not checked (${reason})`,
  unclear: (status: number | null, p50: number, configuredP50: number | undefined, t: Translate) =>
    t`answers (p50 ${seconds(p50)}${relative(p50, configuredP50, t)}), but /v1/models gave HTTP ${status ?? '?'}: the key could not be judged`,
  warning: (warning: VerdictWarning, detail: string, t: Translate) => {
    switch (warning) {
      case 'dns-polluted':
        return t`DNS looks intercepted or polluted (${detail})`;
      case 'fake-ip':
        return t`DNS answers with a fake-IP address (198.18.0.0/15): a local proxy tool such as Clash or Surge resolves it`;
      case 'no-request-id':
        return t`no request-id comes back (a relay strips it, so support cannot trace requests)`;
      case 'no-rate-limits':
        return t`no anthropic-ratelimit-* headers come back (a relay strips them, so remaining limits cannot be seen)`;
      case 'tls':
        return t`TLS: ${detail}`;
      case 'rate-limited':
        return t`rate limited right now (429)`;
    }
  },
  /** Joins the verdict's base and its warnings. */
  join: (parts: readonly string[], t: Translate) => parts.reduce((joined, part) => t`${joined}; ${part}`),
};

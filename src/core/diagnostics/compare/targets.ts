// Which key each compared endpoint gets. The rule: an endpoint gets only the
// key in the variable it names, never the configured key by default, and the
// configured key's value never goes to another origin (scheme, host and port)
// under any variable name, so a relay cannot receive the official key by way
// of a copied variable. Same origin and the same key is the one case allowed:
// nothing new learns the key.
import { english, type Translate } from '../../l10n';
import type { CompareEndpoint } from '../../settings';
import type { ComparisonTarget } from './types';
import { keyWording } from './wording';

export interface ConfiguredEndpoint {
  /** The base URL the run is configured for, resolved (setting, ANTHROPIC_BASE_URL, default). */
  baseUrl: string;
  apiKey?: string;
}

export interface KeyProblem {
  name: string;
  variable: string;
  kind: 'unset' | 'configured-key';
  /** The sentence the report shows beside the endpoint's authentication. */
  reason: string;
}

export interface ResolvedTargets {
  targets: ComparisonTarget[];
  /** One per endpoint that asked for a key it cannot have; the CLI refuses to run, the editor runs without it. */
  problems: KeyProblem[];
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Whether `key` may go to `baseUrl`: never the configured key to another origin. */
export function keyAllowedFor(baseUrl: string, key: string, configured: ConfiguredEndpoint): boolean {
  if (!configured.apiKey || key !== configured.apiKey) return true;
  const origin = originOf(baseUrl);
  return origin !== undefined && origin === originOf(configured.baseUrl);
}

export function resolveComparisonTargets(
  endpoints: readonly CompareEndpoint[],
  env: Readonly<Record<string, string | undefined>>,
  configured: ConfiguredEndpoint,
  t: Translate = english,
): ResolvedTargets {
  const targets: ComparisonTarget[] = [];
  const problems: ResolvedTargets['problems'] = [];
  for (const endpoint of endpoints) {
    const target: ComparisonTarget = { name: endpoint.name, baseUrl: endpoint.baseUrl };
    targets.push(target);
    if (!endpoint.keyEnv) {
      target.keyNote = keyWording.noVariable(t);
      continue;
    }
    const key = env[endpoint.keyEnv];
    if (!key?.trim()) {
      target.keyNote = keyWording.variableUnset(endpoint.keyEnv, t);
      problems.push({ name: endpoint.name, variable: endpoint.keyEnv, kind: 'unset', reason: target.keyNote });
    } else if (!keyAllowedFor(endpoint.baseUrl, key, configured)) {
      target.keyNote = keyWording.isConfiguredKey(endpoint.keyEnv, t);
      problems.push({ name: endpoint.name, variable: endpoint.keyEnv, kind: 'configured-key', reason: target.keyNote });
    } else {
      target.apiKey = key;
      target.apiKeySource = endpoint.keyEnv;
    }
  }
  return { targets, problems };
}

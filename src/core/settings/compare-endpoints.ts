// The endpoints the diagnostics compare with the configured one (the official
// API beside a relay, or two relays). Each may name the environment variable
// holding its own key; it never borrows the configured key. One rule for the
// CLI's `--compare NAME=URL[,KEY_ENV]` and the setting
// `claudeHealth.diagnostics.compareEndpoints`, which decides where keys go and
// so is machine-scoped like `claudeHealth.apiBaseUrl`.
import { english, type Translate } from '../l10n';
import { checkHttpUrl } from './url';

export interface CompareEndpoint {
  /** Shown as the column heading: letters (any script), digits, ".", "_", "-". */
  name: string;
  /** An http(s) URL without credentials, without a trailing slash. */
  baseUrl: string;
  /** The environment variable holding this endpoint's own key; absent: no key is sent there. */
  keyEnv?: string;
}

/** The column of the endpoint the run is configured for; no comparison may take the name. */
export const CONFIGURED_ENDPOINT_NAME = 'configured';
/** More would make the table unreadable and the run long. */
export const MAX_COMPARE_ENDPOINTS = 8;

const ENDPOINT_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export type EndpointCheck = { ok: true; endpoint: CompareEndpoint } | { ok: false; reason: string };

/** Checks one endpoint's parts; the reason is a phrase the caller puts after the flag or setting name. */
export function checkCompareEndpoint(name: string, baseUrl: string, keyEnv: string | undefined, t: Translate = english): EndpointCheck {
  if (!ENDPOINT_NAME.test(name)) {
    return { ok: false, reason: t`needs a name of 1 to 32 letters, digits, ".", "_" or "-" (starting with a letter or digit), not ${quote(name)}` };
  }
  if (name.toLowerCase() === CONFIGURED_ENDPOINT_NAME) return { ok: false, reason: t`cannot be named "${CONFIGURED_ENDPOINT_NAME}": that column is the configured endpoint` };
  const url = checkHttpUrl(baseUrl, t);
  if (!url.ok) return { ok: false, reason: t`${name}: the URL ${url.reason}: ${quote(baseUrl)}` };
  if (keyEnv === undefined) return { ok: true, endpoint: { name, baseUrl: url.url } };
  if (!ENV_NAME.test(keyEnv)) return { ok: false, reason: t`${name}: the key variable must be an environment variable name such as RELAY_API_KEY, not ${quote(keyEnv)}` };
  return { ok: true, endpoint: { name, baseUrl: url.url, keyEnv } };
}

/** `NAME=URL[,KEY_ENV]`; the key variable follows the last comma. */
export function parseCompareSpec(raw: string, t: Translate = english): EndpointCheck {
  const text = raw.trim();
  const equals = text.indexOf('=');
  if (equals <= 0) return { ok: false, reason: t`takes NAME=URL or NAME=URL,KEY_ENV (e.g. relay=https://relay.example,RELAY_API_KEY), not ${quote(raw)}` };
  const name = text.slice(0, equals).trim();
  const rest = text.slice(equals + 1).trim();
  const comma = rest.lastIndexOf(',');
  const url = comma < 0 ? rest : rest.slice(0, comma).trim();
  const keyEnv = comma < 0 ? undefined : rest.slice(comma + 1).trim();
  return checkCompareEndpoint(name, url, keyEnv, t);
}

/** The name of an endpoint already in the list under the same name (case-blind), if any. */
export function duplicateName(endpoints: readonly CompareEndpoint[], name: string): string | undefined {
  return endpoints.find((endpoint) => endpoint.name.toLowerCase() === name.toLowerCase())?.name;
}

function quote(raw: string): string {
  const shown = raw.replace(/\/\/[^/@]*@/, '//…@');
  return `"${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}"`;
}

/** One entry of the setting, as settings.json holds it. */
function entryOf(item: unknown): EndpointCheck {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { ok: false, reason: 'is not an object {name, baseUrl, keyEnv}' };
  const record = item as Record<string, unknown>;
  const { name, baseUrl, keyEnv } = record;
  if (typeof name !== 'string' || typeof baseUrl !== 'string') return { ok: false, reason: 'needs a "name" and a "baseUrl", both text' };
  if (keyEnv !== undefined && keyEnv !== '' && typeof keyEnv !== 'string') return { ok: false, reason: `${name.slice(0, 32)}: "keyEnv" must be text` };
  return checkCompareEndpoint(name.trim(), baseUrl.trim(), typeof keyEnv === 'string' && keyEnv.trim() !== '' ? keyEnv.trim() : undefined);
}

/**
 * The setting's raw value as a list of endpoints: bad entries and later
 * duplicates are left out with a sentence each (at most three sentences).
 */
export function checkEndpointList(raw: unknown, name: string, maxScan: number, problems: string[]): CompareEndpoint[] {
  if (!Array.isArray(raw)) {
    problems.push(`${name} must be a list of {name, baseUrl, keyEnv}; none are compared.`);
    return [];
  }
  const kept: CompareEndpoint[] = [];
  const refused: string[] = [];
  const length = Math.min(raw.length, maxScan);
  for (let index = 0; index < length; index++) {
    const checked = entryOf(raw[index]);
    if (!checked.ok) refused.push(`entry ${index + 1} ${checked.reason}`);
    else if (duplicateName(kept, checked.endpoint.name)) refused.push(`entry ${index + 1} repeats the name "${checked.endpoint.name}"`);
    else kept.push(checked.endpoint);
  }
  if (refused.length) problems.push(`${name}: ${refused[0]}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}; ${refused.length > 1 ? 'they are' : 'it is'} left out.`);
  if (kept.length > MAX_COMPARE_ENDPOINTS) {
    problems.push(`${name} compares at most ${MAX_COMPARE_ENDPOINTS} endpoints; the rest are left out.`);
    kept.length = MAX_COMPARE_ENDPOINTS;
  }
  return kept;
}

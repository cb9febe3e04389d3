// `claude-health status`: reads the status page once and prints it, as JSON
// with --json. Exit 0 when the page is green (and the named components are
// operational), 1 when it reports trouble or cannot be read, 2 for bad flags.
import { systemClock, type Clock } from '../core/clock';
import { DEFAULT_STATUS_PAGE_URL } from '../core/settings';
import { createNodeFetch } from '../core/net/node-fetch';
import { fetchStatusPage, STATUS_PAGE_TIMEOUT_MS } from '../core/statuspage/fetch';
import type { ComponentStatus, StatusPageError, StatusSnapshot } from '../core/statuspage/types';
import type { Translate } from '../core/l10n';
import { describeComponentStatus } from '../core/statuspage/verdict';
import { booleanFlag, integerFlag, listFlag, proxyFlag, TIMEOUT_MS_RANGE, urlFlag, type CliFlags } from './flags';
import { proxyFlagHelp, type CommandHelp } from './help';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, type CliIo } from './io';
import { cliTranslator } from './locale';

export function statusSummary(t: Translate): string {
  return t`Read the Claude status page once and print what it says.`;
}

/** For parseArgs. */
export const STATUS_OPTIONS = {
  json: { type: 'boolean' },
  'status-url': { type: 'string' },
  url: { type: 'string' },
  component: { type: 'string', multiple: true },
  'timeout-ms': { type: 'string' },
  proxy: { type: 'string' },
} as const;

export function statusHelp(t: Translate): CommandHelp {
  return {
    description: t`Healthy means the page's overall indicator is "none" or, with --component, that every named component is operational. The key is not needed.`,
    flags: {
      json: { description: t`Print one JSON document instead of text.` },
      'status-url': { value: 'URL', description: t`The Statuspage summary.json to read (default ${DEFAULT_STATUS_PAGE_URL}).` },
      url: { value: 'URL', description: t`The same as --status-url.` },
      component: { value: 'ID,...', description: t`Component ids that must be operational; comma-separated or repeated. Without it the overall indicator decides.` },
      'timeout-ms': { value: 'N', description: t`Give up after N milliseconds, ${TIMEOUT_MS_RANGE.min} to ${TIMEOUT_MS_RANGE.max} (default ${STATUS_PAGE_TIMEOUT_MS}).` },
      proxy: { value: 'URL', description: proxyFlagHelp(t) },
    },
    examples: ['status', 'status --json --component k8w3r06qmzrp', 'status --proxy http://proxy.example:8080'],
    exitCodes: [
      [EXIT_OK, t`the page is green (or every --component is operational)`],
      [EXIT_UNHEALTHY, t`the page reports trouble, or it could not be read`],
      [EXIT_USAGE, t`a bad flag`],
    ],
  };
}

export interface StatusJson {
  indicator: string;
  description: string;
  components: { id: string; name: string; status: ComponentStatus }[];
  incidents: {
    id: string;
    name: string;
    status: string;
    impact: string;
    updatedAt: string | null;
    url: string | null;
    latestUpdate: { status: string; body: string; createdAt: string | null } | null;
  }[];
  maintenances: {
    id: string;
    name: string;
    status: string;
    active: boolean;
    scheduledFor: string | null;
    scheduledUntil: string | null;
    url: string | null;
  }[];
  fetchedAt: string;
  /** Present only when the page could not be read. */
  error?: { kind: string; message: string; httpStatus: number | null; code: string | null };
}

/** The JSON document for a snapshot, or for an unreadable page (indicator `unknown`). */
export function statusJson(snapshot: StatusSnapshot | undefined, error: StatusPageError | undefined, fetchedAt: number): StatusJson {
  const out: StatusJson = {
    indicator: snapshot?.indicator ?? 'unknown',
    description: snapshot?.description ?? 'Status unknown: the status page could not be read',
    components: (snapshot?.components ?? []).map((c) => ({ id: c.id, name: c.name, status: c.status })),
    incidents: (snapshot?.incidents ?? []).map((i) => ({
      id: i.id,
      name: i.name,
      status: i.status,
      impact: i.impact,
      updatedAt: i.updatedAt ?? null,
      url: i.url ?? null,
      latestUpdate: i.latestUpdate ? { status: i.latestUpdate.status, body: i.latestUpdate.body, createdAt: i.latestUpdate.createdAt ?? null } : null,
    })),
    maintenances: (snapshot?.maintenances ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      status: m.status,
      active: m.active,
      scheduledFor: m.scheduledFor ?? null,
      scheduledUntil: m.scheduledUntil ?? null,
      url: m.url ?? null,
    })),
    fetchedAt: new Date(snapshot?.fetchedAt ?? fetchedAt).toISOString(),
  };
  if (error) out.error = { kind: error.kind, message: error.message, httpStatus: error.httpStatus ?? null, code: error.code ?? null };
  return out;
}

function isHealthy(json: StatusJson, requiredComponents: readonly string[]): boolean {
  if (json.error) return false;
  if (requiredComponents.length === 0) return json.indicator === 'none';
  return requiredComponents.every((id) => json.components.some((c) => c.id === id && c.status === 'operational'));
}

function textReport(json: StatusJson, t: Translate): string {
  const description = json.error ? t`Status unknown: the status page could not be read` : json.description;
  const lines = [t`Claude status: ${description} (indicator: ${json.indicator})`];
  for (const c of json.components) lines.push(`  ${c.name} [${c.id}]: ${describeComponentStatus(c.status, t)}`);
  for (const i of json.incidents) {
    const updated = i.updatedAt ? t`, updated ${i.updatedAt}` : '';
    lines.push(`  ${t`incident: ${i.name} (${i.status}, ${i.impact} impact${updated})`}${i.url ? ` ${i.url}` : ''}`);
    if (i.latestUpdate) lines.push(`    ${i.latestUpdate.body}`);
  }
  for (const m of json.maintenances) {
    lines.push(`  ${t`maintenance: ${m.name} (${m.active ? t`in progress` : t`scheduled`}, ${m.scheduledFor ?? '?'} to ${m.scheduledUntil ?? '?'})`}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runStatusCommand(flags: CliFlags, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const json = booleanFlag(flags, 'json');
  const url = urlFlag(flags, 'status-url', 'url') ?? DEFAULT_STATUS_PAGE_URL;
  const timeoutMs = integerFlag(flags, 'timeout-ms', TIMEOUT_MS_RANGE) ?? STATUS_PAGE_TIMEOUT_MS;
  const components = listFlag(flags, 'component') ?? [];
  const transport = createNodeFetch({ proxyUrl: proxyFlag(flags), env: io.env });
  try {
    const t = cliTranslator(io);
    const result = await fetchStatusPage({ url, fetch: transport.fetch, clock, timeoutMs, t });
    // No validators were sent, so a 304 cannot be a real answer here.
    const error: StatusPageError | undefined =
      result.kind === 'failed' ? result.error
      : result.kind === 'not_modified' ? { kind: 'unrecognised', httpStatus: 304, message: t`HTTP 304 to an unconditional request` }
      : undefined;
    const document = statusJson(result.kind === 'fresh' ? result.snapshot : undefined, error, clock.now());
    io.stdout(json ? `${JSON.stringify(document, null, 2)}\n` : textReport(document, t));
    // The reason goes to stderr once; stdout says only that the status is unknown.
    if (error && !json) io.stderr(`claude-health status: ${error.message}\n`);
    return isHealthy(document, components) ? EXIT_OK : EXIT_UNHEALTHY;
  } finally {
    transport.close();
  }
}

// Settings of the connection diagnostics. The resolvers decide where DNS
// questions about the API host go, so a workspace cannot set them; the
// per-check timeout can neither hide a failure nor cost anything. The
// endpoints compared with the configured one decide where keys go: machine scope too.
import type { CompareEndpoint } from './compare-endpoints';
import { SETTINGS_SECTION } from './monitor';
import { readSection, type SectionKey, type SectionSpec, type SectionValues } from './spec';

export const DEFAULT_DNS_SERVERS: readonly string[] = ['1.1.1.1', '8.8.8.8'];

/** `host`, `host:port`, or `[v6]:port`: what node:dns's setServers accepts, bounded. */
const DNS_SERVER = /^(?:[A-Za-z0-9.:-]{1,100}|\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?)$/;

export const DIAGNOSTICS_SPECS = {
  dnsServers: { key: 'diagnostics.dnsServers', kind: 'list', default: DEFAULT_DNS_SERVERS, pattern: DNS_SERVER, maxItems: 10, emptyAllowed: true, scope: 'machine' },
  timeoutMs: { key: 'diagnostics.timeoutMs', kind: 'number', default: 10_000, min: 1000, max: 120_000, scope: 'window' },
  // Names where keys go (each endpoint's own key variable): a workspace must not be able to add one.
  compareEndpoints: { key: 'diagnostics.compareEndpoints', kind: 'endpoints', default: [] as readonly CompareEndpoint[], scope: 'machine' },
} as const satisfies SectionSpec;

export type DiagnosticsSettings = SectionValues<typeof DIAGNOSTICS_SPECS>;
export type DiagnosticsSettingKey = SectionKey<typeof DIAGNOSTICS_SPECS>;

export function validateDiagnosticsSettings(read: (key: DiagnosticsSettingKey) => unknown): { diagnostics: DiagnosticsSettings; problems: string[] } {
  const problems: string[] = [];
  const diagnostics = readSection(DIAGNOSTICS_SPECS, read, SETTINGS_SECTION, problems);
  return { diagnostics, problems };
}

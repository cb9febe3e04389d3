// VS Code's own network settings, as our requests honour them. VS Code
// registers them application-scoped (machine-scoped on a remote when the local
// proxy configuration is not used), so a workspace cannot set them: a cloned
// repository cannot route the key through its proxy or turn certificate
// checks off. No extra CA comes from settings: NODE_EXTRA_CA_CERTS (the
// environment) and http.systemCertificates are what add trust.
import type { NodeFetchOptions } from '../probe/transport/node-fetch';
import { readSection, type SectionKey, type SectionSpec, type SectionValues } from './spec';

export const CONNECTION_SECTION = 'http';

export const PROXY_SUPPORT_MODES = ['off', 'on', 'fallback', 'override'] as const;

/** A no-proxy entry: a host, domain suffix, address or range, without spaces. */
const NO_PROXY_ENTRY = /^[^\s,]{1,253}$/;

export const CONNECTION_SPECS = {
  /** Empty: the environment's HTTPS_PROXY / HTTP_PROXY / ALL_PROXY decide. Parsed (and explained) where it is used. */
  proxy: { key: 'proxy', kind: 'text', default: '', maxLength: 2048, scope: 'application' },
  proxyStrictSSL: { key: 'proxyStrictSSL', kind: 'boolean', default: true, scope: 'application' },
  noProxy: { key: 'noProxy', kind: 'list', default: [], pattern: NO_PROXY_ENTRY, maxItems: 100, emptyAllowed: true, scope: 'application' },
  proxySupport: { key: 'proxySupport', kind: 'enum', default: 'override', values: PROXY_SUPPORT_MODES, scope: 'application' },
  systemCertificates: { key: 'systemCertificates', kind: 'boolean', default: true, scope: 'application' },
} as const satisfies SectionSpec;

export type ConnectionSettings = SectionValues<typeof CONNECTION_SPECS>;
export type ConnectionSettingKey = SectionKey<typeof CONNECTION_SPECS>;

export function validateConnectionSettings(read: (key: ConnectionSettingKey) => unknown): { connection: ConnectionSettings; problems: string[] } {
  const problems: string[] = [];
  const connection = readSection(CONNECTION_SPECS, read, CONNECTION_SECTION, problems);
  return { connection, problems };
}

/** What our own fetch takes from them. `http.proxySupport: off` tells VS Code to leave extensions' traffic alone; we honour it for http.proxy too. */
export function fetchOptionsFrom(connection: ConnectionSettings): Omit<NodeFetchOptions, 'env'> {
  const options: Omit<NodeFetchOptions, 'env'> = {};
  if (connection.proxySupport !== 'off' && connection.proxy) options.proxyUrl = connection.proxy;
  if (connection.noProxy.length) options.noProxy = connection.noProxy;
  if (!connection.proxyStrictSSL) options.rejectUnauthorized = false;
  return options;
}

// The shapes the diagnostics runner, its checks and its renderers share. Plain
// data only: a report goes to a document, a webview and the CLI's JSON, so it
// holds no error objects, no sockets and never the API key.
import type * as net from 'node:net';
import type { ComparisonEntry, ComparisonTarget } from './compare/types';

/** Every check, in the order the report lists them (layer by layer, then context). */
export const CHECK_IDS = [
  'config',
  'proxy',
  'dns',
  'tcp',
  'tls',
  'http',
  'clock',
  'auth',
  'rate-limits',
  'inference',
  'status-page',
  'sdk-versions',
  'environment',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

interface OutcomeBase {
  /** One sentence: what was found. */
  detail: string;
  /** Further facts for the details section, one per line. */
  notes?: string[];
  /** Machine-readable findings (addresses, latencies, certificates, limits). */
  data?: JsonObject;
  /** A short diagnosis naming the broken layer, used as the report's summary line. */
  headline?: string;
}

/** What a check returns. A warning or a failure always carries a concrete next step. */
export type CheckOutcome =
  | (OutcomeBase & { status: 'pass' | 'skip'; hint?: string })
  | (OutcomeBase & { status: 'warn' | 'fail'; hint: string });

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  detail: string;
  /** The next step; present on every warn and fail. */
  hint?: string;
  durationMs: number;
  notes: string[];
  data?: JsonObject;
  headline?: string;
  /** Skipped because this earlier check failed (the root cause, followed through the chain). */
  blockedBy?: CheckId;
}

/**
 * Everything a run needs, as plain values: the VS Code adapter reads settings,
 * SecretStorage and `vscode.env`; the CLI reads flags and the environment.
 */
/** Where the report is read: hints name the editor's settings or the CLI's flags. */
export type ReportSurface = 'editor' | 'cli';

/** How a hint names the proxy setting where the report is read. */
export function proxySettingName(surface: ReportSurface | undefined): string {
  return surface === 'cli' ? '--proxy' : 'http.proxy';
}

export interface DiagnosticsInput {
  /** Default 'editor'. */
  surface?: ReportSurface;
  /** The language of the report's text ("zh-cn", "zh_CN.UTF-8"…); ids and JSON keys stay English. Default English. */
  locale?: string;
  /** `claudeHealth.apiBaseUrl` (or the CLI's --base-url); empty: ANTHROPIC_BASE_URL, then the public API. */
  apiBaseUrlSetting?: string;
  /** How the report names where that value came from; default "claudeHealth.apiBaseUrl". */
  apiBaseUrlSettingName?: string;
  /** Plain-http origins the user allowed the key to be sent to (the probe's consent list). */
  allowedInsecureOrigins?: readonly string[];
  /** Never shown: at most its last four characters appear in the report. */
  apiKey?: string;
  /** Where the key came from, e.g. "SecretStorage" or "ANTHROPIC_API_KEY". */
  apiKeySource?: string;
  /** ANTHROPIC_BASE_URL, HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS (either case). */
  env: Readonly<Record<string, string | undefined>>;

  /** VS Code `http.proxy`. */
  httpProxy?: string;
  /** VS Code `http.proxyStrictSSL` (default true). */
  httpProxyStrictSSL?: boolean;
  /** VS Code `http.proxySupport`: off | on | fallback | override. */
  httpProxySupport?: string;
  /** VS Code `http.noProxy`. */
  httpNoProxy?: readonly string[];
  /** VS Code `http.systemCertificates`. */
  httpSystemCertificates?: boolean;
  /** `vscode.version`; absent when run from the CLI. */
  vscodeVersion?: string;
  /** `vscode.env.remoteName`: ssh-remote, wsl, dev-container, attached-container, codespaces, tunnel... */
  remoteName?: string;
  /** `vscode.env.appHost` / uiKind, e.g. "desktop" or "web". */
  appHost?: string;

  /** Default: the public Statuspage summary. */
  statusPageUrl?: string;
  /** Status page component ids to report on; default the Claude API component. */
  watchedComponents?: readonly string[];
  /** Public resolvers the system resolver is compared with; default 1.1.1.1 and 8.8.8.8; empty turns the comparison off. */
  dnsServers?: readonly string[];
  /** Folder scanned for SDKs and retry wrappers; absent: the check is skipped. */
  workspaceFolder?: string;
  /** The billed one-token message; off unless the user enabled message probes or confirmed. */
  inference?: { enabled: boolean; model?: string };
  /** Extra trusted root certificates (PEM), on top of Node's own. */
  ca?: readonly string[];
  /** The system resolver (default: node:dns lookup, which is what connections use). */
  lookup?: net.LookupFunction;
  /**
   * Endpoints to run side by side with the configured one (`--compare`,
   * claudeHealth.diagnostics.compareEndpoints), each with only its own key:
   * resolve them with resolveComparisonTargets.
   */
  compare?: readonly ComparisonTarget[];
}

export interface DiagnosticsReport {
  /** In CHECK_IDS order. */
  checks: CheckResult[];
  /** One line naming the broken layer first, e.g. "TLS fails: a proxy is inspecting HTTPS". */
  summary: string;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  /** The run was cancelled; unfinished checks are skipped with reason "cancelled". */
  cancelled: boolean;
  /** Present when endpoints were compared: the configured endpoint first, then each compared one. */
  comparison?: ComparisonEntry[];
}

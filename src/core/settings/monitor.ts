// The monitor's settings: what it probes, where, how often, and what counts as
// healthy. The adapter passes raw values from the configuration (anything a
// user can type in settings.json); validateSettings turns them into a Settings
// object that is always usable, and says in words what it had to correct.
import { DEFAULT_PROBE_MODEL, MODEL_NAME_PATTERN } from './model-name';
import { readSection, type SectionSpec } from './spec';

export const SETTINGS_SECTION = 'claudeHealth';

export const PROBE_MODES = ['models', 'count_tokens', 'message'] as const;
export type ProbeMode = (typeof PROBE_MODES)[number];

export const NOTIFICATION_LEVELS = ['all', 'outages', 'off'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

/** Status page component ids (stable; names change). */
export const COMPONENT_IDS = {
  claudeApi: 'k8w3r06qmzrp',
  claudeCode: 'yyzkbfz2thpt',
} as const;

export const DEFAULT_STATUS_PAGE_URL = 'https://status.claude.com/api/v2/summary.json';
export const DEFAULT_API_BASE_URL = 'https://api.anthropic.com';

export interface Settings {
  /** Empty when not set: the environment, then the default, decide. */
  apiBaseUrl: string;
  statusPageUrl: string;
  statusPageIntervalSeconds: number;
  probeMode: ProbeMode;
  probeIntervalSeconds: number;
  /** Models probed in `message` mode (and the model counted in `count_tokens` mode: the first). */
  probeModels: string[];
  probeTimeoutMs: number;
  /** Probing stops after this many minutes without activity; 0 probes even when idle. */
  probeIdleMinutes: number;
  /** Span of the rolling 529/429/5xx counters. */
  windowMinutes: number;
  /** Bad probe results (among the last 2N-1) that turn the probe verdict bad. */
  degradeAfter: number;
  /** Consecutive good probe results that clear a bad verdict. */
  recoverAfter: number;
  watchedComponents: string[];
  notifications: NotificationLevel;
  /** Hours of request history kept (and saved across restarts) for the history view. */
  historyRetentionHours: number;
  /** Read Claude Code's transcripts for the API errors it met. */
  claudeCodeSource: boolean;
  /** Claude Code config folders to read instead of CLAUDE_CONFIG_DIR, ~/.claude and ~/.config/claude. */
  claudeCodeDirs: string[];
}

export type MonitorSettings = Settings;

const COMPONENT_ID = /^[a-z0-9]{1,32}$/;
/** A folder path: printable, no control characters, bounded. One class, one bounded repetition: no backtracking. */
const FOLDER_PATH = /^[^\u0000-\u001f\u007f]{1,1024}$/;

/**
 * Every monitor setting: key under `claudeHealth.`, default, range or choices,
 * and scope. Everything here decides where the key goes, what is billed, or
 * whether an outage shows, so none of it can come from a workspace: a cloned
 * repository's `.vscode/settings.json` must not be able to hide an outage or
 * spend money (see the README's Security section).
 */
export const MONITOR_SPECS = {
  apiBaseUrl: { key: 'apiBaseUrl', kind: 'url', default: '', scope: 'machine' },
  statusPageUrl: { key: 'statusPageUrl', kind: 'url', default: DEFAULT_STATUS_PAGE_URL, scope: 'machine' },
  statusPageIntervalSeconds: { key: 'statusPage.intervalSeconds', kind: 'number', default: 60, min: 5, max: 3600, scope: 'machine' },
  probeMode: { key: 'probe.mode', kind: 'enum', default: 'models', values: PROBE_MODES, scope: 'machine' },
  probeIntervalSeconds: { key: 'probe.intervalSeconds', kind: 'number', default: 60, min: 5, max: 3600, scope: 'machine' },
  probeModels: { key: 'probe.models', kind: 'list', default: [DEFAULT_PROBE_MODEL], pattern: MODEL_NAME_PATTERN, maxItems: 5, emptyAllowed: false, scope: 'machine' },
  probeTimeoutMs: { key: 'probe.timeoutMs', kind: 'number', default: 10_000, min: 1000, max: 120_000, scope: 'machine' },
  probeIdleMinutes: { key: 'probe.idleMinutes', kind: 'number', default: 15, min: 0, max: 1440, scope: 'machine' },
  windowMinutes: { key: 'signals.windowMinutes', kind: 'number', default: 15, min: 1, max: 1440, scope: 'machine' },
  degradeAfter: { key: 'health.degradeAfter', kind: 'number', default: 2, min: 1, max: 10, scope: 'machine' },
  recoverAfter: { key: 'health.recoverAfter', kind: 'number', default: 2, min: 1, max: 10, scope: 'machine' },
  watchedComponents: {
    key: 'statusPage.components',
    kind: 'list',
    default: [COMPONENT_IDS.claudeApi],
    pattern: COMPONENT_ID,
    maxItems: 20,
    emptyAllowed: false,
    scope: 'machine',
  },
  notifications: { key: 'notifications', kind: 'enum', default: 'outages', values: NOTIFICATION_LEVELS, scope: 'machine' },
  historyRetentionHours: { key: 'history.retentionHours', kind: 'number', default: 24, min: 1, max: 168, scope: 'machine' },
  // Machine scope: a workspace must not hide the user's own errors, nor point the reader at other folders.
  claudeCodeSource: { key: 'sources.claudeCode', kind: 'boolean', default: true, scope: 'machine' },
  claudeCodeDirs: { key: 'sources.claudeCodeDirs', kind: 'list', default: [], pattern: FOLDER_PATH, maxItems: 16, emptyAllowed: true, scope: 'machine' },
} as const satisfies SectionSpec & Record<keyof Settings, unknown>;

type MonitorSpecs = typeof MONITOR_SPECS;
type NumericField = { [F in keyof MonitorSpecs]: MonitorSpecs[F] extends { kind: 'number' } ? F : never }[keyof MonitorSpecs];

/** Keys under `claudeHealth.`, as the adapter reads them and package.json declares them. */
export const SETTING_KEYS = Object.freeze(
  Object.fromEntries(Object.entries(MONITOR_SPECS).map(([field, spec]) => [field, spec.key])),
) as { readonly [F in keyof MonitorSpecs]: MonitorSpecs[F]['key'] };

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(
  Object.fromEntries(Object.entries(MONITOR_SPECS).map(([field, spec]) => [field, Array.isArray(spec.default) ? [...(spec.default as string[])] : spec.default])) as unknown as Settings,
);

/** Inclusive ranges for numeric settings; values outside are clamped. */
export const NUMERIC_RANGES = Object.freeze(
  Object.fromEntries(
    Object.entries(MONITOR_SPECS).flatMap(([field, spec]) => (spec.kind === 'number' ? [[field, { min: spec.min, max: spec.max }]] : [])),
  ),
) as { readonly [F in NumericField]: { readonly min: MonitorSpecs[F]['min']; readonly max: MonitorSpecs[F]['max'] } };

export interface ValidatedSettings {
  settings: Settings;
  /** One sentence per value that was ignored or corrected, naming the setting. */
  problems: string[];
}

/**
 * Builds Settings from raw configuration values. `read` returns the value for a
 * key of SETTING_KEYS (undefined when unset). Never throws, whatever `read`
 * returns or throws.
 */
export function validateSettings(read: (key: SettingKey) => unknown): ValidatedSettings {
  const problems: string[] = [];
  const settings: Settings = readSection(MONITOR_SPECS, read, SETTINGS_SECTION, problems);
  return { settings, problems };
}

/** Settings from a plain object keyed like SETTING_KEYS (tests, CLI, bench). */
export function settingsFrom(values: Partial<Record<SettingKey, unknown>>): Settings {
  return validateSettings((key) => values[key]).settings;
}

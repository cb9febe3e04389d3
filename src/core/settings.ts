// Every setting the monitor reads, with its default and its allowed range, in
// one place. The adapter passes raw values from the configuration (anything a
// user can type in settings.json); validateSettings turns them into a Settings
// object that is always usable, and says in words what it had to correct.

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
}

/** Keys under `claudeHealth.`, as the adapter reads them and package.json declares them. */
export const SETTING_KEYS = {
  apiBaseUrl: 'apiBaseUrl',
  statusPageUrl: 'statusPageUrl',
  statusPageIntervalSeconds: 'statusPage.intervalSeconds',
  probeMode: 'probe.mode',
  probeIntervalSeconds: 'probe.intervalSeconds',
  probeModels: 'probe.models',
  probeTimeoutMs: 'probe.timeoutMs',
  probeIdleMinutes: 'probe.idleMinutes',
  windowMinutes: 'signals.windowMinutes',
  degradeAfter: 'health.degradeAfter',
  recoverAfter: 'health.recoverAfter',
  watchedComponents: 'statusPage.components',
  notifications: 'notifications',
} as const satisfies Record<keyof Settings, string>;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  apiBaseUrl: '',
  statusPageUrl: DEFAULT_STATUS_PAGE_URL,
  statusPageIntervalSeconds: 60,
  probeMode: 'models',
  probeIntervalSeconds: 60,
  probeModels: ['claude-haiku-4-5'],
  probeTimeoutMs: 10_000,
  probeIdleMinutes: 15,
  windowMinutes: 15,
  degradeAfter: 2,
  recoverAfter: 2,
  watchedComponents: [COMPONENT_IDS.claudeApi],
  notifications: 'outages',
});

/** Inclusive ranges for numeric settings; values outside are clamped. */
export const NUMERIC_RANGES = {
  statusPageIntervalSeconds: { min: 5, max: 3600 },
  probeIntervalSeconds: { min: 5, max: 3600 },
  probeTimeoutMs: { min: 1000, max: 120_000 },
  probeIdleMinutes: { min: 0, max: 1440 },
  windowMinutes: { min: 1, max: 1440 },
  degradeAfter: { min: 1, max: 10 },
  recoverAfter: { min: 1, max: 10 },
} as const;

const MAX_PROBE_MODELS = 5;
const MAX_WATCHED_COMPONENTS = 20;
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$/;
const COMPONENT_ID = /^[a-z0-9]{1,32}$/;

export interface ValidatedSettings {
  settings: Settings;
  /** One sentence per value that was ignored or corrected, naming the setting. */
  problems: string[];
}

type NumericKey = keyof typeof NUMERIC_RANGES;

/**
 * Builds Settings from raw configuration values. `read` returns the value for a
 * key of SETTING_KEYS (undefined when unset). Never throws.
 */
export function validateSettings(read: (key: SettingKey) => unknown): ValidatedSettings {
  const problems: string[] = [];
  const name = (key: SettingKey) => `${SETTINGS_SECTION}.${key}`;
  const safeRead = (key: SettingKey): unknown => {
    try {
      return read(key);
    } catch {
      problems.push(`${name(key)} could not be read; using the default.`);
      return undefined;
    }
  };

  const numeric = (field: NumericKey): number => {
    const key = SETTING_KEYS[field];
    const fallback = DEFAULT_SETTINGS[field];
    const raw = safeRead(key);
    if (raw === undefined || raw === null) return fallback;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${name(key)} must be a number; using ${fallback}.`);
      return fallback;
    }
    const { min, max } = NUMERIC_RANGES[field];
    const rounded = Math.round(value);
    const clamped = Math.min(max, Math.max(min, rounded));
    if (clamped !== rounded) problems.push(`${name(key)} must be between ${min} and ${max}; using ${clamped}.`);
    return clamped;
  };

  const oneOf = <T extends string>(key: SettingKey, allowed: readonly T[], fallback: T): T => {
    const raw = safeRead(key);
    if (raw === undefined || raw === null) return fallback;
    if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name(key)} must be one of ${allowed.join(', ')}; using ${fallback}.`);
    return fallback;
  };

  const stringList = (key: SettingKey, pattern: RegExp, max: number, fallback: readonly string[]): string[] => {
    const raw = safeRead(key);
    if (raw === undefined || raw === null) return [...fallback];
    if (!Array.isArray(raw)) {
      problems.push(`${name(key)} must be a list; using the default.`);
      return [...fallback];
    }
    const kept: string[] = [];
    for (const item of raw) {
      if (typeof item === 'string' && pattern.test(item.trim())) {
        if (!kept.includes(item.trim())) kept.push(item.trim());
      } else {
        problems.push(`${name(key)} has an invalid entry ${describe(item)}; it is ignored.`);
      }
    }
    if (kept.length > max) {
      problems.push(`${name(key)} keeps only its first ${max} entries.`);
      kept.length = max;
    }
    if (kept.length === 0) {
      problems.push(`${name(key)} is empty; using the default.`);
      return [...fallback];
    }
    return kept;
  };

  const url = (key: SettingKey, fallback: string): string => {
    const raw = safeRead(key);
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return fallback;
    if (typeof raw === 'string') {
      const checked = checkHttpUrl(raw.trim());
      if (checked.ok) return checked.url;
      problems.push(`${name(key)} ${checked.reason}; ${fallback ? `using ${fallback}` : 'it is ignored'}.`);
      return fallback;
    }
    problems.push(`${name(key)} must be a URL; ${fallback ? `using ${fallback}` : 'it is ignored'}.`);
    return fallback;
  };

  const settings: Settings = {
    apiBaseUrl: url(SETTING_KEYS.apiBaseUrl, ''),
    statusPageUrl: url(SETTING_KEYS.statusPageUrl, DEFAULT_STATUS_PAGE_URL),
    statusPageIntervalSeconds: numeric('statusPageIntervalSeconds'),
    probeMode: oneOf(SETTING_KEYS.probeMode, PROBE_MODES, DEFAULT_SETTINGS.probeMode),
    probeIntervalSeconds: numeric('probeIntervalSeconds'),
    probeModels: stringList(SETTING_KEYS.probeModels, MODEL_NAME, MAX_PROBE_MODELS, DEFAULT_SETTINGS.probeModels),
    probeTimeoutMs: numeric('probeTimeoutMs'),
    probeIdleMinutes: numeric('probeIdleMinutes'),
    windowMinutes: numeric('windowMinutes'),
    degradeAfter: numeric('degradeAfter'),
    recoverAfter: numeric('recoverAfter'),
    watchedComponents: stringList(
      SETTING_KEYS.watchedComponents,
      COMPONENT_ID,
      MAX_WATCHED_COMPONENTS,
      DEFAULT_SETTINGS.watchedComponents,
    ),
    notifications: oneOf(SETTING_KEYS.notifications, NOTIFICATION_LEVELS, DEFAULT_SETTINGS.notifications),
  };
  return { settings, problems };
}

/** Settings from a plain object keyed like SETTING_KEYS (tests, CLI, bench). */
export function settingsFrom(values: Partial<Record<SettingKey, unknown>>): Settings {
  return validateSettings((key) => values[key]).settings;
}

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Accepts absolute http(s) URLs without credentials; returns them without a trailing slash. */
export function checkHttpUrl(raw: string): UrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, reason: 'must start with https:// or http://' };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: 'must not contain a user name or password' };
  return { ok: true, url: parsed.href.replace(/\/+$/, '') };
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? typeof value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// The monitor's settings as `watch` flags and as a config file. Each setting
// keeps the checks the extension applies to it, but where the extension
// corrects a bad value and carries on, the command line refuses it: a typo in
// a CI step should fail the step, not probe something else.
import { readFileSync, statSync } from 'node:fs';
import { MONITOR_SPECS, readSetting, SETTINGS_SECTION, validateSettings, type SettingKey, type Settings, type SettingSpec } from '../../core/settings';
import { choiceFlag, integerFlag, listFlag, modelFlag, stringFlag, urlFlag, type CliFlags } from '../flags';
import { english, type Translate } from '../../core/l10n';
import { UsageError } from '../io';
import { parseJsonBounded } from '../../core/json/bounded';

type Field = keyof typeof MONITOR_SPECS;

/** `statusPage.intervalSeconds` → `status-page-interval-seconds`. */
export function flagNameOf(key: string): string {
  return key.replace(/\./g, '-').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Every monitor setting, with the flag that sets it. */
export const SETTING_FLAGS: readonly { field: Field; key: SettingKey; flag: string; spec: SettingSpec }[] = Object.entries(MONITOR_SPECS).map(
  ([field, spec]) => ({ field: field as Field, key: spec.key, flag: flagNameOf(spec.key), spec }),
);

/** For parseArgs: one string option per setting, list settings repeatable. */
export const SETTING_OPTIONS: Record<string, { type: 'string'; multiple?: true }> = Object.fromEntries(
  SETTING_FLAGS.map(({ flag, spec }) => [flag, spec.kind === 'list' ? { type: 'string', multiple: true } : { type: 'string' }]),
);

/** A config file is a handful of settings: anything larger or deeper is not one. */
const MAX_CONFIG_BYTES = 64 * 1024;
const CONFIG_MAX_DEPTH = 8;

/**
 * The first correction readSetting would make, without its "; using …"
 * remedy (the command line refuses rather than corrects), or undefined when
 * the value is fine; in the translator's language.
 */
function refusal(spec: SettingSpec, raw: unknown, name: string, t: Translate = english): string | undefined {
  const problems: string[] = [];
  readSetting(spec, () => raw, name, problems, t);
  const first = problems[0];
  if (first === undefined) return undefined;
  const cut = first.search(/; |；/);
  return cut > 0 ? first.slice(0, cut) : first.replace(/[.。]$/, '');
}

/** Refuses a value the setting's check corrects, in the user's language. */
function refuseIfCorrected(spec: SettingSpec, raw: unknown, name: string): void {
  if (refusal(spec, raw, name) !== undefined) throw new UsageError((t) => refusal(spec, raw, name, t) ?? '');
}

/** The settings a config file sets, checked; keys as in settings.json without `claudeHealth.` (the prefix is tolerated). */
export function readConfigFile(file: string): Partial<Record<SettingKey, unknown>> {
  let text: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) throw new UsageError((t) => t`--config ${file} is larger than ${MAX_CONFIG_BYTES / 1024} KiB; it is not a settings file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError((t) => t`--config ${file} cannot be read (${why})`);
  }
  // The shared bounded parser: its messages quote nothing from the file (JSON.parse's do, e.g. "root:x:0:0").
  const result = parseJsonBounded(text, { maxBytes: MAX_CONFIG_BYTES, maxDepth: CONFIG_MAX_DEPTH });
  if (!result.ok) {
    const why = result.message;
    throw new UsageError((t) => t`--config ${file} is not a settings file: ${why}`);
  }
  const parsed = result.value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError((t) => t`--config ${file} must hold a JSON object of settings, such as {"probe.intervalSeconds": 30}`);
  }
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const [rawKey, raw] of Object.entries(parsed)) {
    const key = rawKey.startsWith(`${SETTINGS_SECTION}.`) ? rawKey.slice(SETTINGS_SECTION.length + 1) : rawKey;
    const setting = SETTING_FLAGS.find((candidate) => candidate.key === key);
    if (!setting) {
      const known = SETTING_FLAGS.map((candidate) => candidate.key).join(', ');
      throw new UsageError((t) => t`${file}: unknown setting "${rawKey.slice(0, 60)}"; the settings are ${known}`);
    }
    refuseIfCorrected(setting.spec, raw, `${file}: ${key}`);
    values[setting.key] = raw;
  }
  return values;
}

/** `true` / `false` as booleans; anything else stays text, for the check to refuse with the setting's name. */
function booleanWord(raw: string | undefined): unknown {
  return raw === 'true' ? true : raw === 'false' ? false : raw;
}

/** The settings the flags set, checked; numbers must be whole and in range, lists are comma-separated or repeated. */
export function readSettingFlags(flags: CliFlags): Partial<Record<SettingKey, unknown>> {
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const { key, flag, spec } of SETTING_FLAGS) {
    if (flags[flag] === undefined) continue;
    // The flag helpers refuse a bad value in the user's language; the setting's own check below catches the rest.
    let raw: unknown;
    if (spec.kind === 'number') raw = integerFlag(flags, flag, { min: spec.min, max: spec.max });
    else if (spec.kind === 'list') raw = listFlag(flags, flag);
    else if (spec.kind === 'boolean') raw = booleanWord(choiceFlag(flags, flag, ['true', 'false']));
    else if (spec.kind === 'enum') raw = choiceFlag(flags, flag, spec.values);
    // An empty URL means the default, as in settings.json.
    else if (spec.kind === 'url') raw = stringFlag(flags, flag)?.trim() === '' ? '' : urlFlag(flags, flag);
    else if (spec.kind === 'model') raw = modelFlag(flags, flag);
    else raw = stringFlag(flags, flag);
    refuseIfCorrected(spec, raw, `--${flag}`);
    values[key] = raw;
  }
  return values;
}

/** Defaults, then the config file, then the flags. */
export function watchSettings(flags: CliFlags): Settings {
  const file = stringFlag(flags, 'config');
  const values = { ...(file === undefined ? {} : readConfigFile(file)), ...readSettingFlags(flags) };
  const { settings, problems } = validateSettings((key) => values[key]);
  // Every value was checked above; a problem here would be a setting that depends on another.
  if (problems[0] !== undefined) throw new UsageError(problems[0]);
  return settings;
}

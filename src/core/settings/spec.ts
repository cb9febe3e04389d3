// How one setting is declared (default, range or choices, scope) and the one
// routine that turns a raw value, anything a user or a workspace can type into
// settings.json, into a usable value plus a sentence for each correction.
// It never throws: a value whose reading or inspection throws (a getter, a
// Proxy, a BigInt, a cycle) gives the default and a sentence.
import { checkEndpointList, type CompareEndpoint } from './compare-endpoints';
import { MODEL_NAME_PATTERN } from './model-name';
import { checkHttpUrl } from './url';
import { english, type Translate } from '../l10n';

/** VS Code's configuration scopes. `machine` and `application` values cannot come from a workspace. */
export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';

export const WORKSPACE_PROOF_SCOPES: readonly SettingScope[] = ['machine', 'application'];

interface Declared {
  /** Relative to the section, e.g. `probe.mode` under `claudeHealth`. */
  key: string;
  scope: SettingScope;
}

/** Rounded to an integer and clamped into [min, max]; numeric strings are accepted. */
export interface NumberSpec extends Declared {
  kind: 'number';
  default: number;
  min: number;
  max: number;
}

export interface EnumSpec<T extends string = string> extends Declared {
  kind: 'enum';
  default: T;
  values: readonly T[];
}

/** Trimmed, de-duplicated strings matching `pattern`, at most `maxItems`. */
export interface ListSpec extends Declared {
  kind: 'list';
  default: readonly string[];
  pattern: RegExp;
  maxItems: number;
  /** An empty list is a choice (e.g. "compare with no resolver") rather than a mistake. */
  emptyAllowed: boolean;
}

/** An http(s) URL without credentials, or empty when the default is empty. */
export interface UrlSpec extends Declared {
  kind: 'url';
  default: string;
}

export interface ModelSpec extends Declared {
  kind: 'model';
  default: string;
}

/** Free text, trimmed and bounded; another layer gives it meaning (e.g. a proxy URL). */
export interface TextSpec extends Declared {
  kind: 'text';
  default: string;
  maxLength: number;
}

export interface BooleanSpec extends Declared {
  kind: 'boolean';
  default: boolean;
}

/** Endpoints compared side by side with the configured one: {name, baseUrl, keyEnv} each. */
export interface EndpointsSpec extends Declared {
  kind: 'endpoints';
  default: readonly CompareEndpoint[];
}

export type SettingSpec = NumberSpec | EnumSpec | ListSpec | UrlSpec | ModelSpec | TextSpec | BooleanSpec | EndpointsSpec;

/** The value type a spec yields. */
export type SpecValue<S> =
  S extends { kind: 'number' } ? number
  : S extends { kind: 'enum'; values: readonly (infer V)[] } ? V
  : S extends { kind: 'list' } ? string[]
  : S extends { kind: 'boolean' } ? boolean
  : S extends { kind: 'endpoints' } ? CompareEndpoint[]
  : string;

export type SectionSpec = Readonly<Record<string, SettingSpec>>;
export type SectionValues<T extends SectionSpec> = { -readonly [F in keyof T]: SpecValue<T[F]> };
/** The keys a section reads, relative to its prefix. */
export type SectionKey<T extends SectionSpec> = T[keyof T]['key'];

/** At most this many entries of a list are looked at: a list is never walked to an unbounded length. */
export const MAX_LIST_SCAN = 100;

/** Shows a rejected value in a problem sentence: short, and safe for any value at all. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    if (typeof value === 'bigint') text = `${value.toString().slice(0, 40)}n`;
    else if (typeof value === 'string') text = JSON.stringify(value.length > 40 ? value.slice(0, 40) : value);
    else if (typeof value === 'symbol' || typeof value === 'function' || value === undefined) text = typeof value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
    else text = Array.isArray(value) ? 'a list' : 'an object';
  } catch {
    text = 'an unreadable value';
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

type Read = (key: string) => unknown;

/**
 * Reads and checks one setting. `read` returns the raw value for the spec's
 * key (undefined when unset); `name` is the full setting name for sentences.
 */
export function readSetting<S extends SettingSpec>(spec: S, read: Read, name: string, problems: string[], t: Translate = english): SpecValue<S> {
  const fallback = copyDefault(spec);
  let raw: unknown;
  try {
    raw = read(spec.key);
  } catch {
    problems.push(t`${name} could not be read; using the default.`);
    return fallback;
  }
  if (raw === undefined || raw === null) return fallback;
  try {
    return check(spec, raw, name, problems, t) as SpecValue<S>;
  } catch {
    problems.push(t`${name} could not be read; using the default.`);
    return fallback;
  }
}

function copyDefault<S extends SettingSpec>(spec: S): SpecValue<S> {
  return (Array.isArray(spec.default) ? [...(spec.default as unknown[])] : spec.default) as SpecValue<S>;
}

function check(spec: SettingSpec, raw: unknown, name: string, problems: string[], t: Translate): unknown {
  switch (spec.kind) {
    case 'number':
      return clampNumber(raw, spec, name, problems, t);
    case 'enum':
      if (typeof raw === 'string' && spec.values.includes(raw)) return raw;
      problems.push(t`${name} must be one of ${spec.values.join(', ')}; using ${spec.default}.`);
      return spec.default;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      problems.push(t`${name} must be true or false; using ${String(spec.default)}.`);
      return spec.default;
    case 'model':
      if (typeof raw === 'string' && MODEL_NAME_PATTERN.test(raw)) return raw;
      problems.push(t`${name} is not a model name; using ${spec.default}.`);
      return spec.default;
    case 'text':
      if (typeof raw === 'string' && raw.length <= spec.maxLength) return raw.trim();
      problems.push(spec.default ? t`${name} must be text of at most ${spec.maxLength} characters; using ${spec.default}.` : t`${name} must be text of at most ${spec.maxLength} characters; using none.`);
      return spec.default;
    case 'url':
      return checkUrl(raw, spec, name, problems, t);
    case 'list':
      return checkList(raw, spec, name, problems, t);
    case 'endpoints':
      return checkEndpointList(raw, name, MAX_LIST_SCAN, problems);
  }
}

/**
 * The clamp-and-explain rule for every numeric setting: numbers (or numeric
 * strings) are rounded and clamped into the range, anything else gives the
 * default; each correction is said in words.
 */
export function clampNumber(raw: unknown, spec: Pick<NumberSpec, 'default' | 'min' | 'max'>, name: string, problems: string[], t: Translate = english): number {
  const value = typeof raw === 'string' && raw.trim() !== '' && raw.length <= 40 ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(t`${name} must be a number; using ${spec.default}.`);
    return spec.default;
  }
  const rounded = Math.round(value);
  const clamped = Math.min(spec.max, Math.max(spec.min, rounded));
  if (clamped !== rounded) problems.push(t`${name} must be between ${spec.min} and ${spec.max}; using ${clamped}.`);
  return clamped;
}

function checkUrl(raw: unknown, spec: UrlSpec, name: string, problems: string[], t: Translate): string {
  if (typeof raw === 'string' && raw.trim() === '') return spec.default;
  const instead = spec.default ? t`using ${spec.default}` : t`it is ignored`;
  if (typeof raw !== 'string') {
    problems.push(t`${name} must be a URL; ${instead}.`);
    return spec.default;
  }
  const checked = checkHttpUrl(raw.trim(), t);
  if (checked.ok) return checked.url;
  problems.push(t`${name} ${checked.reason}; ${instead}.`);
  return spec.default;
}

function checkList(raw: unknown, spec: ListSpec, name: string, problems: string[], t: Translate): string[] {
  if (!Array.isArray(raw)) {
    problems.push(t`${name} must be a list; using the default.`);
    return [...spec.default];
  }
  const length = raw.length;
  if (length > MAX_LIST_SCAN) problems.push(t`${name} has more than ${MAX_LIST_SCAN} entries; only the first ${MAX_LIST_SCAN} are read.`);
  const kept: string[] = [];
  const invalid: unknown[] = [];
  for (let index = 0; index < Math.min(length, MAX_LIST_SCAN); index++) {
    const item: unknown = raw[index];
    const trimmed = typeof item === 'string' ? item.trim() : undefined;
    if (trimmed !== undefined && spec.pattern.test(trimmed)) {
      if (!kept.includes(trimmed)) kept.push(trimmed);
    } else {
      invalid.push(item);
    }
  }
  // One sentence however many entries are wrong: the log stays readable.
  if (invalid.length === 1) problems.push(t`${name} has an invalid entry ${describeValue(invalid[0])}; it is ignored.`);
  else if (invalid.length > 1) problems.push(t`${name} has ${invalid.length} invalid entries, the first ${describeValue(invalid[0])}; they are ignored.`);
  if (kept.length > spec.maxItems) {
    problems.push(t`${name} keeps only its first ${spec.maxItems} entries.`);
    kept.length = spec.maxItems;
  }
  if (kept.length === 0 && !(spec.emptyAllowed && length === 0)) {
    problems.push(t`${name} is empty; using the default.`);
    return [...spec.default];
  }
  return kept;
}

/** Reads every setting of a section; `prefix` names them in sentences (e.g. `claudeHealth`). */
export function readSection<T extends SectionSpec>(specs: T, read: (key: SectionKey<T>) => unknown, prefix: string, problems: string[]): SectionValues<T> {
  const values: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(specs)) values[field] = readSetting(spec, read, `${prefix}.${spec.key}`, problems);
  return values as SectionValues<T>;
}

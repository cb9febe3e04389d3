// Reading the flags every command shares, so that each kind of flag is checked
// the same way and a bad one is refused with a reason that names the flag as
// the user typed it.
import { parseProxyUrl } from '../core/net/proxy-config';
import { checkHttpUrl, DEFAULT_PROBE_MODEL, isModelName } from '../core/settings';
import type { Translate } from '../core/l10n';
import { UsageError } from './io';

/**
 * Parsed flags, as node:util parseArgs gives them: a string or a boolean, or
 * every value in order for an option declared `multiple`.
 */
export type CliFlags = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/**
 * The range of --timeout-ms for every command. Wider than the timeout settings
 * on purpose: a CI step or a shell prompt may want an answer within 100 ms, and
 * no value a command accepted before is refused now (status and probe took
 * 100 to 600000; diagnose 100 to 300000).
 */
export const TIMEOUT_MS_RANGE = { min: 100, max: 600_000, unit: 'milliseconds' } as const;

/** What a number flag counts, named in its error. */
export type NumberUnit = 'milliseconds' | 'seconds' | 'minutes' | 'attempts' | 'requests';

function unitWord(unit: NumberUnit, t: Translate): string {
  switch (unit) {
    case 'milliseconds':
      return t`milliseconds`;
    case 'seconds':
      return t`seconds`;
    case 'minutes':
      return t`minutes`;
    case 'attempts':
      return t`attempts`;
    case 'requests':
      return t`requests`;
  }
}

export const PORT_RANGE = { min: 0, max: 65535 } as const;

/** Whole numbers only, short enough to be exact: no "1e3", "0x10", " 5" or "". */
const WHOLE_NUMBER = /^-?\d{1,15}$/;

/** Echoes what the user typed without a password in it, and not at length. */
function quoted(raw: string): string {
  const shown = raw.replace(/\/\/[^/@]*@/, '//…@');
  return `"${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}"`;
}

/** A flag that takes a value; the last one when it was given more than once. */
export function stringFlag(flags: CliFlags, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value !== 'boolean' && value.length > 0) return value[value.length - 1];
  throw new UsageError((t) => t`--${name} needs a value`);
}

export function booleanFlag(flags: CliFlags, name: string): boolean {
  const value = flags[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new UsageError((t) => t`--${name} takes no value`);
  return value;
}

/**
 * A list flag: comma-separated, and repeatable (`--component a,b --component c`
 * when the option is declared `multiple`). Undefined when not given at all; an
 * empty list when given as "".
 */
export function listFlag(flags: CliFlags, name: string): string[] | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') throw new UsageError((t) => t`--${name} needs a value`);
  const values: readonly string[] = typeof value === 'string' ? [value] : value;
  return values
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Every value of a repeatable flag, as typed (no splitting at commas); undefined when not given. */
export function repeatedFlag(flags: CliFlags, name: string): readonly string[] | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') throw new UsageError((t) => t`--${name} needs a value`);
  return typeof value === 'string' ? [value] : value;
}

export interface IntegerRange {
  min: number;
  max: number;
  /** Said in the error: "a whole number of milliseconds". */
  unit?: NumberUnit;
}

/** A whole number within the range, or undefined when the flag was not given. */
export function integerFlag(flags: CliFlags, name: string, range: IntegerRange): number | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const value = WHOLE_NUMBER.test(raw) ? Number(raw) : NaN;
  if (!(value >= range.min && value <= range.max)) {
    const { min, max, unit } = range;
    throw new UsageError((t) =>
      unit ? t`--${name} must be a whole number of ${unitWord(unit, t)} from ${min} to ${max}, not ${quoted(raw)}` : t`--${name} must be a whole number from ${min} to ${max}, not ${quoted(raw)}`,
    );
  }
  return value;
}

/**
 * An http(s) URL without credentials, trailing slashes removed. Of several
 * names for the same flag (`--status-url`, `--url`), the first one given is
 * read and named in the error.
 */
export function urlFlag(flags: CliFlags, ...names: [string, ...string[]]): string | undefined {
  const name = names.find((candidate) => flags[candidate] !== undefined);
  if (name === undefined) return undefined;
  const raw = stringFlag(flags, name) ?? '';
  const checked = checkHttpUrl(raw.trim());
  if (!checked.ok) {
    throw new UsageError((t) => {
      const reason = checkHttpUrl(raw.trim(), t);
      return t`--${name} ${reason.ok ? '' : reason.reason}: ${quoted(raw)}`;
    });
  }
  return checked.url;
}

/**
 * A proxy URL (http:// or https://, a bare host:port meaning http), checked
 * here so that a bad one is named as the flag rather than as a setting.
 */
export function proxyFlag(flags: CliFlags, name = 'proxy'): string | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const parsed = parseProxyUrl(raw.trim());
  if (!(parsed instanceof URL)) throw new UsageError((t) => t`--${name} takes a proxy URL such as http://proxy.example:8080, not ${quoted(raw)}`);
  return raw.trim();
}

/** One of a fixed set of words, e.g. --mode models. */
export function choiceFlag<T extends string>(flags: CliFlags, name: string, choices: readonly T[]): T | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError((t) => t`--${name} must be one of ${choices.join(', ')}, not ${quoted(raw)}`);
  return raw as T;
}

/** A model id, checked as strictly as the settings check it (it may land inside a string literal). */
export function modelFlag(flags: CliFlags, name = 'model'): string | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  if (!isModelName(raw)) throw new UsageError((t) => t`--${name} must be a model id such as ${DEFAULT_PROBE_MODEL}, not ${quoted(raw)}`);
  return raw;
}

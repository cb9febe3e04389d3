// The CLI's language: --locale (anywhere before "--"), else the terminal's
// LC_ALL, LC_MESSAGES or LANG. It picks the core catalogue, so the CLI and the
// extension say the same things; JSON keys, ids and statuses stay English.
import { isKnownLocaleTag, localeFromEnv, translatorFor, type Translate } from '../core/l10n';
import { UsageError, type CliIo } from './io';

export function localeFlagHelp(t: Translate): string {
  return t`Language of the human-readable output: en or zh-CN. Default: LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8 gives Chinese). JSON keys and ids stay English.`;
}

/** argv without --locale and its value, and that value; refuses a missing or unknown one. */
export function takeLocaleFlag(argv: readonly string[]): { argv: string[]; locale?: string } {
  const rest: string[] = [];
  let locale: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--locale' || arg.startsWith('--locale=')) {
      const value = arg === '--locale' ? argv[++i] : arg.slice('--locale='.length);
      if (value === undefined || value === '' || value.startsWith('-')) throw new UsageError((t) => t`--locale needs a value: en or zh-CN`);
      if (!isKnownLocaleTag(value)) throw new UsageError((t) => t`--locale must be en or zh-CN, not "${value.slice(0, 40)}"`);
      locale = value;
      continue;
    }
    rest.push(arg);
  }
  return locale === undefined ? { argv: rest } : { argv: rest, locale };
}

/** The translator for this run's output. */
export function cliTranslator(io: CliIo): Translate {
  return translatorFor(io.locale ?? localeFromEnv(io.env));
}

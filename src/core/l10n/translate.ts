// The one message catalogue of the pure core. Text is written as a tagged
// template, t`connection refused by ${where}`; its key is the English text with
// {0}, {1}… for the values ("connection refused by {0}"), as vscode.l10n keys
// are. English needs no table: the template is the text. Other locales look the
// key up in their catalogue and fall back to English for a key they lack (a
// unit test lists every key in src/core and fails on one without a translation).
import { resolveLocale, type Locale } from './locale';
import type * as ChineseCatalogue from './zh-cn';

export interface Translate {
  (strings: TemplateStringsArray, ...values: readonly unknown[]): string;
  readonly locale: Locale;
}

type Catalogue = Readonly<Record<string, string>>;

const loaded: Partial<Record<Locale, Catalogue>> = { en: {} };

/**
 * A locale's catalogue, loaded at its first use. Built, the Chinese one is a sibling
 * bundle (dist/l10n-zh-cn.js, see esbuild.js): about 140 KB that an English window or
 * CLI never parses. It was a fifth of extension.js, and activation's load time with it.
 */
function catalogueFor(locale: Locale): Catalogue {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on first use; the translator is synchronous
  return (loaded[locale] ??= (require('./zh-cn') as typeof ChineseCatalogue).ZH_CN);
}

/** The catalogue key of a template: its literal parts joined by {0}, {1}… */
export function templateKey(strings: readonly string[]): string {
  return strings.reduce((key, part, index) => (index === 0 ? part : `${key}{${index - 1}}${part}`), '');
}

/** Fills {0}, {1}… with the values; a placeholder without a value stays as written. */
export function fillPlaceholders(message: string, values: readonly unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : match));
}

function interleave(strings: readonly string[], values: readonly unknown[]): string {
  return strings.reduce((text, part, index) => (index === 0 ? part : `${text}${String(values[index - 1])}${part}`), '');
}

/** A translator for a locale of ours, a VS Code language id ("zh-cn") or a POSIX locale ("zh_CN.UTF-8"). */
export function translatorFor(locale: string | undefined): Translate {
  const resolved = resolveLocale(locale);
  const catalogue = catalogueFor(resolved);
  const t = (strings: TemplateStringsArray, ...values: readonly unknown[]): string => {
    const translated = resolved === 'en' ? undefined : catalogue[templateKey(strings)];
    return translated === undefined ? interleave(strings, values) : fillPlaceholders(translated, values);
  };
  return Object.assign(t, { locale: resolved });
}

/** The default everywhere a caller passes no translator: English, as before localisation. */
export const english: Translate = translatorFor('en');

/** The catalogue of a locale, for tests and tools. */
export function catalogueOf(locale: Locale): Catalogue {
  return catalogueFor(locale);
}

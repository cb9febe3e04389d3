// The language of a webview page: the host writes it on <html lang> (from
// VS Code's display language, see src/vscode/panels/page-html.ts) and the
// page's scripts pick their strings table and date formats from it. Only the
// locale resolver is imported from the core, never its catalogue: the page
// bundles carry their own few words. No DOM globals here: the callers pass
// the document and the browser's languages (and the unit tests plain values).
import { resolveLocale, type Locale } from '../core/l10n/locale';

export type { Locale } from '../core/l10n/locale';

/** The page's locale, from <html lang> (document.documentElement): "zh-CN" → zh-cn; anything else (or nothing) → en. */
export function pageLocale(root: { lang: string }): Locale {
  return resolveLocale(root.lang);
}

/**
 * The tag Intl formats dates with: Chinese for a Chinese page; for an English
 * page the browser's own English (navigator.languages: en-GB keeps its
 * day-first dates), else "en".
 */
export function dateLocale(locale: Locale, preferred: readonly string[]): string {
  if (locale === 'zh-cn') return 'zh-CN';
  return preferred.find((tag) => /^en(-|$)/i.test(tag)) ?? 'en';
}

/** A table's word for a value from the data, or the value itself when the table has none. */
export function wordFor<K extends string>(table: Readonly<Record<K, string>>, key: string): string {
  return Object.hasOwn(table, key) ? table[key as K] : key;
}

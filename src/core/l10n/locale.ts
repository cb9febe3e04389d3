// Which of our locales a language tag or a POSIX locale means. VS Code gives
// "zh-cn"; a shell gives "zh_CN.UTF-8"; both mean Simplified Chinese. Anything
// we have no catalogue for (including Traditional Chinese) reads English.
export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** Tags that mean Traditional Chinese, which we do not have: English rather than the wrong script. */
const TRADITIONAL = /^zh[-_](tw|hk|mo|hant)\b/i;

/** "zh-CN", "zh_CN.UTF-8", "zh-Hans-CN", "zh" → zh-cn; "C", "POSIX", "en_US.UTF-8", unknown → en. */
export function resolveLocale(tag: string | undefined): Locale {
  const clean = (tag ?? '').trim().replace(/[.@].*$/, '');
  if (/^zh([-_]|$)/i.test(clean) && !TRADITIONAL.test(clean)) return 'zh-cn';
  return 'en';
}

/** Whether a tag names a locale we have, for validating --locale. */
export function isKnownLocaleTag(tag: string): boolean {
  const clean = tag.trim().replace(/[.@].*$/, '');
  return /^(en|zh)([-_][A-Za-z0-9]+)*$/i.test(clean) && !TRADITIONAL.test(clean);
}

/**
 * The locale of a terminal, by POSIX precedence: LC_ALL, then LC_MESSAGES,
 * then LANG; the first one set and non-empty decides.
 */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.trim();
    if (value) return resolveLocale(value);
  }
  return 'en';
}

export { isKnownLocaleTag, localeFromEnv, resolveLocale, LOCALES, type Locale } from './locale';
export { english, translatorFor, type Translate } from './translate';

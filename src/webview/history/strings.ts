// The history panel's words in the page's language (<html lang>, set by the host).
import { pageLocale } from '../page-locale';
import { HISTORY_EN, type HistoryStrings } from './strings-en';
import { HISTORY_ZH_CN } from './strings-zh-cn';

export type { HistoryStrings } from './strings-en';

export const STRINGS: HistoryStrings = pageLocale(document.documentElement) === 'zh-cn' ? HISTORY_ZH_CN : HISTORY_EN;

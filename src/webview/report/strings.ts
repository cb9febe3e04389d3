// The report webview's words in the page's language (<html lang>, set by the host).
import { pageLocale } from '../page-locale';
import { REPORT_EN, type ReportStrings } from './strings-en';
import { REPORT_ZH_CN } from './strings-zh-cn';

export type { ReportStrings } from './strings-en';
export { duration } from './duration';

export const STRINGS: ReportStrings = pageLocale(document.documentElement) === 'zh-cn' ? REPORT_ZH_CN : REPORT_EN;

// A few DOM helpers shared by the webviews. Text goes in as textContent only:
// nothing from the report or the history is ever parsed as HTML.
import { dateLocale, pageLocale } from './page-locale';

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

// Built once, in the page's language: toLocaleTimeString() builds a formatter per call, which costs more than the whole table it labels.
const DATE_LOCALE = dateLocale(pageLocale(document.documentElement), navigator.languages ?? []);
const TIME = new Intl.DateTimeFormat(DATE_LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat(DATE_LOCALE, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const FULL_DATE_TIME = new Intl.DateTimeFormat(DATE_LOCALE, { dateStyle: 'medium', timeStyle: 'medium' });

/** A local time like "14:05:09" or, across days, "Jan 2, 14:05:09" (in Chinese "1月2日 14:05:09"). */
export function localTime(at: number, withDate = false): string {
  return (withDate ? DATE_TIME : TIME).format(at);
}

/** A date and time with the year, in the page's language; an unreadable date is shown as written. */
export function localDateTime(at: string): string {
  const time = Date.parse(at);
  return Number.isFinite(time) ? FULL_DATE_TIME.format(time) : at;
}

/** The acquireVsCodeApi() handle, typed as far as the panels use it. */
export interface WebviewApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): WebviewApi<State>;

export function vscodeApi<State>(): WebviewApi<State> {
  return acquireVsCodeApi<State>();
}

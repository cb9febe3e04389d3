// A sentence for whatever was thrown, when it is nothing we recognise. Code
// may throw anything (a string, a plain object, an Error whose message getter
// throws, a 50,000-level nested object), and the sentence must still be short,
// one line and free of the key.
import { previewJson } from '../json/bounded';
import { cleanText } from './clean';
import { redactSecrets } from '../net/redact';

const MAX_MESSAGE = 200;
const MAX_CHAIN = 4;

function read(object: unknown, key: string): unknown {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return undefined;
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * Redacted before it is cut to length, so the cut never leaves half a key the
 * pattern no longer sees; a generous slice first keeps the work bounded.
 */
function safeText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? cleanText(redactSecrets(value.slice(0, max * 8)), max) : undefined;
}

function isError(value: unknown): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false; // a proxy whose getPrototypeOf trap throws
  }
}

function isList(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false; // a revoked proxy
  }
}

/** What one link says: its message, else its type, else an Error's name ("TypeError"). */
function ownWords(link: unknown): string | undefined {
  const text = safeText(read(link, 'message'), MAX_MESSAGE) ?? safeText(read(link, 'type'), 64) ?? (isError(link) ? safeText(read(link, 'name'), 64) : undefined);
  return text?.replace(/[.:]+$/, '');
}

/** The messages down the `cause` chain, without repeats: "Connection error: fetch failed: socket hang up". */
function chainWords(error: unknown): string[] {
  const words: string[] = [];
  const seen = new Set<unknown>();
  let link: unknown = error;
  while (link !== undefined && link !== null && !seen.has(link) && seen.size < MAX_CHAIN) {
    seen.add(link);
    const text = typeof link === 'string' ? safeText(link, MAX_MESSAGE) : ownWords(link);
    if (text && !words.includes(text)) words.push(text);
    link = read(link, 'cause');
  }
  return words;
}

/**
 * "a thrown string: ...", the messages of an error and its causes, an
 * object's `message` or `type`, or its JSON preview; bounded and redacted.
 */
export function describeError(error: unknown): string {
  let text: string;
  if (typeof error === 'string') {
    text = safeText(error, MAX_MESSAGE) ?? 'an empty string was thrown';
  } else if (error === null || error === undefined) {
    text = `${String(error)} was thrown`;
  } else if (typeof error === 'object' || typeof error === 'function') {
    const words = chainWords(error);
    text = words.length > 0 ? words.join(': ') : `a thrown ${isList(error) ? 'list' : 'object'} ${safeText(previewJson(error, MAX_MESSAGE), MAX_MESSAGE) ?? ''}`.trim();
  } else {
    text = `a thrown ${typeof error} ${previewJson(error, 40)}`;
  }
  const bounded = text.length > MAX_MESSAGE * 2 ? `${text.slice(0, MAX_MESSAGE * 2 - 1)}…` : text;
  return redactSecrets(bounded);
}

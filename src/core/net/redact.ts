// The API key must never leave through a message, a log line or saved state.
// Everything the probe says passes through here; the generic pattern catches
// keys we were not told about (a key echoed back by a misbehaving proxy).
//
// A host that echoes the key may alter it: drop the `sk-ant-` prefix, keep
// only its tail, split it with spaces, percent-encode, base64- or hex-encode,
// or reverse it. So known secrets are also found by their fragments: every
// run of WINDOW letters and digits taken from one of those forms, compared
// case-blind with everything that is not a letter or digit left out. One
// pass over the text with a set lookup per position: linear in the text, no
// backtracking. A window of WINDOW letters and digits is a number in base 36
// (exact: 36^8 is far below 2^53), rolled along the text, so the pass builds
// no string per position: it runs on every log line of the traffic tap.

const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g;
const REDACTED = '[redacted]';
/** Letters and digits in a row that must match a form of the secret. */
const WINDOW = 8;
/** Matched runs shorter than this (in the original text) are left alone: short runs collide by chance. */
const MIN_SPAN = 10;
const CACHE_LIMIT = 16;
const WINDOW_SPACE = 36 ** WINDOW;

/** 0-9 for digits, 10-35 for letters of either case, -1 for anything else. */
function base36Digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
}

/** Letters and digits of a form only, case-blind: the number of each WINDOW-long run of them. */
function addWindows(form: string, into: Set<number>): number {
  let value = 0;
  let count = 0;
  for (let i = 0; i < form.length; i++) {
    const digit = base36Digit(form.charCodeAt(i));
    if (digit < 0) continue;
    value = (value * 36 + digit) % WINDOW_SPACE;
    if (++count >= WINDOW) into.add(value);
  }
  return count;
}

/** base64 of the secret at each byte alignment, without the edges that depend on the neighbours. */
function base64Interiors(secret: string): string[] {
  const forms: string[] = [];
  for (const pad of ['', 'x', 'xx']) {
    const encoded = Buffer.from(pad + secret).toString('base64').replace(/=+$/, '');
    forms.push(encoded.slice(pad.length ? 4 : 0, -4));
  }
  return forms;
}

/** The forms a host might echo: as is, reversed, percent-encoded, base64 (any alignment), hex. */
function formsOf(secret: string): string[] {
  const reversed = [...secret].reverse().join('');
  const percentEncoded = secret.replace(/[^A-Za-z0-9]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const hex = Buffer.from(secret).toString('hex');
  return [secret, reversed, percentEncoded, ...base64Interiors(secret), ...base64Interiors(reversed), hex, Buffer.from(reversed).toString('hex')];
}

/** Per secret: its windows, or undefined when it has too few letters and digits to have any. */
const windowCache = new Map<string, Set<number> | undefined>();

function windowsOf(secret: string): Set<number> | undefined {
  if (windowCache.has(secret)) return windowCache.get(secret);
  const windows = new Set<number>();
  const [plain, ...others] = formsOf(secret);
  const long = addWindows(plain!, windows) >= WINDOW;
  if (long) for (const form of others) addWindows(form, windows);
  if (windowCache.size >= CACHE_LIMIT) windowCache.delete(windowCache.keys().next().value as string);
  windowCache.set(secret, long ? windows : undefined);
  return long ? windows : undefined;
}

/** Spans [start, end) of the original text whose letters and digits match a form of a secret. */
function fragmentSpans(text: string, windowSets: readonly Set<number>[]): [number, number][] {
  // origin[n]: where the n-th letter or digit sits in the text; covered[n]: it belongs to a matched window.
  const origin = new Uint32Array(text.length);
  const covered = new Uint8Array(text.length);
  let count = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = base36Digit(text.charCodeAt(i));
    if (digit < 0) continue;
    origin[count++] = i;
    value = (value * 36 + digit) % WINDOW_SPACE;
    if (count < WINDOW) continue;
    for (const set of windowSets) {
      if (!set.has(value)) continue;
      covered.fill(1, count - WINDOW, count);
      break;
    }
  }
  const spans: [number, number][] = [];
  for (let i = 0; i < count; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < count && covered[j]) j++;
    const start = origin[i]!;
    const end = origin[j - 1]! + 1;
    if (end - start >= MIN_SPAN) spans.push([start, end]);
    i = j;
  }
  return spans;
}

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  const windowSets: Set<number>[] = [];
  for (const secret of known) {
    const windows = windowsOf(secret);
    if (windows) windowSets.push(windows);
  }
  if (windowSets.length) {
    const parts: string[] = [];
    let from = 0;
    for (const [start, end] of fragmentSpans(out, windowSets)) {
      parts.push(out.slice(from, start), REDACTED);
      from = end;
    }
    parts.push(out.slice(from));
    out = parts.join('');
  }
  // The check first: most text has nothing key-shaped, and a global replace costs more than a search.
  return out.includes('sk-ant-') ? out.replace(KEY_SHAPE, 'sk-ant-[redacted]') : out;
}

/** Every string inside plain data (arrays, objects) redacted; other values as they are. */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item as unknown, secrets)])) as T;
  }
  return value;
}

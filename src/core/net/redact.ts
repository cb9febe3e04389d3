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
// backtracking.

const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g;
const REDACTED = '[redacted]';
/** Letters and digits in a row that must match a form of the secret. */
const WINDOW = 8;
/** Matched runs shorter than this (in the original text) are left alone: short runs collide by chance. */
const MIN_SPAN = 10;
const CACHE_LIMIT = 16;

/** Lower-case letters and digits only, so separators, case and +/ vs -_ do not matter. */
function normalise(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out += char;
  }
  return out;
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

const windowCache = new Map<string, Set<string>>();

function windowsOf(secret: string): Set<string> {
  const cached = windowCache.get(secret);
  if (cached) return cached;
  const windows = new Set<string>();
  for (const form of formsOf(secret)) {
    const normalised = normalise(form);
    for (let i = 0; i + WINDOW <= normalised.length; i++) windows.add(normalised.slice(i, i + WINDOW));
  }
  if (windowCache.size >= CACHE_LIMIT) windowCache.delete(windowCache.keys().next().value as string);
  windowCache.set(secret, windows);
  return windows;
}

/** Spans [start, end) of the original text whose letters and digits match a form of a secret. */
function fragmentSpans(text: string, windowSets: readonly Set<string>[]): [number, number][] {
  let normalised = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) normalised += String.fromCharCode(code + 32);
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) normalised += text[i];
    else continue;
    origin.push(i);
  }
  const covered = new Uint8Array(normalised.length);
  for (let i = 0; i + WINDOW <= normalised.length; i++) {
    const window = normalised.slice(i, i + WINDOW);
    if (windowSets.some((set) => set.has(window))) covered.fill(1, i, i + WINDOW);
  }
  const spans: [number, number][] = [];
  for (let i = 0; i < covered.length; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < covered.length && covered[j]) j++;
    const start = origin[i] ?? 0;
    const end = (origin[j - 1] ?? start) + 1;
    if (end - start >= MIN_SPAN) spans.push([start, end]);
    i = j;
  }
  return spans;
}

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  for (const secret of known) out = out.split(secret).join(REDACTED);
  const windowSets = known.filter((secret) => normalise(secret).length >= WINDOW).map(windowsOf);
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
  return out.replace(KEY_SHAPE, 'sk-ant-[redacted]');
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

// Reading JSON that came from the network or from a thrown value. JSON.parse
// itself copes with deep nesting, but everything recursive after it (the
// SDK's JSON.stringify of an error message, our own descriptions) overflows
// the stack at a few thousand levels. So depth and size are checked with a
// linear scan before parsing, nested fields are read without invoking
// getters, and values are previewed without recursion.

export interface JsonBounds {
  /** Deepest nesting of arrays and objects accepted. */
  maxDepth: number;
  /** Longest text accepted, in UTF-8 bytes. */
  maxBytes: number;
}

/** Generous for any real API or Statuspage answer; far below what overflows a stack. */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxDepth: 64, maxBytes: 4 * 1024 * 1024 };

export type BoundedJson =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'too_large' | 'too_deep' | 'invalid'; message: string };

/**
 * The deepest nesting in `text`, stopping early once it passes `limit`.
 * Brackets inside strings do not count; the text need not be valid JSON.
 */
export function jsonNestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}

/** JSON.parse, refusing texts larger or deeper than the bounds first. Never throws. */
export function parseJsonBounded(text: string, bounds: Partial<JsonBounds> = {}): BoundedJson {
  const { maxDepth, maxBytes } = { ...DEFAULT_JSON_BOUNDS, ...bounds };
  // A UTF-16 unit is at least one UTF-8 byte, so the cheap check comes first.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, reason: 'too_large', message: `the JSON is larger than ${maxBytes} bytes` };
  }
  if (jsonNestingDepth(text, maxDepth) > maxDepth) {
    return { ok: false, reason: 'too_deep', message: `the JSON is nested deeper than ${maxDepth} levels` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid', message: 'the text is not valid JSON' };
  }
}

/**
 * `value[key1][key2]...`, reading own data properties only: no getter, proxy
 * trap or prototype member (`constructor`, `__proto__`) of an untrusted
 * object runs or answers. Undefined when any step is missing.
 */
export function jsonField(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    try {
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (!descriptor || !('value' in descriptor)) return undefined;
      current = descriptor.value as unknown;
    } catch {
      return undefined;
    }
  }
  return current;
}

/** A string field, or undefined when it is missing or not a string. */
export function jsonString(value: unknown, ...path: readonly (string | number)[]): string | undefined {
  const field = jsonField(value, ...path);
  return typeof field === 'string' ? field : undefined;
}

const PREVIEW_DEPTH = 8;
const PREVIEW_KEYS = 20;

type Frame = { kind: 'array'; items: unknown[]; index: number } | { kind: 'object'; keys: string[]; source: object; index: number };

/**
 * A JSON-like preview of any value, at most `maxChars` long, built without
 * recursion and without running getters: cycles, depth beyond a few levels,
 * functions, symbols and bigints are shown as placeholders. For messages only.
 */
export function previewJson(value: unknown, maxChars = 200): string {
  let out = '';
  const full = () => out.length > maxChars;
  const seen = new Set<object>();
  const stack: Frame[] = [];

  const scalar = (item: unknown): string | undefined => {
    if (item === null) return 'null';
    switch (typeof item) {
      case 'string':
        return JSON.stringify(item.length > maxChars ? item.slice(0, maxChars) : item);
      case 'number':
        return Number.isFinite(item) ? String(item) : 'null';
      case 'boolean':
        return String(item);
      case 'bigint':
        return `${item}n`;
      case 'undefined':
        return 'undefined';
      case 'function':
        return '"[function]"';
      case 'symbol':
        return '"[symbol]"';
      default:
        return undefined;
    }
  };

  // Writes `item`, opening a frame for an object or array.
  const write = (item: unknown): void => {
    const text = scalar(item);
    if (text !== undefined) {
      out += text;
      return;
    }
    const object = item as object;
    if (seen.has(object)) {
      out += '"[circular]"';
      return;
    }
    if (stack.length >= PREVIEW_DEPTH) {
      out += Array.isArray(object) ? '[…]' : '{…}';
      return;
    }
    seen.add(object);
    let frame: Frame;
    try {
      // Both can throw on a proxy; nothing is written until they have answered.
      frame = Array.isArray(object) ? { kind: 'array', items: object, index: 0 } : { kind: 'object', keys: Object.keys(object), source: object, index: 0 };
    } catch {
      out += '"[unreadable]"';
      return;
    }
    out += frame.kind === 'array' ? '[' : '{';
    stack.push(frame);
  };

  write(value);
  while (stack.length > 0 && !full()) {
    const frame = stack[stack.length - 1]!;
    const length = frame.kind === 'array' ? frame.items.length : frame.keys.length;
    if (frame.index >= length || frame.index >= PREVIEW_KEYS) {
      if (frame.index < length) out += frame.index > 0 ? ',…' : '…';
      out += frame.kind === 'array' ? ']' : '}';
      stack.pop();
      continue;
    }
    if (frame.index > 0) out += ',';
    if (frame.kind === 'array') {
      write(jsonField(frame.items, frame.index));
    } else {
      const key = frame.keys[frame.index]!;
      out += `${JSON.stringify(key.length > maxChars ? key.slice(0, maxChars) : key)}:`;
      write(jsonField(frame.source, key));
    }
    frame.index++;
  }
  return out.length > maxChars ? `${out.slice(0, maxChars - 1)}…` : out;
}

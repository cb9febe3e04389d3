// One line for anything that was thrown. `(error as Error).message` prints
// "undefined" for a thrown string or object; this never throws and never
// returns more than MAX_LENGTH characters, whatever it is given.
const MAX_LENGTH = 1000;

function bounded(text: string): string {
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

/** JSON for plain objects, with cycles and BigInts written out instead of throwing. */
function describeObject(value: object): string {
  const seen = new WeakSet<object>();
  try {
    const json = JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'bigint') return `${item}n`;
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return '[Circular]';
        seen.add(item);
      }
      return item;
    });
    if (json !== undefined && json !== '{}') return json;
  } catch {
    // A throwing toJSON or getter: fall back to the tag below.
  }
  return Object.prototype.toString.call(value);
}

export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return bounded(error.message || error.name);
    if (typeof error === 'string') return bounded(error);
    if (typeof error === 'bigint') return `${error}n`;
    if (typeof error !== 'object' || error === null) return String(error);
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return bounded(message);
    return bounded(describeObject(error));
  } catch {
    return 'an error that cannot be described';
  }
}

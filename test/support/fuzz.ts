// Shared settings and generators for property (fuzz) tests. Runs are seeded so
// a failure reproduces: FUZZ_SEED picks the seed (default fixed), FUZZ_RUNS
// overrides how many cases each property tries (default: the test's own, kept
// small enough that `npm run test:unit` stays quick). To dig deeper locally:
//   FUZZ_RUNS=5000 FUZZ_SEED=$RANDOM npx mocha test/unit/fuzz/*.test.ts
// fast-check prints the seed and the shrunk counterexample of a failure.
import fc from 'fast-check';

const DEFAULT_SEED = 20_261_202;

function positiveInteger(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`expected a whole number, not "${raw}"`);
  return value;
}

export const FUZZ_SEED = positiveInteger(process.env.FUZZ_SEED) ?? DEFAULT_SEED;
const RUNS_OVERRIDE = positiveInteger(process.env.FUZZ_RUNS);

/** fast-check parameters: the shared seed, and `defaultRuns` unless FUZZ_RUNS says otherwise. */
export function fuzzParameters<T>(defaultRuns: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: RUNS_OVERRIDE ?? defaultRuns };
}

/** Runs a property with the shared parameters; returns once every case passed (or throws the shrunk failure). */
export function fuzz<T>(property: fc.IProperty<T>, defaultRuns: number): void {
  fc.assert(property, fuzzParameters<T>(defaultRuns));
}

export function fuzzAsync<T>(property: fc.IAsyncProperty<T>, defaultRuns: number): Promise<void> {
  return fc.assert(property, fuzzParameters<T>(defaultRuns));
}

/**
 * Text made of runs of tokens: each piece is one token repeated up to `maxRepeat` times,
 * so cases are long, repetitive and close to the grammar a parser expects, the inputs
 * on which backtracking patterns blow up. Total length stays at or under `maxChars`.
 */
export function tokenRuns(tokens: readonly string[], maxChars: number, maxRepeat = 2000): fc.Arbitrary<string> {
  // Unbiased counts: fast-check's default bias towards small numbers would keep most cases tiny.
  const piece = fc.tuple(fc.constantFrom(...tokens), fc.noBias(fc.integer({ min: 1, max: maxRepeat })));
  return fc.array(piece, { minLength: 1, maxLength: 48 }).map((pieces) => {
    let text = '';
    for (const [token, times] of pieces) {
      const room = Math.floor((maxChars - text.length) / Math.max(1, token.length));
      if (room <= 0) break;
      text += token.repeat(Math.min(times, room));
    }
    return text;
  });
}

/** Characters that change how line- and quote-based parsers see text. */
export const STRUCTURAL_TOKENS: readonly string[] = [' ', '\t', '\n', '\r\n', '\r', '"', "'", ',', ':', ';', '=', '#', '[', ']', '{', '}', '<', '>', '/', '\\', '\u0000', '\u00e9', '\ud83d\ude00', '\ufffd'];

/** Bytes of any kind, as a string decoded the way the scanner decodes files (UTF-8, invalid bytes replaced). */
export function binaryText(maxBytes: number): fc.Arbitrary<string> {
  return fc.uint8Array({ maxLength: maxBytes }).map((bytes) => Buffer.from(bytes).toString('utf8'));
}

/**
 * The shape of a ReDoS attack string: a prefix, one short "pump" repeated as often as
 * fits in `maxChars`, and a suffix that makes the match fail late. A pattern that
 * backtracks super-linearly takes seconds to hours on these; a linear one, microseconds.
 */
export function pumped(tokens: readonly string[], maxChars: number): fc.Arbitrary<string> {
  const part = (maxLength: number) => fc.array(fc.constantFrom(...tokens), { maxLength }).map((parts) => parts.join(''));
  return fc
    .record({ prefix: part(3), pump: fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')), suffix: part(2), fill: fc.double({ min: 0.05, max: 1, noNaN: true }) })
    .map(({ prefix, pump, suffix, fill }) => {
      const times = Math.max(1, Math.floor(((maxChars - prefix.length - suffix.length) * fill) / pump.length));
      return `${prefix}${pump.repeat(times)}${suffix}`;
    });
}

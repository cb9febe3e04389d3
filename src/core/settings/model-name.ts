// What counts as a model name wherever one comes from outside (settings, CLI
// flags, saved state, API answers), and the model used when nobody named one.

/** The smallest current model: the cheapest to probe, and the fallback a wrapper switches to. */
export const DEFAULT_PROBE_MODEL = 'claude-haiku-4-5';

/**
 * Letters, digits and `._:@/-`, at most 100 characters. Strict on purpose: a
 * model name lands inside string literals of generated code and in saved
 * state. Anchored with one bounded repetition, so it cannot backtrack.
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$/;

export function isModelName(value: unknown): boolean {
  return typeof value === 'string' && MODEL_NAME_PATTERN.test(value);
}

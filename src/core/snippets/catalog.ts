// Lookups over the language and variant tables and the template catalogue, and the
// policy a user's settings give.
import { DEFAULT_SNIPPET_POLICY, LANGUAGE_TABLE, SNIPPET_LANGUAGES, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetPolicy, type SnippetTemplate, type SnippetVariant } from './types';

export function isSnippetLanguage(value: string): value is SnippetLanguage {
  return (SNIPPET_LANGUAGES as readonly string[]).includes(value);
}

export function isSnippetVariant(value: string): value is SnippetVariant {
  return (SNIPPET_VARIANTS as readonly string[]).includes(value);
}

const LANGUAGES_BY_VSCODE_ID = new Map<string, SnippetLanguage[]>();
for (const language of SNIPPET_LANGUAGES) {
  for (const id of LANGUAGE_TABLE[language].vscodeLanguageIds) LANGUAGES_BY_VSCODE_ID.set(id, [...(LANGUAGES_BY_VSCODE_ID.get(id) ?? []), language]);
}

/** Every VS Code language id some wrapper fits: each gets a contributed snippet file. */
export const VSCODE_LANGUAGE_IDS: readonly string[] = [...LANGUAGES_BY_VSCODE_ID.keys()];

/** The wrapper languages whose code fits a file of this VS Code language, in table order; undefined for none. */
export function snippetLanguagesFor(vscodeLanguageId: string): readonly SnippetLanguage[] | undefined {
  return LANGUAGES_BY_VSCODE_ID.get(vscodeLanguageId);
}

/** The language a new file gets when the wrapper has no editor of its own language to go into. */
export function vscodeLanguageIdFor(language: SnippetLanguage): string {
  return LANGUAGE_TABLE[language].vscodeLanguageIds[0];
}

/**
 * The templates are a few hundred kilobytes of text: the build puts them in a bundle
 * of their own (dist/snippet-catalog.js, from templates-inlined.ts), loaded here on
 * first use, so activating the extension never parses them. Run from source, the same
 * import reads the template files from disk.
 */
export async function loadTemplates(): Promise<readonly SnippetTemplate[]> {
  return (await import('./templates-on-disk.js')).SNIPPET_TEMPLATES;
}

export async function findTemplate(language: SnippetLanguage, variant: SnippetVariant): Promise<SnippetTemplate | undefined> {
  return (await loadTemplates()).find((t) => t.language === language && t.variant === variant);
}

export async function variantsOf(language: SnippetLanguage): Promise<SnippetTemplate[]> {
  return (await loadTemplates()).filter((t) => t.language === language);
}

const POLICY_LIMITS: Record<Exclude<keyof SnippetPolicy, 'fallbackModel'>, { min: number; max: number }> = {
  maxAttempts: { min: 1, max: 100 },
  deadlineSeconds: { min: 1, max: 3600 },
  baseDelayMs: { min: 1, max: 60_000 },
  maxDelayMs: { min: 1, max: 600_000 },
  breakerFailureThreshold: { min: 1, max: 1000 },
  breakerMinimumRequests: { min: 1, max: 1000 },
  breakerOpenSeconds: { min: 0.1, max: 3600 },
};

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$/;

/**
 * A policy from raw setting values: out-of-range numbers are clamped, anything
 * unusable falls back to the default, and each correction is said in words.
 * The model name is checked strictly because it lands inside a string literal.
 */
export function policyFromSettings(read: (key: keyof SnippetPolicy) => unknown): { policy: SnippetPolicy; problems: string[] } {
  const policy: SnippetPolicy = { ...DEFAULT_SNIPPET_POLICY };
  const problems: string[] = [];
  for (const key of Object.keys(POLICY_LIMITS) as (keyof typeof POLICY_LIMITS)[]) {
    const raw = read(key);
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      problems.push(`claudeHealth.snippets.${key} must be a number; using ${policy[key]}.`);
      continue;
    }
    const { min, max } = POLICY_LIMITS[key];
    const value = key === 'breakerOpenSeconds' ? raw : Math.round(raw);
    policy[key] = Math.min(max, Math.max(min, value));
    if (policy[key] !== value) problems.push(`claudeHealth.snippets.${key} must be between ${min} and ${max}; using ${policy[key]}.`);
  }
  if (policy.maxDelayMs < policy.baseDelayMs) {
    problems.push(`claudeHealth.snippets.maxDelayMs is below baseDelayMs; using ${policy.baseDelayMs}.`);
    policy.maxDelayMs = policy.baseDelayMs;
  }
  const model = read('fallbackModel');
  if (model !== undefined && model !== null) {
    if (typeof model === 'string' && MODEL_NAME.test(model)) policy.fallbackModel = model;
    else problems.push(`claudeHealth.snippets.fallbackModel is not a model name; using ${policy.fallbackModel}.`);
  }
  return { policy, problems };
}

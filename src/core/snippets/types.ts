// The retry-wrapper catalogue: one template per (language, variant). Templates are
// the single source of truth for the inserted code, the contributed snippets and
// the CLI's output; see render.ts.

export const SNIPPET_LANGUAGES = ['python', 'python-async', 'typescript', 'javascript', 'go', 'java'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export const SNIPPET_VARIANTS = ['basic', 'circuit-breaker', 'fallback', 'streaming'] as const;
export type SnippetVariant = (typeof SNIPPET_VARIANTS)[number];

/** Policy values a user can tune; each appears in a template as {{name}}. */
export interface SnippetPolicy {
  maxAttempts: number;
  deadlineSeconds: number;
  baseDelayMs: number;
  maxDelayMs: number;
  fallbackModel: string;
  breakerFailureThreshold: number;
  breakerMinimumRequests: number;
  breakerOpenSeconds: number;
}

export const DEFAULT_SNIPPET_POLICY: SnippetPolicy = {
  maxAttempts: 10,
  deadlineSeconds: 60,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  fallbackModel: 'claude-haiku-4-5',
  breakerFailureThreshold: 5,
  breakerMinimumRequests: 5,
  breakerOpenSeconds: 2,
};

/**
 * A template: source text in which `{{policyName}}` marks a policy value. Placeholders
 * must stand where a literal of that type is valid in the language (a number, or the
 * inside of a string literal for fallbackModel).
 */
export interface SnippetTemplate {
  language: SnippetLanguage;
  variant: SnippetVariant;
  /** One line for quick picks. */
  description: string;
  source: string;
}

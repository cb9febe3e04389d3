// The retry-wrapper catalogue: one template per (language, variant). Templates are
// the single source of truth for the inserted code, the contributed snippets and
// the CLI's output; see render.ts.
import { DEFAULT_PROBE_MODEL } from '../settings/model-name';

interface LanguageRow {
  /** In quick picks and messages. */
  label: string;
  /** Of the template file: templates/<language>/<variant>.<fileExtension>.tmpl. */
  fileExtension: string;
  /** The VS Code language ids whose files take this wrapper; the first is the one a new file gets. */
  vscodeLanguageIds: readonly [string, ...string[]];
}

interface VariantRow {
  label: string;
  /** One line for quick picks and the contributed snippets. */
  description: string;
}

/**
 * The one table of languages: the insert command, the CLI, the contributed snippet
 * files and the build all read it. Its order is the order of every list shown.
 */
export const LANGUAGE_TABLE = {
  python: { label: 'Python', fileExtension: 'py', vscodeLanguageIds: ['python'] },
  'python-async': { label: 'Python (asyncio)', fileExtension: 'py', vscodeLanguageIds: ['python'] },
  typescript: { label: 'TypeScript', fileExtension: 'ts', vscodeLanguageIds: ['typescript', 'typescriptreact'] },
  javascript: { label: 'JavaScript', fileExtension: 'js', vscodeLanguageIds: ['javascript', 'javascriptreact'] },
  go: { label: 'Go', fileExtension: 'go', vscodeLanguageIds: ['go'] },
  java: { label: 'Java', fileExtension: 'java', vscodeLanguageIds: ['java'] },
} as const satisfies Record<string, LanguageRow>;
export type SnippetLanguage = keyof typeof LANGUAGE_TABLE;
export const SNIPPET_LANGUAGES = Object.keys(LANGUAGE_TABLE) as readonly SnippetLanguage[];

/** The one table of variants; every language has a template for each. */
export const VARIANT_TABLE = {
  basic: {
    label: 'Basic retries',
    description: 'Retry 429/529/5xx and connection errors with backoff, honouring retry-after and a deadline',
  },
  'circuit-breaker': {
    label: 'With a circuit breaker',
    description: 'Basic retries plus a shared circuit breaker: callers wait while it is open, one trial probes for recovery',
  },
  fallback: {
    label: 'With model fallback',
    description: 'Basic retries, then switch to a fallback model after sustained 529 overloads',
  },
  streaming: {
    label: 'Streaming',
    description: 'Retry a stream only if it fails before its first content event',
  },
  concurrency: {
    label: 'With an adaptive concurrency limit',
    description: 'Basic retries behind a process-wide limiter: an adaptive cap on requests in flight, a FIFO queue, and one shared pause on 429 retry-after',
  },
} as const satisfies Record<string, VariantRow>;
export type SnippetVariant = keyof typeof VARIANT_TABLE;
export const SNIPPET_VARIANTS = Object.keys(VARIANT_TABLE) as readonly SnippetVariant[];

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
  /** The concurrency variant's limit on requests in flight when the process starts. */
  limiterInitialLimit: number;
  /** The most requests in flight the concurrency variant's limit may grow to. */
  limiterMaxLimit: number;
}

export const DEFAULT_SNIPPET_POLICY: SnippetPolicy = {
  maxAttempts: 10,
  deadlineSeconds: 60,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  fallbackModel: DEFAULT_PROBE_MODEL,
  breakerFailureThreshold: 5,
  breakerMinimumRequests: 5,
  breakerOpenSeconds: 2,
  limiterInitialLimit: 4,
  limiterMaxLimit: 32,
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

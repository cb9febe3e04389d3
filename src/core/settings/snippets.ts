// Defaults of an inserted retry wrapper. They shape code the user inserts and
// reads in their own file, so a project may set its own house policy: these
// stay window-scoped. The model name is checked strictly because it lands
// inside a string literal.
import { DEFAULT_SNIPPET_POLICY, type SnippetPolicy } from '../snippets/types';
import { SETTINGS_SECTION } from './monitor';
import { readSection, type SectionKey, type SectionSpec } from './spec';

export type SnippetSettings = Pick<SnippetPolicy, 'maxAttempts' | 'deadlineSeconds' | 'baseDelayMs' | 'maxDelayMs' | 'fallbackModel'>;

const policy = DEFAULT_SNIPPET_POLICY;

export const SNIPPET_SPECS = {
  maxAttempts: { key: 'snippets.maxAttempts', kind: 'number', default: policy.maxAttempts, min: 1, max: 100, scope: 'window' },
  deadlineSeconds: { key: 'snippets.deadlineSeconds', kind: 'number', default: policy.deadlineSeconds, min: 1, max: 3600, scope: 'window' },
  baseDelayMs: { key: 'snippets.baseDelayMs', kind: 'number', default: policy.baseDelayMs, min: 1, max: 60_000, scope: 'window' },
  maxDelayMs: { key: 'snippets.maxDelayMs', kind: 'number', default: policy.maxDelayMs, min: 1, max: 600_000, scope: 'window' },
  fallbackModel: { key: 'snippets.fallbackModel', kind: 'model', default: policy.fallbackModel, scope: 'window' },
} as const satisfies SectionSpec & Record<keyof SnippetSettings, unknown>;

export type SnippetSettingKey = SectionKey<typeof SNIPPET_SPECS>;

/** The wrapper policy from raw `claudeHealth.snippets.*` values; never throws. */
export function validateSnippetSettings(read: (key: SnippetSettingKey) => unknown): { policy: SnippetPolicy; problems: string[] } {
  const problems: string[] = [];
  const settings: SnippetSettings = readSection(SNIPPET_SPECS, read, SETTINGS_SECTION, problems);
  if (settings.maxDelayMs < settings.baseDelayMs) {
    problems.push(`${SETTINGS_SECTION}.snippets.maxDelayMs is below baseDelayMs; using ${settings.baseDelayMs}.`);
    settings.maxDelayMs = settings.baseDelayMs;
  }
  return { policy: { ...DEFAULT_SNIPPET_POLICY, ...settings }, problems };
}

// `claude-health snippet`: prints a ready-to-run retry wrapper with the
// policy filled in: the defaults, or the flags, checked against the same
// ranges as the claudeHealth.snippets.* settings.
import { findRecipe, findTemplate, isSnippetLanguage, isSnippetVariant, variantsOf } from '../core/snippets/catalog';
import { isRecipeName, RECIPE_NAMES, RECIPE_TABLE } from '../core/snippets/recipe-table';
import { renderCode } from '../core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_LANGUAGES, SNIPPET_VARIANTS, type SnippetPolicy } from '../core/snippets/types';
import { SNIPPET_SPECS } from '../core/settings/snippets';
import { integerFlag, modelFlag, type CliFlags } from './flags';
import type { Translate } from '../core/l10n';
import { type CommandHelp } from './help';
import { type CliIo, EXIT_OK, EXIT_USAGE, UsageError } from './io';

export function snippetSummary(t: Translate): string {
  return t`Print a retry wrapper for the official SDK of a language.`;
}

export const SNIPPET_OPTIONS = {
  lang: { type: 'string' },
  variant: { type: 'string' },
  'max-attempts': { type: 'string' },
  'deadline-seconds': { type: 'string' },
  'base-delay-ms': { type: 'string' },
  'max-delay-ms': { type: 'string' },
  'fallback-model': { type: 'string' },
  'initial-limit': { type: 'string' },
  'max-limit': { type: 'string' },
  recipe: { type: 'string' },
} as const;

/** The concurrency variant's limits: requests in flight at the start, and the most it may grow to. */
const LIMIT_FLAGS = [
  ['initial-limit', 'limiterInitialLimit', { min: 1, max: 1000 }],
  ['max-limit', 'limiterMaxLimit', { min: 1, max: 10_000 }],
] as const;

/** Each numeric policy flag, the policy field it sets and its range (that of the setting). */
const NUMERIC_POLICY_FLAGS = [
  ['max-attempts', 'maxAttempts', 'attempts'],
  ['deadline-seconds', 'deadlineSeconds', 'seconds'],
  ['base-delay-ms', 'baseDelayMs', 'milliseconds'],
  ['max-delay-ms', 'maxDelayMs', 'milliseconds'],
] as const;

function range(field: (typeof NUMERIC_POLICY_FLAGS)[number][1], t: Translate): string {
  return t`${SNIPPET_SPECS[field].min} to ${SNIPPET_SPECS[field].max}`;
}

const policy = DEFAULT_SNIPPET_POLICY;

const recipeList = RECIPE_NAMES.map((name) => `${name} (${RECIPE_TABLE[name].language})`).join(', ');

export function snippetHelp(t: Translate): CommandHelp {
  return {
    usage: '--lang LANG [--variant VARIANT] [policy flags] | --recipe NAME',
    description: t`The policy flags take the ranges of the claudeHealth.snippets.* settings. A recipe is a worked example that uses a wrapper (a web handler that rides out overloads); its first lines name the wrapper it imports and the command that prints it.`,
    flags: {
      lang: { value: 'LANG', description: t`Required: ${SNIPPET_LANGUAGES.join(', ')}.` },
      variant: { value: 'VARIANT', description: t`${SNIPPET_VARIANTS.join(', ')} (default basic).` },
      'max-attempts': { value: 'N', description: t`Attempts in all, the first included, ${range('maxAttempts', t)} (default ${policy.maxAttempts}).` },
      'deadline-seconds': { value: 'N', description: t`Give up after N seconds in all, ${range('deadlineSeconds', t)} (default ${policy.deadlineSeconds}).` },
      'base-delay-ms': { value: 'N', description: t`First backoff delay, ${range('baseDelayMs', t)} ms (default ${policy.baseDelayMs}).` },
      'max-delay-ms': { value: 'N', description: t`Longest backoff delay, ${range('maxDelayMs', t)} ms, at least --base-delay-ms (default ${policy.maxDelayMs}).` },
      'fallback-model': { value: 'ID', description: t`The model the fallback variant switches to (default ${policy.fallbackModel}).` },
      'initial-limit': { value: 'N', description: t`Requests in flight the concurrency variant's limiter starts at, 1 to 1000 (default ${policy.limiterInitialLimit}).` },
      'max-limit': { value: 'N', description: t`The most requests in flight its limit may grow to, 1 to 10000, at least --initial-limit (default ${policy.limiterMaxLimit}).` },
      recipe: { value: 'NAME', description: t`Print a recipe instead of a wrapper (no --lang needed): ${recipeList}.` },
    },
    examples: [
      'snippet --lang python',
      'snippet --lang typescript --variant fallback',
      'snippet --lang python-async --variant concurrency --max-limit 16',
      'snippet --lang go --max-attempts 5 --deadline-seconds 30',
      'snippet --recipe nextjs-route > app/api/chat/route.ts',
    ],
    exitCodes: [
      [EXIT_OK, t`the wrapper was printed`],
      [EXIT_USAGE, t`a bad flag, or no such wrapper or recipe`],
    ],
  };
}

/** The wrapper policy: the defaults, with each flag given checked and put in. */
export function snippetPolicy(flags: CliFlags): SnippetPolicy {
  const chosen: SnippetPolicy = { ...DEFAULT_SNIPPET_POLICY };
  for (const [flag, field, unit] of NUMERIC_POLICY_FLAGS) {
    const value = integerFlag(flags, flag, { min: SNIPPET_SPECS[field].min, max: SNIPPET_SPECS[field].max, unit });
    if (value !== undefined) chosen[field] = value;
  }
  for (const [flag, field, range] of LIMIT_FLAGS) {
    const value = integerFlag(flags, flag, { ...range, unit: 'requests' });
    if (value !== undefined) chosen[field] = value;
  }
  if (chosen.limiterMaxLimit < chosen.limiterInitialLimit) {
    const { limiterMaxLimit: max, limiterInitialLimit: initial } = chosen;
    throw new UsageError((t) => t`--max-limit ${max} is below --initial-limit ${initial}; the limit starts at most at its ceiling`);
  }
  const fallbackModel = modelFlag(flags, 'fallback-model');
  if (fallbackModel !== undefined) chosen.fallbackModel = fallbackModel;
  if (chosen.maxDelayMs < chosen.baseDelayMs) {
    const { maxDelayMs: max, baseDelayMs: base } = chosen;
    const given = flags['max-delay-ms'] !== undefined;
    throw new UsageError((t) =>
      given ?
        t`--max-delay-ms ${max} is below --base-delay-ms ${base}; the longest delay must be at least the first`
      : t`the default --max-delay-ms ${max} is below --base-delay-ms ${base}; the longest delay must be at least the first`,
    );
  }
  return chosen;
}

/** A recipe is printed as it is: the wrapper it imports carries the policy. */
async function printRecipe(flags: CliFlags, io: CliIo): Promise<number> {
  const { recipe } = flags;
  if (typeof recipe !== 'string' || !isRecipeName(recipe)) throw new UsageError((t) => t`unknown --recipe "${String(recipe).slice(0, 40)}"; one of ${RECIPE_NAMES.join(', ')}`);
  const { language, wrapper } = RECIPE_TABLE[recipe];
  if (flags.lang !== undefined && flags.lang !== language) {
    throw new UsageError((t) => t`--recipe ${recipe} is ${language} code; leave out --lang, or give --lang ${language}`);
  }
  const wrapperFlags = ['variant', ...NUMERIC_POLICY_FLAGS.map(([flag]) => flag), 'fallback-model'].filter((flag) => flags[flag] !== undefined);
  if (wrapperFlags.length) {
    const flag = wrapperFlags[0];
    throw new UsageError((t) => t`--${flag} shapes a wrapper, not a recipe; print the wrapper this recipe imports with --lang ${language} --variant ${wrapper}`);
  }
  const template = await findRecipe(recipe);
  if (!template) throw new UsageError((t) => t`the ${recipe} recipe is missing from this build`);
  io.stdout(template.source);
  return EXIT_OK;
}

export async function runSnippetCommand(flags: CliFlags, io: CliIo): Promise<number> {
  if (flags.recipe !== undefined) return printRecipe(flags, io);
  const { lang, variant = 'basic' } = flags;
  if (typeof lang !== 'string') throw new UsageError((t) => t`--lang is required: one of ${SNIPPET_LANGUAGES.join(', ')}`);
  if (!isSnippetLanguage(lang)) throw new UsageError((t) => t`unknown --lang "${lang.slice(0, 40)}"; one of ${SNIPPET_LANGUAGES.join(', ')}`);
  if (typeof variant !== 'string' || !isSnippetVariant(variant)) throw new UsageError((t) => t`unknown --variant "${String(variant).slice(0, 40)}"; one of ${SNIPPET_VARIANTS.join(', ')}`);
  const chosen = snippetPolicy(flags);
  const template = await findTemplate(lang, variant);
  if (!template) {
    const available = (await variantsOf(lang)).map((t) => t.variant);
    throw new UsageError((t) => t`no ${variant} wrapper for --lang ${lang} yet; --variant ${available.join(', ') || '-'}`);
  }
  io.stdout(renderCode(template, chosen));
  return EXIT_OK;
}

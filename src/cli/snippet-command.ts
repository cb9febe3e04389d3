// `claude-health snippet`: prints a ready-to-run retry wrapper with the defaults filled in.
import { findTemplate, isSnippetLanguage, isSnippetVariant, variantsOf } from '../core/snippets/catalog';
import { renderCode } from '../core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_LANGUAGES, SNIPPET_VARIANTS } from '../core/snippets/types';
import { type CliIo, UsageError } from './io';

export const SNIPPET_SUMMARY = `snippet --lang ${SNIPPET_LANGUAGES.join('|')} [--variant ${SNIPPET_VARIANTS.join('|')}]   print a retry wrapper`;
export const SNIPPET_OPTIONS = { lang: { type: 'string' }, variant: { type: 'string' } } as const;

export interface SnippetFlags {
  lang?: string | boolean;
  variant?: string | boolean;
}

export async function runSnippetCommand(flags: SnippetFlags, io: CliIo): Promise<number> {
  const { lang, variant = 'basic' } = flags;
  if (typeof lang !== 'string') throw new UsageError(`--lang is required: one of ${SNIPPET_LANGUAGES.join(', ')}`);
  if (!isSnippetLanguage(lang)) throw new UsageError(`unknown --lang "${lang}"; one of ${SNIPPET_LANGUAGES.join(', ')}`);
  if (typeof variant !== 'string' || !isSnippetVariant(variant)) throw new UsageError(`unknown --variant "${String(variant)}"; one of ${SNIPPET_VARIANTS.join(', ')}`);
  const template = await findTemplate(lang, variant);
  if (!template) {
    const available = (await variantsOf(lang)).map((t) => t.variant);
    throw new UsageError(`no ${variant} wrapper for ${lang} yet; available: ${available.join(', ') || 'none'}`);
  }
  io.stdout(renderCode(template, DEFAULT_SNIPPET_POLICY));
  return 0;
}

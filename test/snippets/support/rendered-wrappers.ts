// Every variant of one language rendered as a user gets it (the default policy), from the
// templates the catalog is built from: what the snippet suites and the storm bench build.
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetVariant } from '../../../src/core/snippets/types';

export function renderAll(language: SnippetLanguage): Record<SnippetVariant, string> {
  const rendered = {} as Record<SnippetVariant, string>;
  for (const variant of SNIPPET_VARIANTS) {
    const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === variant);
    if (!template) throw new Error(`no ${language}/${variant} template in src/core/snippets/templates`);
    rendered[variant] = renderCode(template, DEFAULT_SNIPPET_POLICY);
  }
  return rendered;
}

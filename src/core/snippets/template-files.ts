// The template catalogue built from the template files, whoever reads them: from disk
// when TypeScript runs from source (templates-on-disk.ts), or inlined by esbuild's
// text loader in the shipped bundle (templates-inlined.ts). The table says which files.
import { LANGUAGE_TABLE, SNIPPET_LANGUAGES, SNIPPET_VARIANTS, VARIANT_TABLE, type SnippetLanguage, type SnippetTemplate, type SnippetVariant } from './types';

/** Returns the text of templates/<language>/<variant>.<fileExtension>.tmpl, beside this module. */
export type TemplateFileReader = (language: SnippetLanguage, variant: SnippetVariant, fileExtension: string) => string;

/** One template per (language, variant), languages in table order, each with its variants in table order. */
export function catalogFromTemplateFiles(read: TemplateFileReader): SnippetTemplate[] {
  return SNIPPET_LANGUAGES.flatMap((language) =>
    SNIPPET_VARIANTS.map((variant) => ({
      language,
      variant,
      description: VARIANT_TABLE[variant].description,
      source: read(language, variant, LANGUAGE_TABLE[language].fileExtension),
    })),
  );
}

// Lookups over the language and variant tables and the template catalogue. The
// policy a user's settings give is the settings module's (validateSnippetSettings).
import { type RecipeName, type RecipeTemplate } from './recipe-table';
import { LANGUAGE_TABLE, SNIPPET_LANGUAGES, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetTemplate, type SnippetVariant } from './types';

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

export async function findRecipe(name: RecipeName): Promise<RecipeTemplate | undefined> {
  return (await import('./templates-on-disk.js')).RECIPE_TEMPLATES.find((r) => r.name === name);
}

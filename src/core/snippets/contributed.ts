// The `contributes.snippets` files: for each VS Code language id, every template
// that fits it, as snippet-syntax bodies with the default policy as tab stops.
import { snippetLanguagesFor, VSCODE_LANGUAGE_IDS } from './catalog';
import { renderSnippetBody } from './render';
import { DEFAULT_SNIPPET_POLICY, type SnippetTemplate } from './types';

/** `claude-retry`, `claude-retry-circuit-breaker`, ...; asyncio ones add `-async`. */
export function snippetPrefix(template: SnippetTemplate): string {
  const base = template.language === 'python-async' ? 'claude-retry-async' : 'claude-retry';
  return template.variant === 'basic' ? base : `${base}-${template.variant}`;
}

export interface SnippetFileEntry {
  prefix: string[];
  description: string;
  body: string[];
}

export function contributedSnippetFiles(templates: readonly SnippetTemplate[]): Record<string, Record<string, SnippetFileEntry>> {
  const files: Record<string, Record<string, SnippetFileEntry>> = {};
  for (const vscodeLanguage of VSCODE_LANGUAGE_IDS) {
    const languages = snippetLanguagesFor(vscodeLanguage) ?? [];
    const entries: Record<string, SnippetFileEntry> = {};
    for (const template of templates.filter((t) => languages.includes(t.language))) {
      const prefix = snippetPrefix(template);
      entries[`Claude retry wrapper: ${template.language} ${template.variant}`] = {
        prefix: [prefix],
        description: `Claude Health: ${template.description}`,
        body: renderSnippetBody(template, DEFAULT_SNIPPET_POLICY).split('\n'),
      };
    }
    files[vscodeLanguage] = entries;
  }
  return files;
}

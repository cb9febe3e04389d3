// Build step: writes dist/snippets/<vscode language>.code-snippets from the template catalog.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SNIPPET_TEMPLATES } from '../src/core/snippets/templates-on-disk';
import { contributedSnippetFiles } from '../src/core/snippets/contributed';

const outDir = path.resolve(__dirname, '..', 'dist', 'snippets');
mkdirSync(outDir, { recursive: true });
for (const [language, entries] of Object.entries(contributedSnippetFiles(SNIPPET_TEMPLATES))) {
  writeFileSync(path.join(outDir, `${language}.code-snippets`), `${JSON.stringify(entries, null, 2)}\n`);
}

// The template catalogue for TypeScript run from source (tests, benchmarks, the build's
// snippet-file writer): read from the template files. No bundle contains this module:
// esbuild.js points its import at dist/snippet-catalog.js, built from templates-inlined.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recipesFromFiles } from './recipe-table';
import { catalogFromTemplateFiles } from './template-files';

export const SNIPPET_TEMPLATES = catalogFromTemplateFiles((language, variant, fileExtension) =>
  readFileSync(path.join(__dirname, 'templates', language, `${variant}.${fileExtension}.tmpl`), 'utf8'),
);

export const RECIPE_TEMPLATES = recipesFromFiles((name, fileExtension) => readFileSync(path.join(__dirname, 'recipes', `${name}.${fileExtension}.tmpl`), 'utf8'));

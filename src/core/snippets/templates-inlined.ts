// Entry of dist/snippet-catalog.js. esbuild bundles every file the require pattern below
// can match, as a string (`loader: { '.tmpl': 'text' }` in esbuild.js), so the shipped
// extension reads no template at run time and no generated copy is committed.
// Only esbuild runs this module: Node cannot require a .tmpl file.
import { recipesFromFiles } from './recipe-table';
import { catalogFromTemplateFiles } from './template-files';

export const SNIPPET_TEMPLATES = catalogFromTemplateFiles(
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a pattern esbuild resolves at build time
  (language, variant, fileExtension) => require(`./templates/${language}/${variant}.${fileExtension}.tmpl`) as string,
);

export const RECIPE_TEMPLATES = recipesFromFiles(
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a pattern esbuild resolves at build time
  (name, fileExtension) => require(`./recipes/${name}.${fileExtension}.tmpl`) as string,
);

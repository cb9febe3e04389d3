// A recipe as a user's project holds it: the rendered recipe beside the wrapper it imports
// (rendered with a quick policy, so the tests' give-up cases take milliseconds), in a
// fresh folder under .tools/snippets (inside the repository, so the project's own
// node_modules resolve: @anthropic-ai/sdk, express and their types).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RECIPE_TEMPLATES, SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { RECIPE_TABLE, type RecipeName } from '../../../src/core/snippets/recipe-table';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, type SnippetPolicy } from '../../../src/core/snippets/types';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Few attempts and short waits: a give-up case ends in well under a second. */
export const QUICK_POLICY: SnippetPolicy = { ...DEFAULT_SNIPPET_POLICY, maxAttempts: 3, deadlineSeconds: 10, baseDelayMs: 20, maxDelayMs: 100 };

export function renderedRecipe(name: RecipeName): string {
  const recipe = RECIPE_TEMPLATES.find((r) => r.name === name);
  if (!recipe) throw new Error(`no recipe ${name} in src/core/snippets/recipes`);
  return renderCode({ language: recipe.language, variant: RECIPE_TABLE[name].wrapper, description: '', source: recipe.source }, DEFAULT_SNIPPET_POLICY);
}

export function renderedWrapper(name: RecipeName, policy: SnippetPolicy = QUICK_POLICY): string {
  const { language, wrapper } = RECIPE_TABLE[name];
  const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === wrapper);
  if (!template) throw new Error(`no ${language} ${wrapper} wrapper for the ${name} recipe`);
  return renderCode(template, policy);
}

export interface RecipeProject {
  dir: string;
  dispose(): void;
}

/** `files`: path in the project -> content. */
export function writeRecipeProject(name: RecipeName, files: Record<string, string>): RecipeProject {
  const root = path.join(REPO_ROOT, '.tools', 'snippets', 'recipes');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, `${name}-`));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** tsc --strict over the project's files, as a Next.js or Express project would compile them. */
export function typeCheck(dir: string): Promise<{ exitCode: number; output: string }> {
  const tsconfig = {
    compilerOptions: { target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
    include: ['**/*.ts'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

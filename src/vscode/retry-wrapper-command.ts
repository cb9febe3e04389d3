// Claude Health: Insert Retry Wrapper. Language from the active editor (asked
// when unknown), then the variant, or a recipe (a worked example that uses a
// wrapper); inserted at the cursor, a wrapper with tab stops for the policy
// values, filled from settings. A recipe offers its wrapper in a new file.
import * as vscode from 'vscode';
import { findRecipe, findTemplate, isSnippetLanguage, isSnippetVariant, snippetLanguagesFor, variantsOf, vscodeLanguageIdFor } from '../core/snippets/catalog';
import { isRecipeName, RECIPE_TABLE, recipesFor, type RecipeName } from '../core/snippets/recipe-table';
import { renderSnippetBody } from '../core/snippets/render';
import { LANGUAGE_TABLE, SNIPPET_LANGUAGES, VARIANT_TABLE, type SnippetLanguage, type SnippetPolicy, type SnippetVariant } from '../core/snippets/types';
import { type Log } from './log';
import { readAllSettings } from './settings-reader';

/** Optional arguments, for keybindings, walkthroughs and tests: skip the questions they answer. */
export interface InsertRetryWrapperArgs {
  language?: string;
  variant?: string;
  /** A recipe name (see RECIPE_TABLE): inserts the recipe instead of a wrapper. */
  recipe?: string;
}

type Choice = { variant: SnippetVariant } | { recipe: RecipeName };

async function pickLanguage(editor: vscode.TextEditor | undefined): Promise<SnippetLanguage | undefined> {
  const candidates = editor ? snippetLanguagesFor(editor.document.languageId) : undefined;
  if (candidates?.length === 1) return candidates[0];
  // Python: asyncio or not is a real choice; lead with what the file already uses.
  let choices: readonly SnippetLanguage[] = candidates ?? SNIPPET_LANGUAGES;
  if (candidates && editor && /\basync\s+def\b|AsyncAnthropic/.test(editor.document.getText())) choices = [...candidates].reverse();
  const picked = await vscode.window.showQuickPick(
    choices.map((language) => ({ label: LANGUAGE_TABLE[language].label, language })),
    { title: vscode.l10n.t('Insert Retry Wrapper: language'), placeHolder: vscode.l10n.t('Which SDK is this for?') },
  );
  return picked?.language;
}

/** The wrappers of the language, then under a separator the recipes that use them. */
async function pickVariant(language: SnippetLanguage): Promise<Choice | undefined> {
  const templates = await variantsOf(language);
  if (templates.length === 0) return undefined;
  type Item = vscode.QuickPickItem & { choice?: Choice };
  const items: Item[] = templates.map((t) => ({ label: VARIANT_TABLE[t.variant].label, detail: t.description, choice: { variant: t.variant } }));
  const recipes = recipesFor(language);
  if (recipes.length) {
    items.push({ label: vscode.l10n.t('Recipes: a handler that uses a wrapper'), kind: vscode.QuickPickItemKind.Separator });
    for (const recipe of recipes) items.push({ label: RECIPE_TABLE[recipe].label, detail: RECIPE_TABLE[recipe].description, choice: { recipe } });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Insert Retry Wrapper: {0}', LANGUAGE_TABLE[language].label),
    placeHolder: vscode.l10n.t('Which wrapper or recipe?'),
  });
  return picked?.choice;
}

/** The editor a language's code goes into: the active one if it fits, else a new file. */
async function editorFor(language: SnippetLanguage, editor: vscode.TextEditor | undefined): Promise<vscode.TextEditor> {
  if (editor !== undefined && (snippetLanguagesFor(editor.document.languageId) ?? []).includes(language)) return editor;
  const document = await vscode.workspace.openTextDocument({ language: vscodeLanguageIdFor(language), content: '' });
  return vscode.window.showTextDocument(document);
}

/** Inserts a recipe as it is, then offers the wrapper it imports in a new file. */
async function insertRecipe(log: Log, recipe: RecipeName, editor: vscode.TextEditor | undefined): Promise<boolean> {
  const template = await findRecipe(recipe);
  if (!template) return false;
  const { language, wrapper, wrapperSaveAs, label } = RECIPE_TABLE[recipe];
  const target = await editorFor(language, editor);
  const inserted = await target.insertSnippet(new vscode.SnippetString(renderSnippetBody({ language, variant: wrapper, description: '', source: template.source }, readPolicy(log))));
  if (!inserted) return false;
  log.info(`inserted the ${recipe} recipe`);
  const add = vscode.l10n.t('Insert the {0} wrapper', VARIANT_TABLE[wrapper].label);
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('The {0} recipe imports the {1} wrapper from {2}.', label, VARIANT_TABLE[wrapper].label, wrapperSaveAs), add);
  if (answer === add) await insertRetryWrapper(log, { language, variant: wrapper, newFile: true });
  return true;
}

function readPolicy(log: Log): SnippetPolicy {
  const { snippets, problems } = readAllSettings();
  for (const problem of problems.snippets) log.warn(problem);
  return snippets;
}

export async function insertRetryWrapper(log: Log, args: InsertRetryWrapperArgs & { newFile?: boolean } = {}): Promise<boolean> {
  const editor = args.newFile ? undefined : vscode.window.activeTextEditor;
  if (args.recipe !== undefined && isRecipeName(args.recipe)) return insertRecipe(log, args.recipe, editor);
  const language = args.language !== undefined && isSnippetLanguage(args.language) ? args.language : await pickLanguage(editor);
  if (!language) return false;
  const choice: Choice | undefined = args.variant !== undefined && isSnippetVariant(args.variant) ? { variant: args.variant } : await pickVariant(language);
  if (!choice) return false;
  if ('recipe' in choice) return insertRecipe(log, choice.recipe, editor);
  const { variant } = choice;
  const template = await findTemplate(language, variant);
  if (!template) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no {0} wrapper for {1} yet.', VARIANT_TABLE[variant].label, LANGUAGE_TABLE[language].label));
    return false;
  }
  // No editor, or one in another language: the wrapper goes into a new file of its own language.
  const target = await editorFor(language, editor);
  const body = renderSnippetBody(template, readPolicy(log));
  const inserted = await target.insertSnippet(new vscode.SnippetString(body));
  if (inserted) log.info(`inserted the ${language} ${variant} retry wrapper`);
  return inserted;
}

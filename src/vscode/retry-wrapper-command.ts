// Claude Health: Insert Retry Wrapper. Language from the active editor (asked
// when unknown), then the variant; inserted at the cursor with tab stops for
// the policy values, filled from settings.
import * as vscode from 'vscode';
import { findTemplate, isSnippetLanguage, isSnippetVariant, policyFromSettings, snippetLanguagesFor, variantsOf, vscodeLanguageIdFor } from '../core/snippets/catalog';
import { renderSnippetBody } from '../core/snippets/render';
import { LANGUAGE_TABLE, SNIPPET_LANGUAGES, VARIANT_TABLE, type SnippetLanguage, type SnippetPolicy, type SnippetVariant } from '../core/snippets/types';
import { type Log } from './log';

/** Optional arguments, for keybindings, walkthroughs and tests: skip the questions they answer. */
export interface InsertRetryWrapperArgs {
  language?: string;
  variant?: string;
}

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

async function pickVariant(language: SnippetLanguage): Promise<SnippetVariant | undefined> {
  const templates = await variantsOf(language);
  if (templates.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    templates.map((t) => ({ label: VARIANT_TABLE[t.variant].label, detail: t.description, variant: t.variant })),
    { title: vscode.l10n.t('Insert Retry Wrapper: {0}', LANGUAGE_TABLE[language].label), placeHolder: vscode.l10n.t('Which wrapper?') },
  );
  return picked?.variant;
}

function readPolicy(log: Log): SnippetPolicy {
  const config = vscode.workspace.getConfiguration('claudeHealth.snippets');
  const { policy, problems } = policyFromSettings((key) => config.get(key));
  for (const problem of problems) log.warn(problem);
  return policy;
}

export async function insertRetryWrapper(log: Log, args: InsertRetryWrapperArgs = {}): Promise<boolean> {
  let editor = vscode.window.activeTextEditor;
  const language = args.language !== undefined && isSnippetLanguage(args.language) ? args.language : await pickLanguage(editor);
  if (!language) return false;
  const variant = args.variant !== undefined && isSnippetVariant(args.variant) ? args.variant : await pickVariant(language);
  if (!variant) return false;
  const template = await findTemplate(language, variant);
  if (!template) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no {0} wrapper for {1} yet.', VARIANT_TABLE[variant].label, LANGUAGE_TABLE[language].label));
    return false;
  }
  // No editor, or one in another language: the wrapper goes into a new file of its own language.
  const fits = editor !== undefined && (snippetLanguagesFor(editor.document.languageId) ?? []).includes(language);
  if (!fits) {
    const document = await vscode.workspace.openTextDocument({ language: vscodeLanguageIdFor(language), content: '' });
    editor = await vscode.window.showTextDocument(document);
  }
  const body = renderSnippetBody(template, readPolicy(log));
  const inserted = await editor!.insertSnippet(new vscode.SnippetString(body));
  if (inserted) log.info(`inserted the ${language} ${variant} retry wrapper`);
  return inserted;
}

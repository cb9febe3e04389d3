// Recipes: worked examples of the wrappers where apps meet a 529 storm, a web route
// called by many users at once. Each is a template file, recipes/<name>.<fileExtension>.tmpl,
// that imports one wrapper from a module beside it; the table says which, and where each goes.
import { LANGUAGE_TABLE, type SnippetLanguage, type SnippetVariant } from './types';

interface RecipeRow {
  label: string;
  /** One line for quick picks and help. */
  description: string;
  language: SnippetLanguage;
  /** The wrapper the recipe imports. */
  wrapper: SnippetVariant;
  /** Where the recipe file goes in a project, and where its wrapper goes. */
  saveAs: string;
  wrapperSaveAs: string;
}

/** The one table of recipes; its order is the order of every list shown. */
export const RECIPE_TABLE = {
  'nextjs-route': {
    label: 'Next.js route handler (App Router)',
    description: 'POST route that streams the answer back; waits out overloads before the first word, 503 + Retry-After when the budget runs out',
    language: 'typescript',
    wrapper: 'streaming',
    saveAs: 'app/api/chat/route.ts',
    wrapperSaveAs: 'app/api/chat/claude-retry.ts',
  },
  express: {
    label: 'Express handler',
    description: 'POST /chat with JSON in and out; overloads retried, 503 + Retry-After when the budget runs out',
    language: 'typescript',
    wrapper: 'basic',
    saveAs: 'src/chat-route.ts',
    wrapperSaveAs: 'src/claude-retry.ts',
  },
  fastapi: {
    label: 'FastAPI endpoint',
    description: 'POST /chat with the adaptive concurrency limiter as a dependency; 503 + Retry-After when the budget runs out',
    language: 'python-async',
    wrapper: 'concurrency',
    saveAs: 'app/main.py',
    wrapperSaveAs: 'app/claude_retry.py',
  },
  'go-http': {
    label: 'Go net/http handler',
    description: 'http.Handler for POST /chat with JSON in and out; the request context cancels retries',
    language: 'go',
    wrapper: 'basic',
    saveAs: 'chat/handler.go',
    wrapperSaveAs: 'clauderetry/clauderetry.go',
  },
} as const satisfies Record<string, RecipeRow>;
export type RecipeName = keyof typeof RECIPE_TABLE;
export const RECIPE_NAMES = Object.keys(RECIPE_TABLE) as readonly RecipeName[];

export interface RecipeTemplate {
  name: RecipeName;
  language: SnippetLanguage;
  source: string;
}

export function isRecipeName(value: string): value is RecipeName {
  return (RECIPE_NAMES as readonly string[]).includes(value);
}

export function recipesFor(language: SnippetLanguage): RecipeName[] {
  return RECIPE_NAMES.filter((name) => RECIPE_TABLE[name].language === language);
}

/** Returns the text of recipes/<name>.<fileExtension>.tmpl, beside this module. */
export type RecipeFileReader = (name: RecipeName, fileExtension: string) => string;

export function recipesFromFiles(read: RecipeFileReader): RecipeTemplate[] {
  return RECIPE_NAMES.map((name) => {
    const { language } = RECIPE_TABLE[name];
    return { name, language, source: read(name, LANGUAGE_TABLE[language].fileExtension) };
  });
}

/** The command that prints a recipe's wrapper into the file the recipe imports it from. */
export function wrapperCommand(name: RecipeName): string {
  const { language, wrapper, wrapperSaveAs } = RECIPE_TABLE[name];
  return `claude-health snippet --lang ${language} --variant ${wrapper} > ${wrapperSaveAs}`;
}

// Finds hand-written retries around SDK calls (tenacity, backoff, p-retry,
// async-retry, retry-go, resilience4j, or a plain loop with try/except) in
// files that do not turn the SDK's own retries off. Each SDK already retries
// twice by default, so a wrapper of N attempts makes up to 3 x N requests.
// Heuristic by design: it reads text, not syntax trees. Patterns run on the
// whole text only where they start at a literal; the rest run on one capped
// line at a time (see lines.ts).
import { ScanBudget } from './budget';
import { linesOf } from './lines';

export type SourceLanguage = 'python' | 'typescript' | 'go' | 'java';

export interface RetryWrapperFinding {
  file: string;
  /** 1-based line of the SDK call. */
  line: number;
  language: SourceLanguage;
  /** What retries: "tenacity", "backoff", "p-retry", "loop"... */
  wrapper: string;
  /** This file sets max retries to 0 somewhere. */
  sdkRetriesOff: boolean;
}

export function languageOf(fileName: string): SourceLanguage | undefined {
  if (/\.py$/.test(fileName)) return 'python';
  if (/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(fileName)) return 'typescript';
  if (/\.go$/.test(fileName)) return 'go';
  if (/\.(java|kt)$/.test(fileName)) return 'java';
  return undefined;
}

interface Rules {
  usesSdk: RegExp;
  call: RegExp;
  retriesOff: RegExp;
  libraries: [RegExp, string][];
  loop: RegExp;
  handler: RegExp;
}

const RULES: Record<SourceLanguage, Rules> = {
  python: {
    // [ \t]*, not \s*: under the m flag \s* runs across blank lines, once per line start (quadratic).
    usesSdk: /^[ \t]*(?:import[ \t]+anthropic\b|from[ \t]+anthropic\b)/m,
    call: /\.messages\.(?:create|stream)\s*\(/,
    retriesOff: /max_retries\s*=\s*0\b/,
    libraries: [
      [/@(?:tenacity\.)?retry\b|\b(?:Async)?Retrying\s*\(/, 'tenacity'],
      [/@backoff\.on_(?:exception|predicate)\b/, 'backoff'],
      [/@retry_on_exception\b|@retrying\b/, 'retrying'],
    ],
    loop: /^\s*(?:for\s+\w+\s+in\s+range\s*\(|while\s+)/,
    handler: /^\s*except\b/,
  },
  typescript: {
    usesSdk: /['"]@anthropic-ai\/(?:sdk|bedrock-sdk|vertex-sdk)['"]/,
    call: /\.messages\.(?:create|stream)\s*\(/,
    retriesOff: /maxRetries\s*:\s*0\b/,
    libraries: [
      [/\bpRetry\s*\(/, 'p-retry'],
      [/\bretry\s*\(\s*async\b/, 'async-retry'],
      [/\bbackOff\s*\(/, 'exponential-backoff'],
      [/\bpromiseRetry\s*\(/, 'promise-retry'],
    ],
    loop: /^\s*(?:for\s*\(\s*(?:let|var)\s+\w+\s*=|while\s*\()/,
    handler: /\bcatch\s*(?:\(|\{)/,
  },
  go: {
    usesSdk: /github\.com\/anthropics\/anthropic-sdk-go/,
    call: /\.Messages\.(?:New|NewStreaming)\s*\(/,
    retriesOff: /WithMaxRetries\s*\(\s*0\s*\)/,
    libraries: [
      [/\bretry\.Do\s*\(/, 'retry-go'],
      [/\bbackoff\.Retry(?:Notify)?\s*\(/, 'cenkalti/backoff'],
    ],
    loop: /^\s*for\s+(?:\w+\s*:=\s*0\s*;|attempt|retry|i\s*:=)/,
    handler: /\berr\s*!=\s*nil\b/,
  },
  java: {
    usesSdk: /\bcom\.anthropic\./,
    call: /\.messages\(\)\s*\.\s*(?:create|createStreaming)\s*\(/,
    retriesOff: /\.maxRetries\s*\(\s*0\s*\)/,
    libraries: [
      [/@Retryable\b|RetryTemplate\b/, 'spring-retry'],
      [/\bRetry\.decorate\w*\s*\(/, 'resilience4j'],
      [/\bFailsafe\.with\s*\(/, 'failsafe'],
    ],
    loop: /^\s*(?:for\s*\(\s*int\s+\w+\s*=|while\s*\()/,
    handler: /\bcatch\s*\(/,
  },
};

/** How far above a call a decorator, wrapper or loop may sit and still be around it. */
const LIBRARY_WINDOW = 40;
const LOOP_WINDOW = 15;
/** Outside Python, wrappers take the call inline (a callback), so they sit within a few lines. */
const SHORT_WINDOW = 10;

function isComment(line: string): boolean {
  return /^\s*(#|\/\/|\*|\/\*)/.test(line);
}

const CALLS_PER_BUDGET_CHECK = 256;

export function findRetryWrappers(file: string, text: string, budget: ScanBudget = ScanBudget.unlimited()): RetryWrapperFinding[] {
  const language = languageOf(file);
  if (!language) return [];
  const rules = RULES[language];
  if (!rules.usesSdk.test(text) || !rules.call.test(text)) return [];
  const lines = [...linesOf(text, budget)];
  const sdkRetriesOff = rules.retriesOff.test(text);
  const findings: RetryWrapperFinding[] = [];
  let calls = 0;
  for (const [index, line] of lines.entries()) {
    if (isComment(line) || !rules.call.test(line)) continue;
    if (++calls % CALLS_PER_BUDGET_CHECK === 0 && budget.exhausted()) break;
    const wrapper = wrapperAround(lines, index, rules, language === 'python');
    if (wrapper) findings.push({ file, line: index + 1, language, wrapper, sdkRetriesOff });
  }
  return findings;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

const PYTHON_DEF = /^\s*(?:async\s+)?def\s/;

/** A wrapper library used on the lines above the call, up to the enclosing Python function and its decorators. */
function libraryAround(lines: string[], callIndex: number, rules: Rules, python: boolean): string | undefined {
  const callIndent = indentOf(lines[callIndex] ?? '');
  const match = (line: string) => rules.libraries.find(([pattern]) => pattern.test(line))?.[1];
  for (let i = callIndex; i >= Math.max(0, callIndex - LIBRARY_WINDOW); i--) {
    const line = lines[i] ?? '';
    if (isComment(line)) continue;
    if (python && i < callIndex && PYTHON_DEF.test(line) && indentOf(line) < callIndent) {
      // The enclosing function: only its own decorators count, not those of functions further up.
      for (let d = i - 1; d >= 0 && /^\s*@/.test(lines[d] ?? ''); d--) {
        const name = match(lines[d] ?? '');
        if (name) return name;
      }
      return undefined;
    }
    const name = match(line);
    if (name) return name;
    if (!python && i <= callIndex - SHORT_WINDOW) break;
  }
  return undefined;
}

function wrapperAround(lines: string[], callIndex: number, rules: Rules, python: boolean): string | undefined {
  const library = libraryAround(lines, callIndex, rules, python);
  if (library) return library;
  for (let i = callIndex - 1; i >= Math.max(0, callIndex - LOOP_WINDOW); i--) {
    const line = lines[i] ?? '';
    if (isComment(line)) continue;
    if (python && PYTHON_DEF.test(line)) break;
    if (!rules.loop.test(line)) continue;
    const after = lines.slice(callIndex, callIndex + LOOP_WINDOW);
    if (after.some((candidate) => rules.handler.test(candidate))) return 'loop';
  }
  return undefined;
}

// How the retry wrappers of all six languages ride out a 529 storm, next to the same
// language's SDK alone. 50 concurrent callers in one process start as a storm begins
// (every /v1/messages answers 529 for 2, 10 or 30 s, then the API is healthy at once).
// Per language and storm, each strategy runs in a process of its own against a simulator
// of its own, all strategies of a storm in parallel, warmed up first: callers done within
// a 60 s deadline, median and p95 completion time as a ratio to the ideal (a caller that
// succeeds on its first try after the storm), and requests sent per success (the
// simulator's count). Python, Go and Java run through their snippet drivers and projects
// (test/snippets); TypeScript and JavaScript in Node worker processes. Loopback only.
// Run: node --import tsx bench/snippet-storm.ts [storms=2,10,30] [langs=typescript,go,...]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SNIPPET_POLICY } from '../src/core/snippets/types';
import { pythonDriverEnv, writePythonProject } from '../test/snippets/python/python-project';
import { buildGoProject, GO_PROJECT_DIR, goDriverEnv, goSources } from '../test/snippets/support/go-toolchain';
import { buildJavaProject, JAVA_PROJECT_DIR, javaDriverEnv, javaSources } from '../test/snippets/support/java-toolchain';
import { ensurePythonToolchain } from '../test/snippets/support/python-toolchain';
import { renderAll } from '../test/snippets/support/rendered-wrappers';
import { CALLERS, checkTargets, DEADLINE_MS, figures, printSummary, printTable, printTargets, STRATEGY_NAMES, type LanguageResults, type StrategyName, type TargetCheck } from './storm/figures';
import { startNodeStrategy, writeNodeWrappers } from './storm/node-worker';
import { BENCH_KEY, startDriverStrategy, type DriverCommand, type StrategyRun } from './storm/storm-run';

const LANGUAGES = ['typescript', 'javascript', 'python', 'python-async', 'go', 'java'] as const;
type Language = (typeof LANGUAGES)[number];

/** Builds (or reuses) a language's project once; returns how to run one strategy of one storm. */
type Starter = (strategy: StrategyName, stormSeconds: number) => StrategyRun;

async function prepareLanguage(language: Language, workDir: string): Promise<Starter> {
  switch (language) {
    case 'typescript':
    case 'javascript':
      writeNodeWrappers(language, workDir);
      return (strategy, stormSeconds) => startNodeStrategy({ language, strategy, stormSeconds, wrappersDir: workDir });
    case 'python':
    case 'python-async': {
      const { python } = await ensurePythonToolchain();
      const dir = path.join(workDir, language);
      mkdirSync(dir, { recursive: true });
      writePythonProject(dir);
      const driver: DriverCommand = {
        command: python,
        args: ['-W', 'ignore::DeprecationWarning', 'driver.py'],
        cwd: dir,
        env: (url) => pythonDriverEnv(url, BENCH_KEY),
        extra: { flavor: language === 'python' ? 'sync' : 'async', params: { model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'ping' }] } },
      };
      return (strategy, stormSeconds) => startDriverStrategy(driver, strategy, stormSeconds);
    }
    case 'go': {
      const build = await buildGoProject(goSources(renderAll('go')));
      const driver: DriverCommand = { command: build.driver, args: [], cwd: GO_PROJECT_DIR, env: (url) => goDriverEnv(url, BENCH_KEY) };
      return (strategy, stormSeconds) => startDriverStrategy(driver, strategy, stormSeconds);
    }
    case 'java': {
      const build = await buildJavaProject(javaSources(renderAll('java')));
      const driver: DriverCommand = { command: 'java', args: build.javaArgs, cwd: JAVA_PROJECT_DIR, env: (url) => javaDriverEnv(url, BENCH_KEY) };
      return (strategy, stormSeconds) => startDriverStrategy(driver, strategy, stormSeconds);
    }
  }
}

function parseArgs(argv: string[]): { storms: number[]; languages: Language[] } {
  let storms = [2, 10, 30];
  let languages: Language[] = [...LANGUAGES];
  for (const arg of argv) {
    const [key, value] = arg.split('=');
    if (key === 'storms' && value) storms = value.split(',').map(Number);
    else if (key === 'langs' && value) {
      languages = value.split(',') as Language[];
      const unknown = languages.filter((l) => !LANGUAGES.includes(l));
      if (unknown.length) throw new Error(`unknown language ${unknown.join(', ')}: use ${LANGUAGES.join(', ')}`);
    } else throw new Error(`unknown argument ${arg}: use storms=2,10,30 and langs=${LANGUAGES.join(',')}`);
  }
  if (storms.some((s) => !(s > 0 && s <= 40))) throw new Error('storm lengths are seconds between 0 and 40 (the callers have 60 s)');
  return { storms, languages };
}

async function runLanguage(language: Language, start: Starter, storms: number[]): Promise<LanguageResults> {
  const results: LanguageResults = new Map();
  for (const stormSeconds of storms) {
    const runs = STRATEGY_NAMES.map((strategy) => start(strategy, stormSeconds));
    await Promise.all(runs.map((r) => r.ready));
    for (const r of runs) r.go();
    const outcomes = await Promise.all(runs.map((r) => r.outcome));
    const byName = new Map(outcomes.map((o) => [o.strategy, figures(o)] as const));
    results.set(stormSeconds, byName);
    printTable(language, stormSeconds, byName);
  }
  return results;
}

async function main(): Promise<void> {
  const { storms, languages } = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, '..');
  mkdirSync(path.join(root, '.tools/snippets'), { recursive: true });
  const workDir = mkdtempSync(path.join(root, '.tools/snippets/bench-'));
  const policy = DEFAULT_SNIPPET_POLICY;
  const started = performance.now();
  try {
    console.log(`Snippet storm: ${CALLERS} concurrent callers, every /v1/messages answers 529 for the storm, then healthy at once; ${DEADLINE_MS / 1000} s deadline per caller.`);
    console.log(
      `Wrapper policy (rendered defaults): maxAttempts ${policy.maxAttempts}, deadline ${policy.deadlineSeconds} s, baseDelay ${policy.baseDelayMs} ms, maxDelay ${policy.maxDelayMs} ms; ` +
        `breaker opens after ${policy.breakerFailureThreshold} failures (min ${policy.breakerMinimumRequests} requests), trial every ${policy.breakerOpenSeconds} s.`,
    );
    const all = new Map<string, { results: LanguageResults; checks: TargetCheck[] }>();
    for (const language of languages) {
      const buildStarted = performance.now();
      const start = await prepareLanguage(language, workDir);
      console.log(`\n=== ${language} (project ready in ${((performance.now() - buildStarted) / 1000).toFixed(0)} s)`);
      const results = await runLanguage(language, start, storms);
      const checks = checkTargets(results, policy.breakerOpenSeconds);
      printTargets(language, checks);
      all.set(language, { results, checks });
    }
    printSummary(all);
    const missed = [...all.values()].some(({ checks }) => checks.some((c) => !c.met));
    console.log(`\n${missed ? 'some targets NOT MET (see each language)' : 'every target met in every language'}; wall time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

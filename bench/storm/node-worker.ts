// The TypeScript and JavaScript side of the storm benchmark. The SDK and the wrappers
// run on real timers, so each strategy runs in a process of its own (its event loop not
// shared with the others'), with its own simulator. This file is both the parent's
// handle on such a process and, run with --worker, the process itself.
import Anthropic from '@anthropic-ai/sdk';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderAll } from '../../test/snippets/support/rendered-wrappers';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { CALLERS, DEADLINE_MS, STRATEGY_CALLS, type Outcome, type StrategyName, CLAIRVOYANT } from './figures';
import { BENCH_KEY, stormScenario, type StrategyRun } from './storm-run';

export type NodeStormLanguage = 'typescript' | 'javascript';

const PARAMS = { model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user' as const, content: 'ping' }] };
const EXTENSION: Record<NodeStormLanguage, string> = { typescript: 'ts', javascript: 'mjs' };

type CallOnce = (signal: AbortSignal) => Promise<unknown>;

interface WrapperModule {
  CircuitBreaker?: new () => object;
  createMessageWithRetry(client: Anthropic, params: typeof PARAMS, options?: { signal?: AbortSignal; breaker?: object }): Promise<Anthropic.Message>;
}

/** The wrappers exactly as a user gets them (the default policy), as modules in `dir`. */
export function writeNodeWrappers(language: NodeStormLanguage, dir: string): void {
  const rendered = renderAll(language);
  for (const variant of ['basic', 'circuit-breaker'] as const) writeFileSync(path.join(dir, `${language}-${variant}.${EXTENSION[language]}`), rendered[variant]);
  writeFileSync(path.join(dir, 'sdk.mjs'), "export { default } from '@anthropic-ai/sdk';\n");
}

async function importWrapper(job: WorkerJob, variant: 'basic' | 'circuit-breaker'): Promise<WrapperModule> {
  return (await import(pathToFileURL(path.join(job.wrappersDir, `${job.language}-${variant}.${EXTENSION[job.language]}`)).href)) as WrapperModule;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('deadline'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The SDK the wrappers see: the JavaScript wrapper is an ES module and gets the SDK's ES
 * build, whose error classes are not the CommonJS build's. A client from the other build
 * would throw errors its `instanceof` checks never match.
 */
async function sdkFor(job: WorkerJob): Promise<typeof Anthropic> {
  if (job.language === 'typescript') return Anthropic;
  return ((await import(pathToFileURL(path.join(job.wrappersDir, 'sdk.mjs')).href)) as { default: typeof Anthropic }).default;
}

async function prepare(job: WorkerJob, sim: RunningSimulator): Promise<CallOnce> {
  const { kind, sdkMaxRetries } = STRATEGY_CALLS[job.strategy];
  const Sdk = await sdkFor(job);
  const client = new Sdk({ apiKey: BENCH_KEY, baseURL: sim.url, maxRetries: sdkMaxRetries });
  if (kind === 'basic') {
    const basic = await importWrapper(job, 'basic');
    return (signal) => basic.createMessageWithRetry(client, PARAMS, { signal });
  }
  if (kind === 'circuit-breaker') {
    const module = await importWrapper(job, 'circuit-breaker');
    const breaker = new module.CircuitBreaker!(); // one per process, shared by every caller
    return (signal) => module.createMessageWithRetry(client, PARAMS, { breaker, signal });
  }
  if (job.strategy !== CLAIRVOYANT) return (signal) => client.messages.create(PARAMS, { signal });
  return async (signal) => {
    const inStorm = sim.state.scenario.name.startsWith('storm'); // not during the warm-up
    if (inStorm) await sleep(Math.max(sim.state.startedAtMs + job.stormSeconds * 1000 - Date.now(), 0), signal);
    return client.messages.create(PARAMS, { signal });
  };
}

interface WorkerJob {
  language: NodeStormLanguage;
  strategy: StrategyName;
  stormSeconds: number;
  wrappersDir: string;
}

/** The worker side: warm up, say ready, wait for the go, run the storm, print the outcome. */
async function worker(job: WorkerJob): Promise<void> {
  const sim = await startSimulator({ scenario: 'healthy', requiredApiKey: BENCH_KEY });
  try {
    const callOnce = await prepare(job, sim);
    // A running app has a warm client: one healthy round first, so connection set-up and the
    // SDK's first-call costs are not counted against the storm.
    await Promise.all(Array.from({ length: CALLERS }, () => callOnce(AbortSignal.timeout(DEADLINE_MS))));
    await new Promise<void>((resolve) => {
      process.stdin.once('data', () => resolve());
      process.stdout.write('ready\n');
    });
    sim.state.useScenario(stormScenario(job.stormSeconds)); // the storm starts now, with the callers; counts restart
    const completions = await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        const started = performance.now();
        try {
          await callOnce(AbortSignal.timeout(DEADLINE_MS));
          return performance.now() - started;
        } catch {
          return null; // Infinity does not survive JSON
        }
      }),
    );
    process.stdin.destroy();
    process.stdout.write(`${JSON.stringify({ strategy: job.strategy, stormSeconds: job.stormSeconds, completions, requests: sim.state.counts.get('POST /v1/messages') ?? 0 })}\n`);
  } finally {
    await sim.close();
  }
}

/** The parent side: one worker process per strategy; `go` starts its storm. */
export function startNodeStrategy(job: WorkerJob): StrategyRun {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--worker', JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'inherit'], timeout: DEADLINE_MS * 3 });
  let stdout = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  const outcome = new Promise<Outcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${job.language} ${job.strategy} (${job.stormSeconds} s storm) exited ${code}`));
      const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Omit<Outcome, 'completions'> & { completions: (number | null)[] };
      resolve({ ...parsed, completions: parsed.completions.map((c) => c ?? Infinity) });
    });
  });
  // A worker that dies before it is ready must not leave the parent waiting.
  void outcome.catch(() => markReady());
  return { ready, go: () => child.stdin.end('go\n'), outcome };
}

if (process.argv.includes('--worker')) {
  void worker(JSON.parse(process.argv[process.argv.indexOf('--worker') + 1] ?? '') as WorkerJob).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

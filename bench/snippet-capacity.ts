// How the concurrency variant shares a small capacity among many callers, in every
// language, next to what people do instead. 200 tasks start at once against a simulator
// that serves at most C = 8 message requests at a time, each for a fixed service time,
// and answers 529 overloaded_error to any request beyond that (src/sim/capacity.ts).
// Strategies, each through the language's rendered wrappers and real SDK:
//   - ours: concurrency    the concurrency variant (its adaptive limit starts at 4)
//   - no limit + basic     the basic wrapper, every task at once
//   - fixed C (clairvoyant) the basic wrapper under a semaphore of exactly C
//   - fixed 2C             the basic wrapper under a semaphore of 2C
//   - SDK maxRetries 10    the SDK's own retries, every task at once
// Figures: tasks done, goodput (successes per second until the last one) as a ratio to
// C / service time, requests per success, and p95 completion as a ratio to the ideal
// (200 / C x service time). A second run halves the capacity part-way and reports how
// soon the limit followed. Real time, loopback only; one language at a time.
// Run: node --import tsx bench/snippet-capacity.ts [langs=python,go] [serviceMs=200]
import { DEFAULT_SNIPPET_POLICY, SNIPPET_LANGUAGES, type SnippetLanguage } from '../src/core/snippets/types';
import { type Scenario } from '../src/sim/scenario';
import { SimClient } from '../test/support/sim-client';
import { type LimiterRun } from '../test/snippets/spec/limiter-cases';
import { type LimiterReport, type WrapperDriver } from '../test/snippets/spec/wrapper-driver';
import { prepareLanguage } from './capacity/language-drivers';

const TASKS = 200;
const CAPACITY = 8;
const RUN_TIMEOUT_MS = 240_000;
const policy = DEFAULT_SNIPPET_POLICY;
const CALL = {
  policy: { maxAttempts: policy.maxAttempts, deadlineMs: policy.deadlineSeconds * 1000, baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs },
};
const LIMITER = { initialLimit: policy.limiterInitialLimit, maxLimit: policy.limiterMaxLimit };

interface Strategy {
  name: string;
  run: Pick<LimiterRun, 'strategy' | 'fixedLimit' | 'sdkMaxRetries'>;
}

const OURS = 'ours: concurrency';
const STRATEGIES: Strategy[] = [
  { name: OURS, run: { strategy: 'concurrency' } },
  { name: 'no limit + basic', run: { strategy: 'basic' } },
  { name: 'fixed C (clairvoyant)', run: { strategy: 'basic', fixedLimit: CAPACITY } },
  { name: 'fixed 2C', run: { strategy: 'basic', fixedLimit: 2 * CAPACITY } },
  { name: 'SDK maxRetries 10', run: { strategy: 'sdk', sdkMaxRetries: 10 } },
];

interface Figures {
  successes: number;
  goodputRatio: number;
  requestsPerSuccess: number;
  p95Ratio: number;
  p95Seconds: number;
}

function parseArgs(argv: string[]): { languages: SnippetLanguage[]; serviceMs: number } {
  let languages = [...SNIPPET_LANGUAGES];
  let serviceMs = 200;
  for (const arg of argv) {
    const [key, value] = arg.split('=');
    if (key === 'langs' && value) languages = value.split(',') as SnippetLanguage[];
    else if (key === 'serviceMs' && value) serviceMs = Number(value);
    else throw new Error(`unknown argument ${arg}: use langs=${SNIPPET_LANGUAGES.join(',')} or serviceMs=200`);
  }
  const unknown = languages.filter((l) => !SNIPPET_LANGUAGES.includes(l));
  if (unknown.length > 0 || !(serviceMs >= 10)) throw new Error(`bad arguments: ${unknown.join(', ') || `serviceMs=${serviceMs}`}`);
  return { languages, serviceMs };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function figures(report: LimiterReport, requests: number, serviceMs: number, idealMs: number): Figures {
  const callers = report.phases[0]!.callers;
  const completions = callers.map((c) => (c.outcome === 'ok' ? c.endedAtMs : Infinity)).sort((a, b) => a - b);
  const done = completions.filter(Number.isFinite);
  const lastMs = done.at(-1) ?? Infinity;
  const p95 = quantile(completions, 0.95);
  return {
    successes: done.length,
    goodputRatio: done.length / (lastMs / 1000) / (CAPACITY / (serviceMs / 1000)),
    requestsPerSuccess: done.length ? requests / done.length : Infinity,
    p95Ratio: p95 / idealMs,
    p95Seconds: p95 / 1000,
  };
}

async function runOnce(sim: SimClient, driver: WrapperDriver, label: string, run: Omit<LimiterRun, 'limiter' | 'phases' | 'timeoutMs'>): Promise<{ report: LimiterReport; requests: number }> {
  const report = await driver.limiter(label, { ...run, limiter: LIMITER, phases: [{ callers: TASKS, call: CALL }], timeoutMs: RUN_TIMEOUT_MS });
  return { report, requests: (await sim.state()).requests['POST /v1/messages'] ?? 0 };
}

const fmt = (value: number, digits: number, suffix = '') => (Number.isFinite(value) ? `${value.toFixed(digits)}${suffix}` : '—');

function printTable(language: string, rows: { name: string; f: Figures }[], idealMs: number): void {
  console.log(`\n${language}: ${TASKS} tasks at once, capacity ${CAPACITY} in flight (ideal: all done at ${(idealMs / 1000).toFixed(1)} s, 1 request each)`);
  console.log(`  ${'strategy'.padEnd(24)}${'done'.padStart(9)}${'goodput'.padStart(10)}${'req/success'.padStart(13)}${'p95'.padStart(8)}${'p95 s'.padStart(8)}`);
  for (const { name, f } of rows) {
    console.log(
      `  ${name.padEnd(24)}${`${f.successes}/${TASKS}`.padStart(9)}${fmt(f.goodputRatio, 2, 'x').padStart(10)}${fmt(f.requestsPerSuccess, 2).padStart(13)}` +
        `${fmt(f.p95Ratio, 2, 'x').padStart(8)}${fmt(f.p95Seconds, 1).padStart(8)}`,
    );
  }
}

/** Capacity C for the first part of the run, then C / 2: how soon the limit comes down to it. */
async function halvingRun(sim: SimClient, driver: WrapperDriver, language: string, serviceMs: number): Promise<{ f: Figures; followedSeconds: number; trace: string }> {
  const fullMs = (TASKS / 2 / CAPACITY) * serviceMs; // half the tasks at full capacity
  const spec = (maxInFlight: number) => ({ maxInFlight, serviceTimeMs: serviceMs });
  const scenario: Scenario = {
    name: 'capacity-halves',
    description: `capacity ${CAPACITY}, then ${CAPACITY / 2}`,
    phases: [
      { name: 'full', durationSeconds: fullMs / 1000, capacity: spec(CAPACITY), statusPage: { indicator: 'none' } },
      { name: 'halved', durationSeconds: null, capacity: spec(CAPACITY / 2), statusPage: { indicator: 'minor' } },
    ],
    rateLimits: { requestsPerMinute: 1e9, inputTokensPerMinute: 1e9, outputTokensPerMinute: 1e9 },
  };
  await sim.useScenario(scenario);
  const scenarioStart = sim.sim.state.startedAtMs;
  const { report, requests } = await runOnce(sim, driver, `${language}/capacity-halves`, { strategy: 'concurrency' });
  const firstRequest = (await sim.requests()).filter((r) => r.path === '/v1/messages').reduce((min, r) => Math.min(min, r.atMs), Infinity);
  // The driver's trace runs from its own start, which is when the first requests went out.
  const halvedAtTraceMs = scenarioStart + fullMs - firstRequest;
  const followed = report.limitTrace.find(([atMs, limit]) => atMs >= halvedAtTraceMs && limit <= CAPACITY / 2);
  const idealMs = fullMs + (TASKS / 2 / (CAPACITY / 2)) * serviceMs;
  const trace = report.limitTrace.map(([atMs, limit]) => `${(atMs / 1000).toFixed(1)}s:${limit}`).join(' ');
  await sim.useScenario('healthy');
  return { f: figures(report, requests, serviceMs, idealMs), followedSeconds: followed ? (followed[0] - halvedAtTraceMs) / 1000 : Infinity, trace };
}

interface LanguageResult {
  language: string;
  rows: { name: string; f: Figures }[];
  halving: { f: Figures; followedSeconds: number };
}

async function benchLanguage(language: SnippetLanguage, serviceMs: number): Promise<LanguageResult> {
  const prepared = await prepareLanguage(language);
  const sim = await SimClient.start({ scenario: 'healthy' });
  const driver = await prepared.start(sim.url);
  const idealMs = (TASKS / CAPACITY) * serviceMs;
  try {
    const rows: { name: string; f: Figures }[] = [];
    for (const strategy of STRATEGIES) {
      await sim.reset();
      await sim.capacity({ maxInFlight: CAPACITY, serviceTimeMs: serviceMs });
      const { report, requests } = await runOnce(sim, driver, `${language}/${strategy.name}`, strategy.run);
      rows.push({ name: strategy.name, f: figures(report, requests, serviceMs, idealMs) });
    }
    printTable(language, rows, idealMs);
    const halving = await halvingRun(sim, driver, language, serviceMs);
    console.log(
      `  capacity halving to ${CAPACITY / 2} half-way (ours): ${halving.f.successes}/${TASKS} done, req/success ${fmt(halving.f.requestsPerSuccess, 2)}, ` +
        `p95 ${fmt(halving.f.p95Ratio, 2, 'x')} the ideal; the limit was at ${CAPACITY / 2} or below ${fmt(halving.followedSeconds, 1, ' s')} after the halving`,
    );
    console.log(`  limit trace: ${halving.trace}`);
    return { language, rows, halving };
  } finally {
    await driver.stop();
    await sim.close();
    prepared.dispose();
  }
}

function printSummary(results: LanguageResult[], serviceMs: number): void {
  console.log(`\nSummary (ours: concurrency; targets: goodput >= 0.90x C/service time, <= 1.20 requests per success, p95 <= 1.30x the ideal; limit follows a halving within a few seconds)`);
  console.log(`  ${'language'.padEnd(14)}${'done'.padStart(9)}${'goodput'.padStart(10)}${'req/success'.padStart(13)}${'p95'.padStart(8)}${'fixed C p95'.padStart(13)}${'halving: followed'.padStart(19)}  targets`);
  for (const { language, rows, halving } of results) {
    const f = rows.find((r) => r.name === OURS)!.f;
    const clairvoyant = rows.find((r) => r.name === 'fixed C (clairvoyant)')!.f;
    const met = f.successes === TASKS && f.goodputRatio >= 0.9 && f.requestsPerSuccess <= 1.2 && f.p95Ratio <= 1.3 && halving.followedSeconds <= 3;
    console.log(
      `  ${language.padEnd(14)}${`${f.successes}/${TASKS}`.padStart(9)}${fmt(f.goodputRatio, 2, 'x').padStart(10)}${fmt(f.requestsPerSuccess, 2).padStart(13)}${fmt(f.p95Ratio, 2, 'x').padStart(8)}` +
        `${fmt(clairvoyant.p95Ratio, 2, 'x').padStart(13)}${fmt(halving.followedSeconds, 1, ' s').padStart(19)}  ${met ? 'met' : 'NOT MET'}`,
    );
  }
  console.log(`  service time ${serviceMs} ms; "fixed C p95" is the clairvoyant fixed limit measured in the same run: the part of a ratio that is the machine itself.`);
}

async function main(): Promise<void> {
  const { languages, serviceMs } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`Snippet capacity: ${TASKS} tasks at once; the simulator serves ${CAPACITY} message requests at a time for ${serviceMs} ms each and answers 529 beyond that.`);
  console.log(`Wrapper policy: maxAttempts ${policy.maxAttempts}, deadline ${policy.deadlineSeconds} s, baseDelay ${policy.baseDelayMs} ms, maxDelay ${policy.maxDelayMs} ms; limiter starts at ${LIMITER.initialLimit}, ceiling ${LIMITER.maxLimit}.`);
  const results: LanguageResult[] = [];
  for (const language of languages) results.push(await benchLanguage(language, serviceMs));
  printSummary(results, serviceMs);
  console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

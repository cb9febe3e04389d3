// What the storm benchmark runs: the storm itself (a scenario) and, for Python, Go and
// Java, one strategy's crowd through the language's snippet driver (test/snippets), the
// same driver and project the snippet suites build, each strategy in a driver process
// of its own against a simulator of its own.
import { type Scenario } from '../../src/sim/scenario';
import { startSimulator } from '../../src/sim/server';
import { LineDriver } from '../../test/snippets/support/line-driver';
import { CALLERS, CLAIRVOYANT, DEADLINE_MS, STRATEGY_CALLS, type Outcome, type StrategyName } from './figures';

export const BENCH_KEY = 'sk-ant-api03-bench-not-a-real-key-000000000000';

/** One strategy's crowd, warmed up and waiting: `go` starts the storm and its callers together. */
export interface StrategyRun {
  ready: Promise<void>;
  go(): void;
  outcome: Promise<Outcome>;
}

export function stormScenario(stormSeconds: number): Scenario {
  return {
    name: `storm-${stormSeconds}s`,
    description: `every /v1/messages answers 529 for ${stormSeconds} s, then the API is healthy at once`,
    phases: [
      { name: 'storm', durationSeconds: stormSeconds, faults: [{ kind: 'overloaded', probability: 1, paths: ['/v1/messages'] }], statusPage: { indicator: 'major' } },
      { name: 'recovered', durationSeconds: null, statusPage: { indicator: 'none' } },
    ],
    rateLimits: { requestsPerMinute: 1e9, inputTokensPerMinute: 1e9, outputTokensPerMinute: 1e9 },
  };
}

/** How to start a language's driver (its project built already). */
export interface DriverCommand {
  command: string;
  args: string[];
  cwd: string;
  env(simUrl: string): NodeJS.ProcessEnv;
  /** Extra fields of every command: the Python driver's flavour. */
  extra?: Record<string, unknown>;
}

interface StormAnswer {
  completions?: (number | null)[];
  outcome?: string;
  error?: unknown;
}

/** The driver side of one strategy: a simulator, a driver process, a warm-up round, then the storm on `go`. */
export function startDriverStrategy(driver: DriverCommand, strategy: StrategyName, stormSeconds: number): StrategyRun {
  const { kind, sdkMaxRetries } = STRATEGY_CALLS[strategy];
  let go: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const crowd = async (process: LineDriver, startDelayMs: number): Promise<(number | null)[]> => {
    const storm = { strategy: kind, sdkMaxRetries, callers: CALLERS, deadlineMs: DEADLINE_MS, startDelayMs };
    const answer = await process.run<StormAnswer>({ case: `storm/${strategy}`, action: 'storm', storm, ...driver.extra }, DEADLINE_MS * 2);
    if (!answer.completions) throw new Error(`the ${strategy} driver failed: ${JSON.stringify(answer)}`);
    return answer.completions;
  };
  const outcome = (async (): Promise<Outcome> => {
    const sim = await startSimulator({ scenario: 'healthy', requiredApiKey: BENCH_KEY });
    const process = LineDriver.start(driver.command, driver.args, driver.cwd, driver.env(sim.url));
    try {
      // A running app is warm: one healthy round first, so start-up and first-call costs
      // (class loading, imports, connections) are not counted against the storm.
      await crowd(process, 0);
      markReady();
      await started;
      sim.state.useScenario(stormScenario(stormSeconds)); // the storm starts now, with the callers; counts restart
      const completions = await crowd(process, strategy === CLAIRVOYANT ? stormSeconds * 1000 : 0);
      if (process.output.includes(BENCH_KEY)) throw new Error(`the ${strategy} driver printed the API key`);
      return { strategy, stormSeconds, completions: completions.map((c) => c ?? Infinity), requests: sim.state.counts.get('POST /v1/messages') ?? 0 };
    } finally {
      markReady();
      await process.stop();
      await sim.close();
    }
  })();
  return { ready, go, outcome };
}

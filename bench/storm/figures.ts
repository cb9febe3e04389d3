// The storm benchmark's figures: what one strategy's crowd did in one storm, the ratios
// to the ideal, one table per language, the targets, and the summary across languages.
export const CALLERS = 50;
export const DEADLINE_MS = 60_000;

// Knows when the storm ends and sends its one request then: the ideal, measured on this
// machine, so the printout shows how much of every ratio is the machine itself.
export const CLAIRVOYANT = 'ideal, measured (clairvoyant)';
export const BASIC = 'ours: basic';
export const BREAKER = 'ours: circuit-breaker';
export const SDK_DEFAULT = 'SDK default (maxRetries 2)';
export const SDK_TEN = 'SDK maxRetries 10';
export const STRATEGY_NAMES = [CLAIRVOYANT, BASIC, BREAKER, SDK_DEFAULT, SDK_TEN] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** How each strategy calls: through a wrapper, or the SDK alone with its own retries. */
export const STRATEGY_CALLS: Record<StrategyName, { kind: 'basic' | 'circuit-breaker' | 'sdk'; sdkMaxRetries: number }> = {
  [CLAIRVOYANT]: { kind: 'sdk', sdkMaxRetries: 0 },
  [BASIC]: { kind: 'basic', sdkMaxRetries: 2 },
  [BREAKER]: { kind: 'circuit-breaker', sdkMaxRetries: 2 },
  [SDK_DEFAULT]: { kind: 'sdk', sdkMaxRetries: 2 },
  [SDK_TEN]: { kind: 'sdk', sdkMaxRetries: 10 },
};

export interface Outcome {
  strategy: StrategyName;
  stormSeconds: number;
  /** Completion time of each caller in ms; Infinity when it failed or missed the deadline. */
  completions: number[];
  /** POST /v1/messages as the simulator counted them during the storm run. */
  requests: number;
}

export interface Figures {
  successes: number;
  medianRatio: number;
  p95Ratio: number;
  p95Seconds: number;
  requestsPerSuccess: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function figures(outcome: Outcome): Figures {
  const sorted = outcome.completions.map((c) => (c <= DEADLINE_MS ? c : Infinity)).sort((a, b) => a - b);
  const successes = sorted.filter(Number.isFinite).length;
  const idealMs = outcome.stormSeconds * 1000;
  return {
    successes,
    medianRatio: quantile(sorted, 0.5) / idealMs,
    p95Ratio: quantile(sorted, 0.95) / idealMs,
    p95Seconds: quantile(sorted, 0.95) / 1000,
    requestsPerSuccess: successes ? outcome.requests / successes : Infinity,
  };
}

export const fmt = (value: number, digits: number, suffix = ''): string => (Number.isFinite(value) ? `${value.toFixed(digits)}${suffix}` : '—');

export function printTable(language: string, stormSeconds: number, byName: Map<StrategyName, Figures>): void {
  console.log(`\n${language}, storm ${stormSeconds} s (ideal: every caller done at ${stormSeconds.toFixed(1)} s, 1 request each)`);
  console.log(`  ${'strategy'.padEnd(30)}${'done'.padStart(7)}${'median'.padStart(9)}${'p95'.padStart(9)}${'p95 s'.padStart(8)}${'req/success'.padStart(13)}`);
  for (const name of STRATEGY_NAMES) {
    const f = byName.get(name);
    if (!f) continue;
    console.log(
      `  ${name.padEnd(30)}${`${f.successes}/${CALLERS}`.padStart(7)}${fmt(f.medianRatio, 2, 'x').padStart(9)}${fmt(f.p95Ratio, 2, 'x').padStart(9)}` +
        `${fmt(f.p95Seconds, 1).padStart(8)}${fmt(f.requestsPerSuccess, 1).padStart(13)}`,
    );
  }
}

/** storm length -> strategy -> figures, for one language. */
export type LanguageResults = Map<number, Map<StrategyName, Figures>>;

export interface TargetCheck {
  target: string;
  detail: string[];
  met: boolean;
}

/** The issue's targets, each against a baseline measured in the same run. */
export function checkTargets(results: LanguageResults, breakerOpenSeconds: number): TargetCheck[] {
  const get = (storm: number, name: StrategyName) => results.get(storm)?.get(name);
  const checks: TargetCheck[] = [];
  const check = (target: string, storms: number[], name: StrategyName, test: (f: Figures, storm: number) => boolean, show: (f: Figures, storm: number) => string) => {
    const measured = storms.filter((s) => get(s, name));
    if (measured.length === 0) return;
    checks.push({ target, detail: measured.map((s) => `${s} s: ${show(get(s, name)!, s)}`), met: measured.every((s) => test(get(s, name)!, s)) });
  };
  const all = [...results.keys()];
  const long = all.filter((s) => s >= 10);
  // The measured ideal shows how much of a ratio is this machine's own delay.
  const withFloor = (text: string, s: number) => `${text} (measured ideal ${fmt(get(s, CLAIRVOYANT)?.p95Ratio ?? NaN, 2, 'x')})`;
  const sdkTen = (s: number) => get(s, SDK_TEN)?.requestsPerSuccess ?? Infinity;
  check(`basic: ${CALLERS}/${CALLERS} at every storm length`, all, BASIC, (f) => f.successes === CALLERS, (f) => `${f.successes}/${CALLERS}`);
  check('basic: p95 within 1.5x the ideal (10 and 30 s)', long, BASIC, (f) => f.p95Ratio <= 1.5, (f, s) => withFloor(fmt(f.p95Ratio, 2, 'x'), s));
  check('basic: requests per success <= SDK maxRetries 10', all, BASIC, (f, s) => f.requestsPerSuccess <= sdkTen(s), (f, s) => `${fmt(f.requestsPerSuccess, 1)} vs ${fmt(sdkTen(s), 1)}`);
  check('circuit-breaker: p95 within ideal + 2 s (10 and 30 s)', long, BREAKER, (f, s) => f.p95Seconds <= s + 2, (f, s) => withFloor(`${fmt(f.p95Seconds, 1)} s`, s));
  // Every caller's first request fails in the storm and each needs one that succeeds: 2 per
  // success is the floor without foresight; the breaker adds one trial per interval while open.
  const breakerBound = (s: number) => 2 + s / breakerOpenSeconds / CALLERS;
  check(
    `circuit-breaker: requests per success <= 2 + (storm / ${breakerOpenSeconds} s trial interval) / ${CALLERS}`,
    all,
    BREAKER,
    (f, s) => f.requestsPerSuccess <= breakerBound(s),
    (f, s) => `${fmt(f.requestsPerSuccess, 2)} (bound ${breakerBound(s).toFixed(2)})`,
  );
  return checks;
}

export function printTargets(language: string, checks: TargetCheck[]): void {
  console.log(`\n${language}: targets`);
  for (const c of checks) console.log(`  ${c.met ? 'met    ' : 'NOT MET'}  ${c.target}: ${c.detail.join(', ')}`);
}

/** One row per language and storm: our two wrappers next to the same language's SDK, and the targets met. */
export function printSummary(all: Map<string, { results: LanguageResults; checks: TargetCheck[] }>): void {
  console.log('\nSummary across languages (p95 as a ratio to the ideal; req/s = requests per success)');
  const head = ['language', 'storm', 'basic done', 'p95', 'req/s', 'breaker p95 s', 'req/s', 'SDK 10 p95', 'req/s', 'targets'];
  const widths = [14, 7, 12, 8, 7, 15, 7, 12, 7, 9];
  const row = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('')}`;
  console.log(row(head));
  for (const [language, { results, checks }] of all) {
    const met = `${checks.filter((c) => c.met).length}/${checks.length}`;
    for (const [storm, byName] of results) {
      const basic = byName.get(BASIC);
      const breaker = byName.get(BREAKER);
      const ten = byName.get(SDK_TEN);
      console.log(
        row([
          language,
          `${storm} s`,
          basic ? `${basic.successes}/${CALLERS}` : '—',
          fmt(basic?.p95Ratio ?? NaN, 2, 'x'),
          fmt(basic?.requestsPerSuccess ?? NaN, 1),
          fmt(breaker?.p95Seconds ?? NaN, 1),
          fmt(breaker?.requestsPerSuccess ?? NaN, 2),
          fmt(ten?.p95Ratio ?? NaN, 2, 'x'),
          fmt(ten?.requestsPerSuccess ?? NaN, 1),
          met,
        ]),
      );
    }
  }
}

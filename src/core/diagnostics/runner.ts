// Runs the checks as a dependency graph: each starts as soon as what it needs
// has finished, so independent checks overlap and the run takes about as long
// as its longest chain. Every check has its own deadline inside the run's
// budget, and the caller's AbortSignal stops them all. A check that ignores
// its signal still cannot hold the run: the runner stops waiting for it.
import { systemClock, systemStopwatch, type Clock, type Stopwatch } from '../clock';
import { translatorFor, type Translate } from '../l10n';
import { redactDeep, redactSecrets } from '../net/redact';
import type { CheckContext, CheckDefinition, Facts } from './check';
import { ALL_CHECKS } from './checks';
import { runWithComparison } from './compare/run';
import { makePlan, type Plan } from './plan';
import { summarize } from './summary';
import { CHECK_IDS, type CheckId, type CheckOutcome, type CheckResult, type DiagnosticsInput, type DiagnosticsReport } from './types';

export const DEFAULT_RUN_TIMEOUT_MS = 30_000;

export interface DiagnosticsOptions {
  /** Cancels the run: running checks are stopped, the rest skipped; the report says so. */
  signal?: AbortSignal;
  /** Called once per check as soon as its result is final. */
  onProgress?(check: CheckResult): void;
  /** Bounds the whole run; each check's own limit is cut to fit inside it. Default 30 s. */
  timeoutMs?: number;
  /** Wall-clock time (startedAt, clock skew, certificate expiry, rate-limit resets). */
  clock?: Clock;
  /** Durations. */
  stopwatch?: Stopwatch;
  /** Run only these checks (and those they need). */
  only?: readonly CheckId[];
}

/** A check's progress as its dependents see it: `ready` settles when they may start. */
interface Tracked {
  ready: Promise<void>;
  release(): void;
  released: boolean;
}

function track(): Tracked {
  let open: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    open = resolve;
  });
  const tracked: Tracked = {
    ready,
    released: false,
    release: () => {
      tracked.released = true;
      open();
    },
  };
  return tracked;
}

interface RunState {
  input: DiagnosticsInput;
  plan: Plan;
  facts: Facts;
  results: Map<CheckId, CheckResult>;
  clock: Clock;
  stopwatch: Stopwatch;
  runSignal: AbortSignal;
  runDeadline: number;
  secrets: (string | undefined)[];
  onProgress: (check: CheckResult) => void;
  t: Translate;
}

function selected(only: readonly CheckId[] | undefined): CheckDefinition[] {
  if (!only) return ALL_CHECKS;
  const wanted = new Set<CheckId>();
  const add = (id: CheckId) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const need of ALL_CHECKS.find((check) => check.id === id)?.needs ?? []) add(need);
  };
  only.forEach(add);
  return ALL_CHECKS.filter((check) => wanted.has(check.id));
}

function toResult(definition: CheckDefinition, outcome: CheckOutcome, durationMs: number, state: Pick<RunState, 'secrets' | 't'>, blockedBy?: CheckId): CheckResult {
  const secrets = state.secrets;
  const clean = (text: string) => redactSecrets(text, secrets);
  const result: CheckResult = {
    id: definition.id,
    title: definition.title(state.t),
    status: outcome.status,
    detail: clean(outcome.detail),
    durationMs: Math.max(0, Math.round(durationMs)),
    notes: (outcome.notes ?? []).map(clean),
  };
  if (outcome.hint !== undefined) result.hint = clean(outcome.hint);
  if (outcome.data !== undefined) result.data = redactDeep(outcome.data, secrets);
  if (outcome.headline !== undefined) result.headline = clean(outcome.headline);
  if (blockedBy !== undefined) result.blockedBy = blockedBy;
  return result;
}

function skipped(detail: string): CheckOutcome {
  return { status: 'skip', detail };
}

/**
 * The failed (or failure-blocked) prerequisite that stops this check, as its
 * root cause. A need still running has unblocked its dependents and will not fail.
 */
function blockingNeed(definition: CheckDefinition, results: Map<CheckId, CheckResult>): { need: CheckResult; root: CheckId } | undefined {
  for (const id of definition.needs) {
    const need = results.get(id);
    if (!need) continue;
    if (need.status === 'fail') return { need, root: need.id };
    if (need.status === 'skip' && need.blockedBy) return { need, root: need.blockedBy };
  }
  return undefined;
}

async function runOne(definition: CheckDefinition, state: RunState, tracked: Tracked): Promise<CheckResult> {
  const started = state.stopwatch.now();
  const finish = (outcome: CheckOutcome, blockedBy?: CheckId) =>
    toResult(definition, outcome, state.stopwatch.now() - started, state, blockedBy);
  const { t } = state;

  if (state.runSignal.aborted) return finish(skipped(t`cancelled`));
  const blocked = blockingNeed(definition, state.results);
  if (blocked) {
    const title = blocked.need.id === blocked.root ? blocked.need.title : t`${blocked.need.title} (after ${state.results.get(blocked.root)?.title ?? blocked.root})`;
    return finish(skipped(t`not run: ${title} failed`), blocked.root);
  }
  const budget = Math.min(definition.timeoutMs, state.runDeadline - started);
  if (budget <= 0) return finish(skipped(t`not started: the run's time budget was used up`));

  const controller = new AbortController();
  let timedOut = false;
  const deadline = started + budget;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('check timed out'));
  }, budget);
  const cancel = () => controller.abort(new Error('cancelled'));
  state.runSignal.addEventListener('abort', cancel, { once: true });
  const context: CheckContext = {
    input: state.input,
    plan: state.plan,
    signal: controller.signal,
    clock: state.clock,
    stopwatch: state.stopwatch,
    t,
    timeLeft: () => deadline - state.stopwatch.now(),
    facts: state.facts,
    results: state.results,
    unblockDependents: () => tracked.release(),
  };
  const stopped = new Promise<'stopped'>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  // Started inside a promise so that a check throwing before its first await is caught like one that rejects.
  const running = (async () => definition.run(context))().then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error }),
  );
  try {
    const first = await Promise.race([running, stopped]);
    if (first === 'stopped') {
      if (!timedOut) return finish(skipped(t`cancelled`));
      const late = definition.timedOut(budget, context);
      // Dependents already went ahead on what this check settled; its unfinished extra work is a warning, not a failure.
      return finish(tracked.released && late.status === 'fail' ? { ...late, status: 'warn' } : late);
    }
    if ('outcome' in first) return finish(first.outcome);
    const message = first.error instanceof Error ? first.error.message : String(first.error);
    return finish({
      status: 'fail',
      detail: t`the check itself failed: ${message.slice(0, 200)}`,
      hint: t`This is a bug in Claude Health, not in your setup: please report it with this report attached.`,
    });
  } finally {
    clearTimeout(timer);
    state.runSignal.removeEventListener('abort', cancel);
    // Whatever the check was still doing is abandoned; its sockets close on the abort.
    controller.abort(new Error('check finished'));
  }
}

/**
 * Runs every diagnostic check (or `options.only` and what they need) and
 * returns the report; with `input.compare`, also the comparison of the
 * configured endpoint with those. Never rejects for network reasons; a
 * cancelled run resolves with `cancelled: true`.
 */
export async function runDiagnostics(input: DiagnosticsInput, options: DiagnosticsOptions = {}): Promise<DiagnosticsReport> {
  if (!input.compare?.length) return runChecks(input, options);
  const stopwatch = options.stopwatch ?? systemStopwatch;
  return runWithComparison(input, input.compare, {
    // Compared endpoints report no progress: the editor counts the main checks.
    runChecks: (runInput, only) => runChecks(runInput, only ? { ...options, only, onProgress: undefined } : options),
    ...(options.signal ? { signal: options.signal } : {}),
    clock: options.clock ?? systemClock,
    stopwatch,
    deadline: stopwatch.now() + Math.max(1, options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS),
  });
}

async function runChecks(input: DiagnosticsInput, options: DiagnosticsOptions): Promise<DiagnosticsReport> {
  const clock = options.clock ?? systemClock;
  const stopwatch = options.stopwatch ?? systemStopwatch;
  const startedAt = clock.now();
  const started = stopwatch.now();
  const runTimeout = Math.max(1, options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS);
  const runController = new AbortController();
  const forward = () => runController.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });

  const state: RunState = {
    input,
    plan: makePlan(input),
    facts: {},
    results: new Map(),
    clock,
    stopwatch,
    runSignal: runController.signal,
    runDeadline: started + runTimeout,
    secrets: [input.apiKey],
    t: translatorFor(input.locale),
    onProgress: (check) => {
      try {
        options.onProgress?.(check);
      } catch {
        // A broken progress callback must not stop the diagnosis.
      }
    },
  };

  const pending = new Map<CheckId, Promise<CheckResult>>();
  const progress = new Map<CheckId, Tracked>();
  for (const definition of selected(options.only)) {
    const needs = definition.needs.map((id) => {
      const need = progress.get(id);
      if (!need) throw new Error(`check ${definition.id} is listed before ${id}, which it needs`);
      return need.ready;
    });
    const tracked = track();
    progress.set(definition.id, tracked);
    const early = definition.notApplicable?.(state.plan, input, state.t);
    const promise = (async () => {
      let result: CheckResult;
      if (early && !state.runSignal.aborted) {
        result = toResult(definition, early, 0, state);
      } else {
        await Promise.all(needs);
        result = await runOne(definition, state, tracked);
      }
      state.results.set(definition.id, result);
      tracked.release();
      state.onProgress(result);
      return result;
    })();
    pending.set(definition.id, promise);
  }
  await Promise.all(pending.values());
  options.signal?.removeEventListener('abort', forward);

  const checks = CHECK_IDS.map((id) => state.results.get(id)).filter((r): r is CheckResult => r !== undefined);
  const cancelled = runController.signal.aborted;
  return {
    checks,
    summary: summarize(checks, cancelled, state.t),
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.round(stopwatch.now() - started),
    cancelled,
  };
}

// The configured endpoint and each compared one, side by side: the network
// layers and authentication of every endpoint run at the same time as the
// main diagnostics (the configured endpoint's come from the main run itself,
// so nothing is asked twice), then each gets its latency sample. A compared
// endpoint runs with its own key or none; the configured key never goes to
// another origin, checked here again whatever the adapter handed in.
import type { Clock, Stopwatch } from '../../clock';
import { translatorFor, type Translate } from '../../l10n';
import { redactDeep } from '../../net/redact';
import { CONFIGURED_ENDPOINT_NAME } from '../../settings';
import { displayProxy, makePlan } from '../plan';
import type { CheckId, DiagnosticsInput, DiagnosticsReport } from '../types';
import { buildEntry } from './entry';
import { DEFAULT_SAMPLE_COUNT, sampleLatency, type LatencySample } from './latency';
import { keyAllowedFor } from './targets';
import type { ComparisonEntry, ComparisonTarget } from './types';
import { keyWording } from './wording';

/** What a compared endpoint is checked for (and what those need: config, proxy). */
export const COMPARED_CHECKS: readonly CheckId[] = ['dns', 'tcp', 'tls', 'http', 'auth'];

export interface ComparisonRun {
  /** Runs the checks on an input: everything for the configured endpoint, `only` these for a compared one. */
  runChecks(input: DiagnosticsInput, only?: readonly CheckId[]): Promise<DiagnosticsReport>;
  signal?: AbortSignal;
  clock: Clock;
  stopwatch: Stopwatch;
  /** Stopwatch time by which everything, latency samples included, is done. */
  deadline: number;
}

/** The input for one compared endpoint: the same network settings, its own URL and key, nothing billed or scanned. */
function inputFor(input: DiagnosticsInput, target: ComparisonTarget, t: Translate): { input: DiagnosticsInput; keyNote?: string } {
  const { apiKey: _configuredKey, apiKeySource: _source, compare: _compare, inference: _inference, workspaceFolder: _folder, ...network } = input;
  const env = { ...input.env, ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined };
  const own: DiagnosticsInput = { ...network, env, apiBaseUrlSetting: target.baseUrl, apiBaseUrlSettingName: target.name };
  const configuredBase = makePlan(input).baseUrl.href;
  if (target.apiKey && !keyAllowedFor(target.baseUrl, target.apiKey, { baseUrl: configuredBase, apiKey: input.apiKey })) {
    return { input: own, keyNote: keyWording.isConfiguredKey(target.apiKeySource ?? t`its key variable`, t) };
  }
  if (target.apiKey) {
    own.apiKey = target.apiKey;
    if (target.apiKeySource) own.apiKeySource = target.apiKeySource;
  }
  const result: { input: DiagnosticsInput; keyNote?: string } = { input: own };
  if (target.keyNote) result.keyNote = target.keyNote;
  return result;
}

function reachable(report: DiagnosticsReport): boolean {
  const status = (id: CheckId) => report.checks.find((c) => c.id === id)?.status;
  const tcp = status('tcp');
  return (tcp === 'pass' || tcp === 'warn') && !['dns', 'tcp', 'tls', 'http'].some((id) => status(id as CheckId) === 'fail');
}

interface Measured {
  report: DiagnosticsReport;
  input: DiagnosticsInput;
  sample?: LatencySample;
}

function proxyOf(input: DiagnosticsInput): { proxy?: string } {
  const route = makePlan(input).proxy;
  return route.kind === 'proxy' ? { proxy: displayProxy(route.proxy) } : {};
}

async function measure(input: DiagnosticsInput, report: DiagnosticsReport, run: ComparisonRun, signal: AbortSignal): Promise<Measured> {
  if (!reachable(report) || signal.aborted) return { report, input };
  const plan = makePlan(input);
  const auth = report.checks.find((c) => c.id === 'auth');
  // A refused key is not sent again; the sample still times the round trip.
  const keyWorks = auth?.status !== 'skip' && auth?.status !== 'fail';
  const key = input.apiKey && plan.keySending.send && keyWorks ? input.apiKey : undefined;
  const sample = await sampleLatency({
    plan,
    ...(key ? { key } : {}),
    count: DEFAULT_SAMPLE_COUNT,
    deadline: run.deadline,
    signal,
    clock: run.clock,
    stopwatch: run.stopwatch,
  });
  return sample.answers.length + sample.failures.length ? { report, input, sample } : { report, input };
}

/**
 * Runs the main diagnostics and the comparison together; the report is the
 * main one with `comparison` added, the configured endpoint first.
 */
export async function runWithComparison(input: DiagnosticsInput, targets: readonly ComparisonTarget[], run: ComparisonRun): Promise<DiagnosticsReport> {
  const signal = run.signal ?? new AbortController().signal;
  const t = translatorFor(input.locale);
  const mainDone = run.runChecks(input).then((report) => measure(input, report, run, signal));
  const othersDone = targets.map((target) => {
    const own = inputFor(input, target, t);
    return run.runChecks(own.input, COMPARED_CHECKS).then(async (report) => ({ target, keyNote: own.keyNote, measured: await measure(own.input, report, run, signal) }));
  });
  const [main, others] = await Promise.all([mainDone, Promise.all(othersDone)]);
  const configuredP50 = main.sample?.p50 ?? undefined;
  const configuredEntry = buildEntry({
    name: CONFIGURED_ENDPOINT_NAME,
    baseUrl: makePlan(input).baseUrl.href.replace(/\/$/, ''),
    role: 'configured',
    keySource: input.apiKey ? (input.apiKeySource ?? null) : null,
    ...proxyOf(input),
    report: main.report,
    ...(main.sample ? { sample: main.sample } : {}),
    t,
  });
  const entries: ComparisonEntry[] = [configuredEntry];
  for (const { target, keyNote, measured } of others) {
    entries.push(
      buildEntry({
        name: target.name,
        baseUrl: target.baseUrl,
        role: 'comparison',
        keySource: measured.input.apiKey ? (measured.input.apiKeySource ?? null) : null,
        ...proxyOf(measured.input),
        ...(keyNote ? { keyNote } : {}),
        report: measured.report,
        ...(measured.sample ? { sample: measured.sample } : {}),
        ...(configuredP50 !== undefined ? { configuredP50 } : {}),
        t,
      }),
    );
  }
  const secrets = [input.apiKey, ...targets.map((target) => target.apiKey)];
  return { ...main.report, comparison: redactDeep(entries, secrets) };
}

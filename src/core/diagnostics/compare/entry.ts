// One endpoint's column of the comparison, read from the checks that ran
// against it and its latency sample: the facts of each layer, whether the
// API's headers survive the way there, and a one-line verdict.
import { headlineOf } from '../summary';
import { addressKind, type AddressKind } from '../net/ip-ranges';
import { english, type Translate } from '../../l10n';
import type { CheckId, CheckResult, DiagnosticsReport, JsonObject } from '../types';
import type { LatencySample } from './latency';
import type { AuthResult, ComparisonEntry, HeaderPresence, LayerResult } from './types';
import { verdictWording, type VerdictWarning } from './wording';

export interface EntryFacts {
  name: string;
  baseUrl: string;
  role: ComparisonEntry['role'];
  keySource: string | null;
  proxy?: string;
  /** Replaces the auth check's own words when it was skipped for want of a key. */
  keyNote?: string;
  report: DiagnosticsReport;
  /** Absent when the endpoint could not be reached or the run ran out of time. */
  sample?: LatencySample;
  /** The configured endpoint's p50, to say how much slower or faster this one is. */
  configuredP50?: number;
  /** The run's language, for the verdict and the notes; default English. */
  t?: Translate;
}

function check(report: DiagnosticsReport, id: CheckId): CheckResult | undefined {
  return report.checks.find((c) => c.id === id);
}

function layer(result: CheckResult | undefined, t: Translate): LayerResult {
  return result ? { status: result.status, detail: result.detail } : { status: 'skip', detail: t`not run` };
}

function numberAt(data: JsonObject | undefined, key: string): number | null {
  const value = data?.[key];
  return typeof value === 'number' ? value : null;
}

function tcpLayer(result: CheckResult | undefined, t: Translate): ComparisonEntry['layers']['tcp'] {
  const data = result?.data;
  const attempts = [...((data?.ipv4 as JsonObject[] | undefined) ?? []), ...((data?.ipv6 as JsonObject[] | undefined) ?? [])];
  const times = attempts.filter((a) => a.ok === true && typeof a.ms === 'number').map((a) => a.ms as number);
  const code = attempts.find((a) => typeof a.code === 'string')?.code;
  return {
    ...layer(result, t),
    connectMs: times.length ? Math.min(...times) : null,
    error: !times.length && typeof code === 'string' ? code : null,
  };
}

function dnsLayer(result: CheckResult | undefined, t: Translate): ComparisonEntry['layers']['dns'] {
  const system = result?.data?.system;
  const addresses = Array.isArray(system) ? system.filter((a): a is string => typeof a === 'string') : [];
  const kinds = [...new Set(addresses.map(addressKind))] as AddressKind[];
  // The DNS check warns only on interception or disagreement with public resolvers; a null answer is a DNS filter.
  const looksPolluted = result?.status === 'warn' || kinds.includes('unspecified');
  return { ...layer(result, t), addresses, kinds, looksPolluted, fakeIp: kinds.includes('fake-ip') };
}

function tlsLayer(result: CheckResult | undefined, t: Translate): ComparisonEntry['layers']['tls'] {
  const chain = result?.data?.chain;
  const leaf = Array.isArray(chain) ? (chain[0] as JsonObject | undefined) : undefined;
  const protocol = result?.data?.protocol;
  return {
    ...layer(result, t),
    handshakeMs: numberAt(result?.data, 'handshakeMs'),
    issuer: typeof leaf?.issuer === 'string' ? leaf.issuer : null,
    protocol: typeof protocol === 'string' ? protocol : null,
  };
}

function authResult(result: CheckResult | undefined, status: number | null): AuthResult {
  if (!result || result.status === 'skip') return 'not-checked';
  if (result.status === 'pass') return 'accepted';
  if (status === 401 || status === 403) return 'rejected';
  if (status === 429) return 'rate-limited';
  return 'unclear';
}

function authLayer(result: CheckResult | undefined, keyNote: string | undefined, t: Translate): ComparisonEntry['layers']['auth'] {
  const httpStatus = numberAt(result?.data, 'status');
  const base = layer(result, t);
  const outcome = authResult(result, httpStatus);
  if (outcome === 'not-checked' && keyNote) base.detail = keyNote;
  return { ...base, result: outcome, httpStatus };
}

/** request-id: any answer tells. Rate-limit headers come only with an accepted key, so only such an answer tells. */
function headerPresence(sample: LatencySample | undefined, auth: AuthResult): ComparisonEntry['headers'] {
  if (!sample || sample.answers.length === 0) return { requestId: 'unknown', rateLimits: 'unknown' };
  const requestId: HeaderPresence = sample.answers.some((a) => a.requestId) ? 'present' : 'absent';
  const judged = sample.authenticated ? sample.answers.filter((a) => (a.status >= 200 && a.status < 300) || a.status === 429) : [];
  const rateLimits: HeaderPresence =
    judged.some((a) => a.rateLimits) ? 'present'
    : judged.length ? 'absent'
    : auth === 'not-checked' ? 'not-checked'
    : 'unknown';
  return { requestId, rateLimits };
}

const NETWORK_LAYERS = ['dns', 'tcp', 'tls', 'http'] as const;

function verdict(entry: Omit<ComparisonEntry, 'verdict'>, report: DiagnosticsReport, facts: EntryFacts): ComparisonEntry['verdict'] {
  const t = facts.t ?? english;
  const failing = NETWORK_LAYERS.map((id) => check(report, id)).find((result) => result?.status === 'fail');
  if (failing) return { status: 'fail', text: verdictWording.layerFails(headlineOf(failing)) };
  const { auth, dns, tls } = entry.layers;
  if (auth.result === 'rejected') return { status: 'fail', text: verdictWording.keyRefused(entry.keySource, auth.httpStatus, t) };
  const sample = facts.sample;
  if (!sample) return { status: 'warn', text: verdictWording.notSampled(t) };
  if (entry.latencyMs.p50 === null) return { status: 'fail', text: verdictWording.noAnswer(sample.failures, t) };
  const p50 = entry.latencyMs.p50;
  const warnings: [VerdictWarning, string][] = [];
  if (dns.fakeIp) warnings.push(['fake-ip', '']);
  else if (dns.looksPolluted) warnings.push(['dns-polluted', dns.detail]);
  if (tls.status === 'warn') warnings.push(['tls', tls.detail]);
  if (auth.result === 'rate-limited') warnings.push(['rate-limited', '']);
  if (entry.headers.requestId === 'absent') warnings.push(['no-request-id', '']);
  if (entry.headers.rateLimits === 'absent') warnings.push(['no-rate-limits', '']);
  const base =
    auth.result === 'accepted' || auth.result === 'rate-limited' ? verdictWording.works(p50, facts.configuredP50, t)
    : auth.result === 'not-checked' && entry.keySource ? verdictWording.answersKeyNotChecked(auth.detail, p50, facts.configuredP50, t)
    : auth.result === 'not-checked' ? verdictWording.answersWithoutKey(p50, facts.configuredP50, t)
    : verdictWording.unclear(auth.httpStatus, p50, facts.configuredP50, t);
  const text = verdictWording.join([base, ...warnings.map(([warning, detail]) => verdictWording.warning(warning, detail, t))], t);
  return { status: warnings.length || auth.result === 'unclear' ? 'warn' : 'pass', text };
}

export function buildEntry(facts: EntryFacts): ComparisonEntry {
  const { report, sample } = facts;
  const t = facts.t ?? english;
  const auth = authLayer(check(report, 'auth'), facts.keyNote, t);
  const http = check(report, 'http');
  const partial: Omit<ComparisonEntry, 'verdict'> = {
    name: facts.name,
    baseUrl: facts.baseUrl,
    role: facts.role,
    keySource: facts.keySource,
    proxy: facts.proxy ?? null,
    layers: {
      dns: dnsLayer(check(report, 'dns'), t),
      tcp: tcpLayer(check(report, 'tcp'), t),
      tls: tlsLayer(check(report, 'tls'), t),
      http: { ...layer(http, t), httpStatus: numberAt(http?.data, 'status') },
      auth,
    },
    headers: headerPresence(sample, auth.result),
    latencyMs: { p50: sample?.p50 ?? null, p95: sample?.p95 ?? null, samples: sample ? sample.answers.length + sample.failures.length : 0, answered: sample?.answers.length ?? 0 },
    notes: [...(facts.keyNote ? [facts.keyNote] : []), ...(sample?.failures.length ? [verdictWording.sampleFailures(sample.failures, t)] : [])],
  };
  return { ...partial, verdict: verdict(partial, report, facts) };
}

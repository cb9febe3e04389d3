// The proof for the Go and Java retry wrappers: every variant, rendered as a user gets it,
// is built once with the language's toolchain and the official SDK from its registry, then
// driven through a long-lived driver process against the simulator. Each case scripts the
// simulator, runs one driver command, and checks both sides: what the caller saw (the
// driver's JSON line) and what the API saw (the simulator's request log and counts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetVariant } from '../../../src/core/snippets/types';
import { type ScriptedFault } from '../../../src/sim/scenario';
import { SimClient, type RecordedRequest } from '../../support/sim-client';
import { LineDriver } from './line-driver';

export const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-compiled-snippets-0123456789';
const MODEL = 'claude-sonnet-4-5';
const FALLBACK_MODEL = DEFAULT_SNIPPET_POLICY.fallbackModel;
const FULL_REPLY = 'Hello! This is the Claude Health simulator answering in place of Claude.';
/** Small policy values, passed through the entry points' parameters, keep the suite quick. */
const FAST = { maxAttempts: 10, deadlineMs: 10_000, baseDelayMs: 20, maxDelayMs: 100 };
/** Slack for process scheduling on a busy machine, only ever added to upper bounds. */
const SLACK_MS = 1_000;
const CASE_TIMEOUT_MS = 30_000;

export interface RetryRecord {
  attempt: number;
  delayMs: number;
  /** 0 when no response arrived. */
  status: number;
  requestId: string;
  breakerState?: string;
}

export interface ErrorReport {
  /** give_up: the wrapper's own error; api: the SDK's error, returned unchanged. */
  kind: 'give_up' | 'api' | 'canceled' | 'other' | 'driver';
  /** The Go type or Java class of what the call returned or threw. */
  type: string;
  message: string;
  reason?: string;
  attempts?: number;
  /** Of the API error it is or carries. */
  status?: number;
  errorType?: string;
  requestId?: string;
}

export interface CallReport {
  case?: string;
  variant: string;
  outcome: 'ok' | 'error' | 'driver_error';
  model?: string;
  usedFallback: boolean;
  /** What the caller got (for a stream: what it was shown, also when the stream failed). */
  text: string;
  events?: string[];
  retries: RetryRecord[];
  error?: ErrorReport;
  elapsedMs: number;
}

export interface BreakerReport {
  case: string;
  outcome: 'done' | 'driver_error';
  transitions: { from: string; to: string; atMs: number }[];
  callers: CallReport[];
  finalState: string;
}

export interface CheckResult {
  ok: boolean;
  output: string;
}

/** What a language's toolchain built: how to start the driver, and the checks it ran. */
export interface BuiltDriver {
  command: string;
  args: string[];
  cwd: string;
  env(simUrl: string): NodeJS.ProcessEnv;
  sdkVersion: string;
  /** Static checks (vet, gofmt, javac -Xlint:all -Werror): name -> result. */
  checks: Record<string, CheckResult>;
}

export interface CompiledLanguage {
  language: Extract<SnippetLanguage, 'go' | 'java'>;
  title: string;
  /** The static checks build() reports on, by name. */
  checks: readonly string[];
  /** Renders the variants into a project, builds it once, and says how to run the driver. */
  build(rendered: Record<SnippetVariant, string>): Promise<BuiltDriver>;
  /** The package line every rendered file starts with: the file is dropped in as it is. */
  packageLine: RegExp;
  /** Java's streaming attempt is bounded by the client's own timeouts, not the deadline. */
  streamAttemptBoundedByDeadline: boolean;
}

function templateFile(language: SnippetLanguage, variant: SnippetVariant): string {
  const ext = language === 'go' ? 'go' : 'java';
  return path.join(__dirname, '..', '..', '..', 'src', 'core', 'snippets', 'templates', language, `${variant}.${ext}.tmpl`);
}

/** The rendered code of every variant, checked against the templates on disk so a stale catalog fails clearly. */
function renderAll(language: SnippetLanguage): Record<SnippetVariant, string> {
  const rendered = {} as Record<SnippetVariant, string>;
  for (const variant of SNIPPET_VARIANTS) {
    const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === variant);
    assert.ok(template, `no ${language}/${variant} template in the catalog: run node scripts/generate-snippets.mjs`);
    assert.equal(template.source, readFileSync(templateFile(language, variant), 'utf8'), `the catalog's ${language}/${variant} is stale: run node scripts/generate-snippets.mjs`);
    rendered[variant] = renderCode(template, DEFAULT_SNIPPET_POLICY);
  }
  return rendered;
}

export function describeCompiledWrappers(lang: CompiledLanguage): void {
  describe(lang.title, function () {
    let rendered: Record<SnippetVariant, string>;
    let built: BuiltDriver;
    let sim: SimClient;
    let driver: LineDriver;

    before(async function () {
      this.timeout(900_000); // a cold run downloads the SDK (and Maven's plugins) from the registry
      rendered = renderAll(lang.language);
      built = await lang.build(rendered);
      // Any other key gets a 401: proves the key reaches the API only through the SDK as configured.
      sim = await SimClient.start({ requiredApiKey: SENTINEL_KEY });
      driver = LineDriver.start(built.command, built.args, built.cwd, built.env(sim.url));
      // The first call of a process pays for class loading (Java: seconds); no timed case should.
      for (const variant of SNIPPET_VARIANTS) {
        const warm = await driver.run<CallReport>({ case: `warm-up/${variant}`, action: 'call', variant, params: { ...FAST, model: MODEL } }, CASE_TIMEOUT_MS);
        assert.equal(warm.outcome, 'ok', `warm-up call failed: ${JSON.stringify(warm)}`);
      }
    });

    after(async function () {
      await driver?.stop();
      await sim?.close();
    });

    /** Resets the simulator, queues the faults, runs one driver command. */
    async function runCase<T extends { outcome: string }>(faults: ScriptedFault[], command: Record<string, unknown>): Promise<T> {
      await sim.reset();
      if (faults.length > 0) await sim.script(faults);
      const result = await driver.run<T>(command, CASE_TIMEOUT_MS);
      assert.notEqual(result.outcome, 'driver_error', `the driver failed: ${JSON.stringify(result)}`);
      return result;
    }

    /** The simulator's record of the current case's message requests, oldest first. */
    async function messageRequests(): Promise<RecordedRequest[]> {
      const all = await sim.requests();
      return all.filter((r) => r.method === 'POST' && r.path === '/v1/messages').sort((a, b) => a.atMs - b.atMs);
    }

    async function messageCount(): Promise<number> {
      return (await sim.state()).requests['POST /v1/messages'] ?? 0;
    }

    function assertOk(report: CallReport): void {
      assert.equal(report.outcome, 'ok', `expected success, got ${JSON.stringify(report)}`);
      assert.equal(report.text, FULL_REPLY);
    }

    function assertFailed(report: CallReport, kind: ErrorReport['kind'], status?: number): ErrorReport {
      assert.equal(report.outcome, 'error', `expected an error, got ${JSON.stringify(report)}`);
      const error = report.error!;
      assert.equal(error.kind, kind, JSON.stringify(error));
      if (status !== undefined) assert.equal(error.status, status, JSON.stringify(error));
      assert.ok(!error.message.includes(SENTINEL_KEY), 'the error message shows the API key');
      return error;
    }

    describe('static checks', function () {
      for (const name of lang.checks) {
        it(`passes ${name}`, function () {
          const result = built.checks[name];
          assert.ok(result, `the build did not run ${name}`);
          assert.ok(result.ok, result.output);
        });
      }

      it('renders drop-in files: the package line, no placeholder left, the SDK retries switched off', function () {
        assert.match(built.sdkVersion, /^v?\d+\.\d+\.\d+$/);
        for (const variant of SNIPPET_VARIANTS) {
          const code = rendered[variant];
          assert.match(code, lang.packageLine, `${variant}: package line`);
          assert.doesNotMatch(code, /\{\{\w+\}\}/, `${variant}: placeholder left`);
          assert.match(code, /3 x N/, `${variant}: the header says why the SDK's retries are off`);
          assert.match(code, lang.language === 'go' ? /option\.WithMaxRetries\(0\)/ : /maxRetries\(0\)/, `${variant}: SDK retries not off`);
          assert.doesNotMatch(code, /defer [\w.]*Body\.Close\(\)|RWMutex|RLock/, `${variant}: known-wrong pattern`);
        }
      });
    });

    for (const variant of SNIPPET_VARIANTS) {
      describe(variant, function () {
        const stream = variant === 'streaming';
        const call = (name: string, params: Record<string, unknown> = {}): Record<string, unknown> => ({
          case: `${lang.language}/${variant}/${name}`,
          action: 'call',
          variant,
          params: { ...FAST, model: MODEL, ...(variant === 'fallback' ? { fallbackModel: FALLBACK_MODEL, fallbackAfter: 3 } : {}), ...params },
        });

        it('recovers from a short 529 burst, with the SDK retrying nothing on its own', async function () {
          const result = await runCase<CallReport>([{ kind: 'overloaded', times: 2 }], call('burst'));
          assertOk(result);
          assert.equal(result.model, MODEL);
          assert.deepEqual(result.retries.map((r) => r.status), [529, 529]);
          assert.ok(result.retries.every((r) => r.requestId.startsWith('req_')), JSON.stringify(result.retries));
          // Exactly one request per wrapper attempt: the SDK's own retries (2 by default) are off.
          const seen = await messageRequests();
          assert.deepEqual(seen.map((r) => r.status), [529, 529, 200]);
          assert.ok(seen.every((r) => r.stream === stream && r.model === MODEL));
          assert.deepEqual(result.retries.map((r) => r.requestId), seen.slice(0, 2).map((r) => r.requestId));
        });

        it('waits at least the 2 s a 429 retry-after asks for', async function () {
          this.timeout(CASE_TIMEOUT_MS + 5_000);
          const result = await runCase<CallReport>([{ kind: 'rate_limited', retryAfterSeconds: 2 }], call('retry-after'));
          assertOk(result);
          assert.equal(result.retries.length, 1);
          assert.equal(result.retries[0]!.status, 429);
          assert.ok(result.retries[0]!.delayMs >= 2000, `the wrapper chose ${result.retries[0]!.delayMs} ms`);
          const seen = await messageRequests();
          assert.deepEqual(seen.map((r) => r.status), [429, 200]);
          const gap = seen[1]!.atMs - seen[0]!.atMs;
          assert.ok(gap >= 2000, `the retry reached the simulator ${gap} ms after the 429`);
        });

        it('takes retry-after-ms as a floor too (on a 529)', async function () {
          const result = await runCase<CallReport>([{ kind: 'overloaded', retryAfterMs: 1200 }], call('retry-after-ms'));
          assertOk(result);
          const [retry] = result.retries;
          assert.ok(retry && retry.status === 529, JSON.stringify(result.retries));
          assert.ok(retry.delayMs >= 1200, `the wrapper chose ${retry.delayMs} ms`);
          const seen = await messageRequests();
          assert.deepEqual(seen.map((r) => r.status), [529, 200]);
          assert.ok(seen[1]!.atMs - seen[0]!.atMs >= 1200, `the retry reached the simulator ${seen[1]!.atMs - seen[0]!.atMs} ms after the 529`);
        });

        it('sends a 400 exactly once and returns the SDK error unchanged', async function () {
          const result = await runCase<CallReport>([{ kind: 'bad_request', times: 5 }], call('bad-request'));
          const error = assertFailed(result, 'api', 400);
          assert.equal(error.errorType, 'invalid_request_error');
          assert.deepEqual(result.retries, []);
          assert.equal(await messageCount(), 1);
        });

        it('sends a 401 exactly once and returns the SDK error unchanged', async function () {
          const result = await runCase<CallReport>([{ kind: 'unauthorized', times: 5 }], call('unauthorized'));
          const error = assertFailed(result, 'api', 401);
          assert.equal(error.errorType, 'authentication_error');
          assert.deepEqual(result.retries, []);
          assert.equal(await messageCount(), 1);
        });

        it('stops at the overall deadline, says so, and carries the last API error', async function () {
          const deadlineMs = 2000;
          const result = await runCase<CallReport>(
            [{ kind: 'overloaded', times: 1000 }],
            call('deadline', { maxAttempts: 100, deadlineMs, baseDelayMs: 100, maxDelayMs: 400, fallbackAfter: 1000 }),
          );
          const error = assertFailed(result, 'give_up', 529);
          assert.equal(error.errorType, 'overloaded_error');
          assert.match(error.reason!, /deadline/);
          assert.match(error.message, /deadline/);
          assert.match(error.message, /overloaded_error/, 'the message carries the last API error');
          // It gives up before a wait would cross the deadline.
          assert.ok(result.elapsedMs < deadlineMs + SLACK_MS, `failed after ${result.elapsedMs} ms`);
          const seen = await messageRequests();
          assert.ok(seen.length >= 2, `only ${seen.length} attempts in ${deadlineMs} ms`);
          assert.ok(seen.every((r) => r.status === 529));
          assert.ok(seen.at(-1)!.atMs - seen[0]!.atMs < deadlineMs, 'an attempt started after the deadline');
          // The last answer, or the one before when the deadline cut the last attempt short.
          assert.ok(seen.slice(-2).some((r) => r.requestId === error.requestId), `the error carries ${error.requestId}`);
          if (variant === 'circuit-breaker') {
            // The default breaker (5 failures in a row, 5 requests, open 2 s) opens at the 5th
            // failure; its trial would come after this caller's deadline, so the caller gives up
            // at once, saying why (unless the backoff alone already reached the deadline).
            assert.ok(seen.length <= DEFAULT_SNIPPET_POLICY.breakerMinimumRequests, `${seen.length} requests went out`);
            if (seen.length === DEFAULT_SNIPPET_POLICY.breakerMinimumRequests) assert.match(error.reason!, /circuit breaker/);
          } else {
            assert.equal(seen.length, result.retries.length + 1);
            assert.equal(error.attempts, seen.length);
          }
        });

        if (!stream || lang.streamAttemptBoundedByDeadline) {
          it('ends a hung attempt at the deadline, carrying the last API error', async function () {
            const deadlineMs = 1000;
            const result = await runCase<CallReport>([{ kind: 'server_error' }, { kind: 'hang' }], call('hang', { deadlineMs }));
            const error = assertFailed(result, 'give_up', 500);
            assert.match(error.reason!, /deadline/);
            assert.ok(result.elapsedMs >= deadlineMs - 50 && result.elapsedMs < deadlineMs + SLACK_MS, `failed after ${result.elapsedMs} ms`);
            assert.deepEqual((await messageRequests()).map((r) => r.outcome), ['server_error', 'hang']);
          });
        }

        it('stops when x-should-retry says false, even on a 529', async function () {
          const result = await runCase<CallReport>([{ kind: 'overloaded', shouldRetry: false, times: 5 }], call('should-retry-false'));
          assertFailed(result, 'api', 529);
          assert.deepEqual(result.retries, []);
          assert.equal(await messageCount(), 1);
        });

        it('never retries a spend-limit 429, even when x-should-retry says true', async function () {
          const result = await runCase<CallReport>([{ kind: 'spend_limit', shouldRetry: true, times: 5 }], call('spend-limit'));
          const error = assertFailed(result, 'api', 429);
          assert.equal(error.errorType, 'rate_limit_error');
          assert.match(error.message, /enforced_spend_limit_reached/);
          assert.deepEqual(result.retries, []);
          assert.equal(await messageCount(), 1);
        });

        it('retries a CDN HTML 502, an empty 503 and a connection reset', async function () {
          const result = await runCase<CallReport>([{ kind: 'bad_gateway_html' }, { kind: 'service_unavailable_empty' }, { kind: 'reset' }], call('edge-failures'));
          assertOk(result);
          assert.deepEqual(result.retries.map((r) => r.status), [502, 503, 0]);
          assert.deepEqual((await messageRequests()).map((r) => r.outcome), ['bad_gateway_html', 'service_unavailable_empty', 'reset', 'ok']);
        });

        it(`stops waiting at once when the caller cancels (${lang.language === 'go' ? 'context' : 'thread interrupt'})`, async function () {
          const result = await runCase<CallReport>([{ kind: 'rate_limited', retryAfterSeconds: 30 }], call('cancel', { deadlineMs: 60_000, cancelAfterMs: 300 }));
          assertFailed(result, 'canceled');
          assert.ok(result.retries[0]!.delayMs >= 30_000, JSON.stringify(result.retries));
          assert.ok(result.elapsedMs < 300 + SLACK_MS, `cancelling took ${result.elapsedMs} ms of a 30 s wait`);
          assert.equal(await messageCount(), 1);
        });

        if (variant === 'circuit-breaker') {
          const breakerCommand = (name: string, params: Record<string, unknown>): Record<string, unknown> => ({
            case: `${lang.language}/${variant}/${name}`,
            action: name.startsWith('volume') ? 'breaker-volume' : 'breaker',
            params: { ...FAST, model: MODEL, baseDelayMs: 10, maxDelayMs: 20, ...params },
          });

          it('opens, lets one trial through per interval while callers wait, and closes for all', async function () {
            const openForMs = 600;
            const faults: ScriptedFault[] = [
              { kind: 'overloaded', times: 3 }, // opens the breaker
              { kind: 'overloaded' }, // the first trial fails: open again
              { kind: 'ok', latencyMs: 300 }, // the second trial succeeds, slowly
            ];
            const result = await runCase<BreakerReport>(faults, breakerCommand('recovery', { failureThreshold: 3, minimumRequests: 3, openForMs, callers: 5 }));
            for (const caller of result.callers) assertOk(caller);
            assert.deepEqual(
              result.transitions.map((t) => `${t.from}->${t.to}`),
              ['closed->open', 'open->half-open', 'half-open->open', 'open->half-open', 'half-open->closed'],
            );
            assert.equal(result.finalState, 'closed');
            const seen = await messageRequests();
            assert.deepEqual(seen.map((r) => r.status), [529, 529, 529, 529, 200, 200, 200, 200, 200]);
            const [opened, firstTrial, secondTrial] = [seen[2]!, seen[3]!, seen[4]!];
            // Nobody sent while open: each trial came a full interval after the breaker opened.
            assert.ok(firstTrial.atMs - opened.atMs >= openForMs, `first trial ${firstTrial.atMs - opened.atMs} ms after opening`);
            assert.ok(secondTrial.atMs - firstTrial.atMs >= openForMs, `second trial ${secondTrial.atMs - firstTrial.atMs} ms after the first`);
            // One trial at a time: the four waiting callers went only once the slow trial had succeeded.
            for (const follower of seen.slice(5)) {
              assert.ok(follower.atMs - secondTrial.atMs >= 290, `a caller went ${follower.atMs - secondTrial.atMs} ms into the trial`);
            }
            // Callers that started while it was open waited instead of failing, and sent exactly once (or twice: a failed trial).
            assert.equal(result.callers.reduce((sum, c) => sum + c.retries.length + 1, 0), seen.length);
          });

          it('does not open below the minimum request volume, then opens once it is reached', async function () {
            const result = await runCase<BreakerReport>(
              [{ kind: 'ok' }, { kind: 'overloaded', times: 3 }],
              breakerCommand('volume', { failureThreshold: 2, minimumRequests: 4, openForMs: 400, callers: 2 }),
            );
            for (const caller of result.callers) assertOk(caller);
            // Two failures in a row after 3 requests: still closed; the third failure is the 4th request: open.
            assert.deepEqual(result.callers[1]!.retries.map((r) => r.breakerState), ['closed', 'closed', 'open']);
            assert.deepEqual(result.transitions.map((t) => `${t.from}->${t.to}`), ['closed->open', 'open->half-open', 'half-open->closed']);
            const seen = await messageRequests();
            assert.deepEqual(seen.map((r) => r.status), [200, 529, 529, 529, 200]);
            assert.ok(seen[4]!.atMs - seen[3]!.atMs >= 400, 'the trial went before the open interval ended');
          });

          it('makes a caller fail fast, saying why, when the breaker stays open past its deadline', async function () {
            const result = await runCase<BreakerReport>(
              [{ kind: 'overloaded', times: 3 }],
              breakerCommand('volume-open-past-deadline', { failureThreshold: 3, minimumRequests: 3, openForMs: 30_000, callers: 2, maxAttempts: 3, deadlineMs: 1500 }),
            );
            const [tripper, latecomer] = result.callers as [CallReport, CallReport];
            assertFailed(tripper, 'give_up', 529);
            const error = assertFailed(latecomer, 'give_up');
            assert.match(error.reason!, /circuit breaker/);
            assert.ok(latecomer.elapsedMs < 1500, `the caller waited ${latecomer.elapsedMs} ms for a trial that comes in 30 s`);
            assert.equal(result.finalState, 'open');
            assert.equal(await messageCount(), 3, 'a request went out while the breaker was open');
          });
        }

        if (variant === 'fallback') {
          it('switches to the fallback model after sustained 529s and says which model answered', async function () {
            const result = await runCase<CallReport>([{ kind: 'overloaded', models: [MODEL], times: 100 }], call('switch'));
            assertOk(result);
            assert.equal(result.model, FALLBACK_MODEL);
            assert.equal(result.usedFallback, true);
            const seen = await messageRequests();
            assert.deepEqual(seen.map((r) => [r.model, r.status]), [[MODEL, 529], [MODEL, 529], [MODEL, 529], [FALLBACK_MODEL, 200]]);
          });

          it('keeps the requested model through errors that are not overloads', async function () {
            const result = await runCase<CallReport>([{ kind: 'server_error', times: 3 }], call('no-switch'));
            assertOk(result);
            assert.equal(result.model, MODEL);
            assert.equal(result.usedFallback, false);
            assert.deepEqual((await messageRequests()).map((r) => [r.model, r.status]), [[MODEL, 500], [MODEL, 500], [MODEL, 500], [MODEL, 200]]);
          });
        }

        if (stream) {
          it('retries a stream that fails before its first content event, and shows its text once', async function () {
            const result = await runCase<CallReport>([{ kind: 'stream_overloaded', streamStage: 'before_content' }], call('before-content'));
            assertOk(result);
            assert.equal(result.model, MODEL);
            // The failed attempt's message_start was held back, never shown.
            assert.equal(result.events!.filter((t) => t === 'message_start').length, 1);
            assert.equal(result.events![0], 'message_start');
            assert.equal(result.events!.at(-1), 'message_stop');
            assert.deepEqual(result.retries.map((r) => r.status), [200]); // the overload came inside a 200 stream
            const seen = await messageRequests();
            assert.deepEqual(seen.map((r) => [r.stream, r.outcome]), [[true, 'stream_overloaded'], [true, 'ok']]);
          });

          it('surfaces an error that arrives after content began, without retrying', async function () {
            const result = await runCase<CallReport>([{ kind: 'stream_overloaded', streamStage: 'after_content' }], call('after-content'));
            const error = assertFailed(result, 'api', 200);
            assert.equal(error.errorType, 'overloaded_error');
            assert.equal(result.text, 'Hello!'); // what the caller had already been shown
            assert.deepEqual(result.events, ['message_start', 'content_block_start', 'content_block_delta']);
            assert.deepEqual(result.retries, []);
            assert.equal(await messageCount(), 1);
          });
        }
      });
    }

    describe('secrets', function () {
      it('never shows the API key in anything the driver printed', function () {
        assert.ok(driver.output.length > 0);
        assert.ok(!driver.output.includes(SENTINEL_KEY));
      });
    });
  });
}

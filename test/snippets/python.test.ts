// The Python retry wrappers (sync `python` and asyncio `python-async`), every variant,
// rendered as a user gets them, type-checked with mypy --strict, and run with the
// official `anthropic` SDK from PyPI against the simulator. Each case asserts on what
// the wrapper reported (the driver's JSON) and on what the simulator actually saw.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SNIPPET_TEMPLATES } from '../../src/core/snippets/templates-on-disk';
import { renderCode } from '../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetVariant } from '../../src/core/snippets/types';
import { type ScriptedFault } from '../../src/sim/scenario';
import { SimClient, type RecordedRequest } from '../support/sim-client';
import { type BreakerResult, type CallResult, type CancelResult, startPythonDriver } from './python/driver-process';
import { type LineDriver } from './support/line-driver';
import { ensurePythonToolchain, PYTHON_SNIPPET_DIR, SNIPPETS_TOOLS_DIR, type PythonToolchain } from './support/python-toolchain';

const execFileAsync = promisify(execFile);

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-python-snippets-0123456789';
const MODEL = 'claude-sonnet-4-5';
const FALLBACK_MODEL = DEFAULT_SNIPPET_POLICY.fallbackModel;
const FULL_REPLY = 'Hello! This is the Claude Health simulator answering in place of Claude.';
const PARAMS = { model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Say hello' }] };
/** Small policy values, passed through the entry points' parameters, keep the suite quick. */
const FAST = { max_attempts: 10, deadline_seconds: 10, base_delay_ms: 50, max_delay_ms: 400 };
const CASE_TIMEOUT_MS = 30_000;

const FLAVORS: { language: SnippetLanguage; flavor: 'sync' | 'async'; packageName: string }[] = [
  { language: 'python', flavor: 'sync', packageName: 'wrappers_sync' },
  { language: 'python-async', flavor: 'async', packageName: 'wrappers_async' },
];

const moduleName = (variant: SnippetVariant): string => variant.replace('-', '_');

function templateFile(language: SnippetLanguage, variant: SnippetVariant): string {
  return path.join(__dirname, '..', '..', 'src', 'core', 'snippets', 'templates', language, `${variant}.py.tmpl`);
}

/** Writes the rendered wrappers as two packages beside the driver, as a user's project would hold them. */
function writeProject(dir: string): void {
  for (const { language, packageName } of FLAVORS) {
    mkdirSync(path.join(dir, packageName));
    writeFileSync(path.join(dir, packageName, '__init__.py'), '');
    for (const variant of SNIPPET_VARIANTS) {
      const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === variant);
      assert.ok(template, `no ${language}/${variant} template in the catalog: run node scripts/generate-snippets.mjs`);
      assert.equal(template.source, readFileSync(templateFile(language, variant), 'utf8'), `the catalog's ${language}/${variant} is stale: run node scripts/generate-snippets.mjs`);
      writeFileSync(path.join(dir, packageName, `${moduleName(variant)}.py`), renderCode(template, DEFAULT_SNIPPET_POLICY));
    }
  }
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'driver.py'), path.join(dir, 'driver.py'));
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'mypy.ini'), path.join(dir, 'mypy.ini'));
}

async function runMypy(python: string, dir: string): Promise<{ ok: boolean; output: string }> {
  const args = ['-m', 'mypy', '--config-file', 'mypy.ini', '--cache-dir', path.join(SNIPPETS_TOOLS_DIR, 'mypy-cache'), '.'];
  try {
    const { stdout, stderr } = await execFileAsync(python, args, { cwd: dir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** The environment of the driver: the simulator's address, a sentinel key, no proxy, nothing inherited. */
function driverEnv(simUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ANTHROPIC_API_KEY: SENTINEL_KEY,
    ANTHROPIC_BASE_URL: simUrl,
    NO_PROXY: '*',
  };
}

describe('Python retry wrappers against the simulator', function () {
  let toolchain: PythonToolchain;
  let projectDir: string;
  let mypy: { ok: boolean; output: string };
  let sim: SimClient;
  let driver: LineDriver;

  before(async function () {
    this.timeout(900_000); // a cold start installs the SDK and mypy into the venv
    toolchain = await ensurePythonToolchain();
    projectDir = mkdtempSync(path.join(tmpdir(), 'claude-health-python-snippets-'));
    writeProject(projectDir);
    mypy = await runMypy(toolchain.python, projectDir);
    sim = await SimClient.start();
    driver = startPythonDriver(toolchain.python, 'driver.py', projectDir, driverEnv(sim.url));
  });

  after(async function () {
    await driver?.stop();
    await sim?.close();
    if (projectDir) rmSync(projectDir, { recursive: true, force: true });
  });

  /** Resets the simulator, queues the faults, runs one driver command. */
  async function runCase<T extends object>(faults: ScriptedFault[], command: Record<string, unknown>): Promise<T> {
    await sim.reset();
    if (faults.length > 0) await sim.script(faults);
    const result = await driver.run<T>(command, CASE_TIMEOUT_MS);
    assert.notEqual((result as { outcome?: string }).outcome, 'driver_error', `the driver failed: ${JSON.stringify(result)}`);
    return result;
  }

  /** The simulator's record of the message requests of the current case, oldest first. */
  async function messageRequests(): Promise<RecordedRequest[]> {
    const all = await sim.requests();
    return all.filter((r) => r.method === 'POST' && r.path === '/v1/messages').sort((a, b) => a.atMs - b.atMs);
  }

  function assertOk(result: CallResult): void {
    assert.equal(result.outcome, 'ok', `expected success, got ${JSON.stringify(result.error)}`);
  }

  function assertFailedWith(result: CallResult, type: string | RegExp, status?: number): NonNullable<CallResult['error']> {
    assert.equal(result.outcome, 'error', `expected an error, got ${JSON.stringify(result)}`);
    const error = result.error!;
    if (typeof type === 'string') assert.equal(error.type, type, JSON.stringify(error));
    else assert.match(error.type, type, JSON.stringify(error));
    if (status !== undefined) assert.equal(error.status, status, JSON.stringify(error));
    return error;
  }

  for (const { language, flavor } of FLAVORS) {
    describe(language, function () {
      it('type-checks with mypy --strict against the pinned SDK', function () {
        assert.ok(mypy.ok, mypy.output);
        assert.match(mypy.output, /Success: no issues found/);
      });

      for (const variant of SNIPPET_VARIANTS) {
        describe(variant, function () {
          const call = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
            case: `${language}/${variant}/${name}`,
            flavor,
            variant,
            action: 'call',
            params: PARAMS,
            policy: FAST,
            ...(variant === 'fallback' ? { fallback: { fallback_model: FALLBACK_MODEL } } : {}),
            ...extra,
          });
          const stream = variant === 'streaming';

          it('recovers from a short 529 burst, with the SDK retrying nothing on its own', async function () {
            const result = await runCase<CallResult>([{ kind: 'overloaded', times: 2 }], call('burst'));
            assertOk(result);
            assert.equal(result.text, FULL_REPLY);
            assert.deepEqual(result.retries.map((r) => r.status), [529, 529]);
            assert.ok(result.retries.every((r) => typeof r.requestId === 'string' && r.requestId.startsWith('req_')));
            const seen = await messageRequests();
            // Exactly one request per wrapper attempt: the client's own max_retries=4 was switched off.
            assert.deepEqual(seen.map((r) => r.status), [529, 529, 200]);
            assert.ok(seen.every((r) => r.stream === stream && r.model === MODEL));
          });

          it('waits at least the 2 s a 429 retry-after asks for', async function () {
            const result = await runCase<CallResult>([{ kind: 'rate_limited', retryAfterSeconds: 2 }], call('retry-after'));
            assertOk(result);
            assert.equal(result.retries.length, 1);
            assert.equal(result.retries[0]!.status, 429);
            assert.ok(result.retries[0]!.delay >= 2, `the wrapper chose ${result.retries[0]!.delay} s`);
            const seen = await messageRequests();
            assert.deepEqual(seen.map((r) => r.status), [429, 200]);
            const gap = seen[1]!.atMs - seen[0]!.atMs;
            assert.ok(gap >= 2000, `the retry reached the simulator ${gap} ms after the 429`);
          });

          it('sends a 400 exactly once and raises it unchanged', async function () {
            const result = await runCase<CallResult>([{ kind: 'bad_request', times: 5 }], call('bad-request'));
            const error = assertFailedWith(result, 'BadRequestError', 400);
            assert.equal(error.errorType, 'invalid_request_error');
            assert.deepEqual(result.retries, []);
            assert.equal((await sim.state()).requests['POST /v1/messages'], 1);
            assert.equal((await messageRequests()).length, 1);
          });

          it('sends a 401 exactly once and raises it unchanged', async function () {
            const result = await runCase<CallResult>([{ kind: 'unauthorized', times: 5 }], call('unauthorized'));
            assertFailedWith(result, 'AuthenticationError', 401);
            assert.deepEqual(result.retries, []);
            assert.equal((await sim.state()).requests['POST /v1/messages'], 1);
            assert.equal((await messageRequests()).length, 1);
          });

          it('stops at the overall deadline, says so, and carries the last API error', async function () {
            const deadlineSeconds = 2;
            const policy = { max_attempts: 100, deadline_seconds: deadlineSeconds, base_delay_ms: 100, max_delay_ms: 400 };
            const result = await runCase<CallResult>([{ kind: 'overloaded', times: 1000 }], call('deadline', { policy }));
            const error = assertFailedWith(result, 'RetriesExhausted');
            assert.match(error.reason!, /deadline/);
            assert.match(error.message, /deadline/);
            assert.equal(error.lastError?.status, 529);
            assert.equal(error.lastError?.errorType, 'overloaded_error');
            // It gives up before a wait would cross the deadline; only the last attempt's own time may add a little.
            assert.ok(result.elapsedMs < deadlineSeconds * 1000 + 1000, `failed after ${result.elapsedMs} ms`);
            const seen = await messageRequests();
            assert.ok(seen.length >= 2, `only ${seen.length} attempts in ${deadlineSeconds} s`);
            assert.ok(seen.every((r) => r.status === 529));
            assert.ok(seen.at(-1)!.atMs - seen[0]!.atMs < deadlineSeconds * 1000, 'an attempt started after the deadline');
            if (variant === 'circuit-breaker') {
              // The default breaker (5 failures in 5 requests) opens, and the caller waits on it until its deadline.
              assert.equal(seen.length, DEFAULT_SNIPPET_POLICY.breakerMinimumRequests);
              assert.match(error.reason!, /circuit breaker was open/);
            } else {
              assert.equal(seen.length, result.retries.length + 1);
            }
          });

          it('bounds a hung attempt by the deadline', async function () {
            const policy = { ...FAST, deadline_seconds: 1 };
            const result = await runCase<CallResult>([{ kind: 'hang' }], call('hang', { policy }));
            const error = assertFailedWith(result, 'RetriesExhausted');
            assert.equal(error.lastError?.type, 'APITimeoutError');
            assert.ok(result.elapsedMs < 1000 + 1000, `failed after ${result.elapsedMs} ms`);
            assert.equal((await messageRequests()).length, 1);
          });

          it('stops when x-should-retry says false, even on a 529', async function () {
            const result = await runCase<CallResult>([{ kind: 'overloaded', shouldRetry: false, times: 5 }], call('should-retry-false'));
            assertFailedWith(result, 'OverloadedError', 529);
            assert.deepEqual(result.retries, []);
            assert.equal((await messageRequests()).length, 1);
          });

          it('never retries a spend-limit 429, even when x-should-retry says true', async function () {
            const result = await runCase<CallResult>([{ kind: 'spend_limit', shouldRetry: true, times: 5 }], call('spend-limit'));
            const error = assertFailedWith(result, /RateLimitError|SpendLimit/, 429);
            assert.equal(error.errorType, 'rate_limit_error');
            assert.deepEqual(result.retries, []);
            assert.equal((await messageRequests()).length, 1);
          });

          it('retries a CDN HTML 502, an empty 503 and a connection reset', async function () {
            const faults: ScriptedFault[] = [{ kind: 'bad_gateway_html' }, { kind: 'service_unavailable_empty' }, { kind: 'reset' }];
            const result = await runCase<CallResult>(faults, call('edge-failures'));
            assertOk(result);
            assert.equal(result.text, FULL_REPLY);
            assert.deepEqual(result.retries.map((r) => r.status), [502, 503, null]);
            assert.deepEqual((await messageRequests()).map((r) => r.outcome), ['bad_gateway_html', 'service_unavailable_empty', 'reset', 'ok']);
          });

          if (variant === 'circuit-breaker') {
            const breaker = { failure_threshold: 3, minimum_requests: 3, open_seconds: 0.5 };
            const breakerCase = (name: string, extra: Record<string, unknown>): Record<string, unknown> => ({
              case: `${language}/${variant}/${name}`,
              flavor,
              action: 'breaker',
              params: PARAMS,
              breaker,
              // The tripping caller gives up after three failed attempts.
              trip: { policy: { ...FAST, max_attempts: 3, base_delay_ms: 20 } },
              policy: { ...FAST, base_delay_ms: 20 },
              callers: 1,
              ...extra,
            });

            it('opens, lets one trial through per interval while callers wait, and closes for all', async function () {
              const faults: ScriptedFault[] = [
                { kind: 'overloaded', times: 3 }, // trips the breaker
                { kind: 'overloaded' }, // the first trial fails: open again
                { kind: 'ok', latencyMs: 300 }, // the second trial succeeds, slowly
              ];
              const result = await runCase<BreakerResult>(faults, breakerCase('recovery', { callers: 5 }));
              assertFailedWith(result.trip, 'RetriesExhausted');
              assert.equal(result.stateAfterTrip, 'open');
              result.callers.forEach(assertOk);
              assert.equal(result.stateAfter, 'closed');

              const seen = await messageRequests();
              assert.deepEqual(seen.map((r) => r.status), [529, 529, 529, 529, 200, 200, 200, 200, 200]);
              const [tripped, firstTrial, secondTrial] = [seen[2]!, seen[3]!, seen[4]!];
              // Nobody sent while open: each trial came after a full open interval.
              assert.ok(firstTrial.atMs - tripped.atMs >= breaker.open_seconds * 1000, `first trial ${firstTrial.atMs - tripped.atMs} ms after opening`);
              assert.ok(secondTrial.atMs - firstTrial.atMs >= breaker.open_seconds * 1000, `second trial ${secondTrial.atMs - firstTrial.atMs} ms after the first`);
              // One trial at a time: the four waiting callers went only once the slow trial had succeeded.
              for (const follower of seen.slice(5)) {
                assert.ok(follower.atMs - secondTrial.atMs >= 250, `a caller went ${follower.atMs - secondTrial.atMs} ms into the trial`);
              }
            });

            it('stays closed below the minimum request volume', async function () {
              const result = await runCase<BreakerResult>(
                [{ kind: 'overloaded', times: 3 }],
                breakerCase('volume', { breaker: { failure_threshold: 3, minimum_requests: 5, open_seconds: 30 }, policy: { ...FAST, deadline_seconds: 2 } }),
              );
              assertFailedWith(result.trip, 'RetriesExhausted');
              assert.equal(result.stateAfterTrip, 'closed');
              // Had it opened for 30 s, this caller (2 s deadline) could not have succeeded.
              assertOk(result.callers[0]!);
              assert.deepEqual((await messageRequests()).map((r) => r.status), [529, 529, 529, 200]);
            });

            it('makes a caller wait while open and fail at its own deadline, saying why', async function () {
              const result = await runCase<BreakerResult>(
                [{ kind: 'overloaded', times: 3 }],
                breakerCase('open-deadline', { breaker: { ...breaker, open_seconds: 30 }, policy: { ...FAST, deadline_seconds: 1 } }),
              );
              assert.equal(result.stateAfterTrip, 'open');
              const error = assertFailedWith(result.callers[0]!, 'RetriesExhausted');
              assert.match(error.reason!, /deadline passed while the circuit breaker was open/);
              assert.equal(error.lastError?.status, 529);
              assert.ok(result.callers[0]!.elapsedMs >= 900, `gave up after ${result.callers[0]!.elapsedMs} ms, before its deadline`);
              assert.equal((await messageRequests()).length, 3, 'a request went out while the breaker was open');
            });
          }

          if (variant === 'fallback') {
            it('switches to the fallback model after sustained 529s and says which model answered', async function () {
              const faults: ScriptedFault[] = [{ kind: 'overloaded', models: [MODEL], times: 100 }];
              const fallback = { fallback_model: FALLBACK_MODEL, overloads_before_fallback: 3 };
              const result = await runCase<CallResult>(faults, call('switch', { fallback }));
              assertOk(result);
              assert.equal(result.model, FALLBACK_MODEL);
              assert.equal(result.fellBack, true);
              const seen = await messageRequests();
              assert.deepEqual(seen.map((r) => [r.model, r.status]), [[MODEL, 529], [MODEL, 529], [MODEL, 529], [FALLBACK_MODEL, 200]]);
            });

            it('keeps the requested model through errors that are not overloads', async function () {
              const result = await runCase<CallResult>([{ kind: 'server_error', times: 3 }], call('no-switch'));
              assertOk(result);
              assert.equal(result.model, MODEL);
              assert.equal(result.fellBack, false);
              assert.deepEqual((await messageRequests()).map((r) => [r.model, r.status]), [[MODEL, 500], [MODEL, 500], [MODEL, 500], [MODEL, 200]]);
            });
          }

          if (variant === 'streaming') {
            it('retries a stream that fails before its first content event, and shows its text once', async function () {
              const result = await runCase<CallResult>([{ kind: 'stream_overloaded', streamStage: 'before_content' }], call('before-content'));
              assertOk(result);
              assert.equal(result.text, FULL_REPLY);
              assert.equal(result.model, MODEL);
              assert.equal(result.eventTypes!.filter((t) => t === 'message_start').length, 1);
              assert.equal(result.eventTypes![0], 'message_start');
              assert.equal(result.eventTypes!.at(-1), 'message_stop');
              assert.deepEqual(result.retries.map((r) => r.status), [200]); // the overload came inside a 200 stream
              const seen = await messageRequests();
              assert.deepEqual(seen.map((r) => [r.stream, r.outcome]), [[true, 'stream_overloaded'], [true, 'ok']]);
            });

            it('surfaces an error that arrives after content began, without retrying', async function () {
              const result = await runCase<CallResult>([{ kind: 'stream_overloaded', streamStage: 'after_content' }], call('after-content'));
              const error = assertFailedWith(result, 'APIStatusError', 200);
              assert.equal(error.errorType, 'overloaded_error');
              assert.equal(result.text, 'Hello!'); // what the caller had already been shown
              assert.deepEqual(result.retries, []);
              assert.equal((await messageRequests()).length, 1);
            });
          }

          if (flavor === 'async' && variant === 'basic') {
            it('stops waiting at once when the calling task is cancelled', async function () {
              const result = await runCase<CancelResult>([{ kind: 'rate_limited', retryAfterSeconds: 30 }], {
                case: `${language}/${variant}/cancel`,
                flavor,
                action: 'cancel',
                params: PARAMS,
                policy: { ...FAST, deadline_seconds: 60 },
              });
              assert.equal(result.outcome, 'cancelled');
              assert.ok(result.retries[0]!.delay >= 30);
              assert.ok(result.cancelMs < 1000, `cancelling took ${result.cancelMs} ms of a 30 s wait`);
              assert.equal((await messageRequests()).length, 1);
            });
          }
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

// The proof for the TypeScript and JavaScript retry wrappers: each rendered variant is
// compiled by the pinned TypeScript against the real @anthropic-ai/sdk, then run in its
// own Node process against the simulator. Every case checks both sides: what the caller
// saw (the driver's JSON line) and what the API saw (the simulator's request log).
import assert from 'node:assert/strict';
import { type ScriptedFault } from '../../../src/sim/scenario';
import { SNIPPET_VARIANTS, type SnippetVariant } from '../../../src/core/snippets/types';
import { SimClient, type RecordedRequest } from '../../support/sim-client';
import { ensureNodeToolchain } from '../support/node-toolchain';
import { type CallReport, type DriverCase } from './driver';
import { runCall, runCrowd, SENTINEL_KEY } from './run-driver';
import { buildSnippetProject, type NodeLanguage, type SnippetProject } from './snippet-project';

// Small waits keep the suite fast; the policy logic is the same as with the defaults.
const FAST = { maxAttempts: 10, deadlineMs: 15_000, baseDelayMs: 20, maxDelayMs: 100 };
// Slack for process scheduling on a busy machine, only ever added to upper bounds.
const SLACK_MS = 2_000;
const PRIMARY = 'claude-opus-4-5';
const FALLBACK = 'claude-haiku-4-5';

type CaseSpec = Omit<DriverCase, 'wrappersDir' | 'kind' | 'baseURL' | 'variant'>;

export function describeNodeWrappers(language: NodeLanguage): void {
  describe(`${language} retry wrappers (@anthropic-ai/sdk, against the simulator)`, function () {
    let sim: SimClient;
    let project: SnippetProject;

    before(async function () {
      this.timeout(600_000); // a cold toolchain install downloads from the npm registry
      project = await buildSnippetProject(language, await ensureNodeToolchain());
      sim = await SimClient.start({ requiredApiKey: SENTINEL_KEY });
    });

    after(async () => {
      await sim?.close();
      project?.dispose();
    });

    async function apiRequests(): Promise<RecordedRequest[]> {
      return (await sim.requests()).filter((r) => r.path === '/v1/messages');
    }

    async function scripted(faults: ScriptedFault[]): Promise<void> {
      await sim.reset();
      if (faults.length > 0) await sim.script(faults);
    }

    function call(variant: SnippetVariant, spec: CaseSpec = {}): Promise<CallReport> {
      return runCall(project, { variant, baseURL: sim.url, model: PRIMARY, ...spec, options: { ...FAST, ...spec.options } });
    }

    function assertOk(report: CallReport): void {
      assert.equal(report.outcome, 'ok', `expected success, got ${JSON.stringify(report.error)}`);
      assert.match(report.text ?? '', /simulator/);
    }

    it(language === 'typescript' ? 'compiles under tsc --strict against the real SDK types' : 'passes tsc --checkJs --strict against the real SDK types', function () {
      assert.equal(project.typeCheck.exitCode, 0, project.typeCheck.output);
      assert.equal(project.typeCheck.output, '');
    });

    for (const variant of SNIPPET_VARIANTS) {
      describe(variant, function () {
        it('recovers from a short 529 burst, one request per attempt (the SDK retries nothing itself)', async function () {
          await scripted([{ kind: 'overloaded', times: 2 }]);
          const report = await call(variant);
          assertOk(report);
          const requests = await apiRequests();
          assert.deepEqual(requests.map((r) => r.status), [529, 529, 200]);
          assert.deepEqual(report.retries.map((r) => r.status), [529, 529]);
          assert.deepEqual(report.retries.map((r) => r.requestId), requests.slice(0, 2).map((r) => r.requestId), 'onRetry reports the request-id of each failed attempt');
        });

        it('waits at least the 2 s a 429 asks for in retry-after', async function () {
          await scripted([{ kind: 'rate_limited', retryAfterSeconds: 2 }]);
          const report = await call(variant);
          assertOk(report);
          const requests = await apiRequests();
          assert.equal(requests.length, 2);
          assert.ok(requests[1]!.atMs - requests[0]!.atMs >= 2_000, `second attempt came ${requests[1]!.atMs - requests[0]!.atMs} ms after the 429`);
          assert.ok(report.retries[0]!.delayMs >= 2_000);
        });

        it('retries every retryable answer: 500, 502 HTML page, 503 empty body, 504, 409, 429 without retry-after, dropped connection', async function () {
          await scripted([
            { kind: 'server_error' },
            { kind: 'bad_gateway_html' },
            { kind: 'service_unavailable_empty' },
            { kind: 'gateway_timeout' },
            { kind: 'conflict' },
            { kind: 'rate_limited_no_retry_after' },
            { kind: 'reset' },
          ]);
          const report = await call(variant);
          assertOk(report);
          assert.deepEqual(report.retries.map((r) => r.status), [500, 502, 503, 504, 409, 429, null]);
          assert.equal((await apiRequests()).length, 8);
        });

        for (const [kind, status, name] of [
          ['bad_request', 400, 'BadRequestError'],
          ['unauthorized', 401, 'AuthenticationError'],
          ['forbidden', 403, 'PermissionDeniedError'],
          ['not_found', 404, 'NotFoundError'],
          ['request_too_large', 413, 'ContentTooLargeError'],
        ] as const) {
          it(`tries a ${status} exactly once and throws the SDK's ${name} unchanged`, async function () {
            await scripted([{ kind }]);
            const report = await call(variant);
            assert.equal(report.outcome, 'error');
            assert.equal(report.error?.name, name);
            assert.equal(report.error?.status, status);
            assert.equal((await apiRequests()).length, 1);
            assert.deepEqual(report.retries, []);
          });
        }

        it('stops when the API answers x-should-retry: false, even on a 529', async function () {
          await scripted([{ kind: 'overloaded', shouldRetry: false }]);
          const report = await call(variant);
          assert.equal(report.error?.name, 'OverloadedError');
          assert.equal(report.error?.status, 529);
          assert.equal((await apiRequests()).length, 1);
        });

        it('never retries a spend-limit 429, even one that says x-should-retry: true', async function () {
          await scripted([{ kind: 'spend_limit', shouldRetry: true }]);
          const report = await call(variant);
          assert.equal(report.error?.status, 429);
          assert.equal(report.error?.errorCode, 'enforced_spend_limit_reached');
          assert.equal((await apiRequests()).length, 1);
        });

        it('gives up before the deadline when the next wait would pass it, saying why, with the last API error', async function () {
          await scripted([{ kind: 'overloaded', times: 1000 }]);
          const deadlineMs = 1_500;
          const report = await call(variant, { options: { maxAttempts: 100, deadlineMs, baseDelayMs: 100, maxDelayMs: 400 } });
          assert.equal(report.error?.name, 'RetriesExhaustedError');
          assert.equal(report.error?.reason, 'deadline');
          assert.match(report.error?.message ?? '', /deadline/);
          assert.equal(report.error?.lastError?.status, 529);
          assert.ok(report.elapsedMs < deadlineMs + SLACK_MS, `failed after ${report.elapsedMs} ms`);
          const requests = await apiRequests();
          assert.ok(requests.length >= 2, 'it retried before giving up');
          assert.equal(requests.length, report.error?.attempts);
          assert.ok(requests.at(-1)!.atMs - requests[0]!.atMs < deadlineMs, 'no attempt started after the deadline');
        });

        it('cuts an attempt that hangs when the deadline comes', async function () {
          await scripted([{ kind: 'hang' }]);
          const deadlineMs = 1_000;
          const report = await call(variant, { options: { deadlineMs } });
          assert.equal(report.error?.name, 'RetriesExhaustedError');
          assert.equal(report.error?.reason, 'deadline');
          assert.ok(report.elapsedMs >= deadlineMs - 50 && report.elapsedMs < deadlineMs + SLACK_MS, `failed after ${report.elapsedMs} ms`);
          assert.equal((await apiRequests()).length, 1);
        });

        it('stops waiting at once when the caller aborts its AbortSignal', async function () {
          await scripted([{ kind: 'overloaded', times: 1000 }]);
          const report = await call(variant, { abortAfterMs: 300, options: { baseDelayMs: 200, maxDelayMs: 200, maxAttempts: 100 } });
          assert.equal(report.error?.name, 'APIUserAbortError');
          assert.ok(report.elapsedMs < 300 + SLACK_MS, `aborted after ${report.elapsedMs} ms`);
        });
      });
    }

    describe('circuit-breaker: one breaker shared by concurrent callers', function () {
      it('opens at the threshold, lets one trial through per interval, closes when a trial succeeds and releases every waiting caller', async function () {
        // Six callers fail together; the first trial fails too; the second succeeds.
        await scripted([{ kind: 'overloaded', times: 7 }]);
        const openMs = 400;
        const crowd = await runCrowd(project, {
          variant: 'circuit-breaker',
          baseURL: sim.url,
          model: PRIMARY,
          callers: 6,
          breaker: { failureThreshold: 3, minimumRequests: 3, openMs },
          options: { ...FAST, baseDelayMs: 300, maxDelayMs: 300 },
        });
        assert.deepEqual(crowd.callers.map((c) => c.outcome), Array(6).fill('ok'), JSON.stringify(crowd.callers.map((c) => c.error)));
        assert.deepEqual(crowd.transitions.map((t) => t.state), ['open', 'half-open', 'open', 'half-open', 'closed']);
        const requests = await apiRequests();
        // 6 in the first wave, 1 failed trial, 1 good trial, then the 5 callers still waiting.
        assert.deepEqual(requests.map((r) => r.status), [...Array(7).fill(529), ...Array(6).fill(200)]);
        const gap = (i: number) => requests[i]!.atMs - requests[i - 1]!.atMs;
        assert.ok(gap(6) >= openMs - 50, `first trial came ${gap(6)} ms after the first wave`);
        assert.ok(gap(7) >= openMs - 50, `second trial came ${gap(7)} ms after the first`);
      });

      it('makes callers wait within their own deadline, then fail with a reason and the last API error', async function () {
        await scripted([{ kind: 'overloaded', times: 1000 }]);
        const crowd = await runCrowd(project, {
          variant: 'circuit-breaker',
          baseURL: sim.url,
          model: PRIMARY,
          callers: 3,
          breaker: { failureThreshold: 2, minimumRequests: 2, openMs: 5_000 },
          options: { ...FAST, deadlineMs: 1_500 },
        });
        for (const caller of crowd.callers) {
          assert.equal(caller.error?.name, 'RetriesExhaustedError');
          assert.equal(caller.error?.reason, 'deadline');
          assert.match(caller.error?.message ?? '', /circuit breaker stayed open/);
          assert.equal(caller.error?.lastError?.status, 529);
        }
        assert.equal((await apiRequests()).length, 3, 'nothing is sent while the breaker is open');
      });

      it('does not open below its minimum request volume', async function () {
        await scripted([{ kind: 'overloaded', times: 3 }]);
        const crowd = await runCrowd(project, {
          variant: 'circuit-breaker',
          baseURL: sim.url,
          model: PRIMARY,
          callers: 1,
          breaker: { failureThreshold: 2, minimumRequests: 6, openMs: 5_000 },
          options: FAST,
        });
        assertOk(crowd.callers[0]!);
        assert.deepEqual(crowd.transitions, []);
        assert.equal((await apiRequests()).length, 4);
      });
    });

    describe('fallback: a second model after sustained overload', function () {
      it(`switches to ${FALLBACK} after three 529s and reports which model answered`, async function () {
        await scripted([{ kind: 'overloaded', models: [PRIMARY], times: 1000 }]);
        const report = await call('fallback', { options: { fallbackModel: FALLBACK, overloadsBeforeFallback: 3 } });
        assertOk(report);
        assert.equal(report.model, FALLBACK);
        assert.equal(report.usedFallback, true);
        assert.deepEqual((await apiRequests()).map((r) => `${r.model} ${r.status}`), [`${PRIMARY} 529`, `${PRIMARY} 529`, `${PRIMARY} 529`, `${FALLBACK} 200`]);
        assert.equal(report.retries.at(-1)?.model, FALLBACK);
      });

      it('keeps the requested model through errors that are not overloads', async function () {
        await scripted([{ kind: 'server_error', times: 3 }]);
        const report = await call('fallback', { options: { fallbackModel: FALLBACK, overloadsBeforeFallback: 3 } });
        assertOk(report);
        assert.equal(report.model, PRIMARY);
        assert.equal(report.usedFallback, false);
        assert.deepEqual(new Set((await apiRequests()).map((r) => r.model)), new Set([PRIMARY]));
      });
    });

    describe('streaming: retried only before the first content event', function () {
      it('retries a stream whose overload arrives before any content, and shows the caller one clean stream', async function () {
        await scripted([{ kind: 'stream_overloaded', streamStage: 'before_content' }]);
        const report = await call('streaming');
        assertOk(report);
        const requests = await apiRequests();
        assert.deepEqual(requests.map((r) => `${r.stream} ${r.outcome}`), ['true stream_overloaded', 'true ok']);
        assert.equal(report.retries.length, 1);
        assert.equal(report.events?.filter((e) => e === 'message_start').length, 1);
        assert.equal(report.events?.at(-1), 'message_stop');
      });

      it('surfaces an overload that arrives after content has flowed, without a retry', async function () {
        await scripted([{ kind: 'stream_overloaded', streamStage: 'after_content' }]);
        const report = await call('streaming');
        assert.equal(report.outcome, 'error');
        assert.equal(report.error?.type, 'overloaded_error');
        assert.deepEqual(report.events, ['message_start', 'content_block_start', 'content_block_delta'], 'the content that arrived was delivered');
        assert.equal((await apiRequests()).length, 1);
      });
    });
  });
}

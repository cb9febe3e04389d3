// Runs the shared wrapper cases (wrapper-cases.ts) against one language's driver: one test
// per case and variant, each checking both sides, what the caller saw (the driver's
// report) and what the API saw (the simulator's request log and counts).
import assert from 'node:assert/strict';
import { SNIPPET_VARIANTS, type SnippetVariant } from '../../../src/core/snippets/types';
import { type ScriptedFault } from '../../../src/sim/scenario';
import { SimClient, type RecordedRequest } from '../../support/sim-client';
import { LIMITER_CASES } from './limiter-cases';
import { runLimiterCase } from './run-limiter-spec';
import { CROWD_CASES, FAST, FALLBACK_MODEL, MODEL, WRAPPER_CASES, type CrowdCase, type Expectation, type Outcome, type WrapperCase } from './wrapper-cases';
import { type ReportedError, type WrapperDriver, type WrapperLanguage, type WrapperReport } from './wrapper-driver';

/** Longer than any case's own bounds: a driver that stops answering fails the case, not the run. */
export const CASE_TIMEOUT_MS = 30_000;

export { FAST, FALLBACK_MODEL, MODEL };

function describeReport(report: unknown): string {
  return JSON.stringify(report);
}

function assertOutcome(report: WrapperReport, outcome: Outcome): void {
  assert.equal(report.outcome, outcome, `expected ${outcome}, got ${describeReport(report)}`);
}

function matchesName(actual: string | undefined, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(actual ?? '');
}

/** The API error an error is (api-error) or carries (gave-up). */
function apiSide(error: ReportedError, outcome: Outcome): { status?: number; errorType?: string; requestId?: string } {
  return outcome === 'gave-up' ? (error.last ?? {}) : error;
}

/** The wrapper says why it gave up: in its message, and in its reason (free text, or a code). */
function checkReason(lang: WrapperLanguage, error: ReportedError, says: RegExp[], code: string | undefined): void {
  for (const pattern of says) assert.match(error.message, pattern);
  if (lang.capabilities.reasonIsCode) {
    if (code !== undefined) assert.equal(error.reason, code);
    return;
  }
  assert.ok(error.reason !== undefined, `no reason given: ${describeReport(error)}`);
  for (const pattern of says) assert.match(error.reason, pattern);
}

function checkError(lang: WrapperLanguage, report: WrapperReport, expect: Expectation): void {
  if (expect.outcome === 'ok') {
    assert.equal(report.error, undefined);
    return;
  }
  const error = report.error;
  // A cancelled call may end without an error object (an asyncio task's CancelledError).
  if (expect.outcome === 'cancelled' && error === undefined) return;
  assert.ok(error, `no error reported: ${describeReport(report)}`);
  assert.ok(!error.message.includes(lang.sentinelKey), 'the error message shows the API key');
  const api = apiSide(error, expect.outcome);
  if (expect.status !== undefined) assert.equal(api.status, expect.status, describeReport(error));
  if (expect.errorType !== undefined) assert.equal(api.errorType, expect.errorType, describeReport(error));
  if (expect.sdkError !== undefined) {
    const name = lang.sdkErrors[expect.sdkError];
    if (name !== undefined) assert.ok(matchesName(error.name, name), `expected the SDK's ${String(name)}, got ${error.name}`);
  }
  if (expect.errorCode !== undefined) {
    if (lang.capabilities.errorCodeField) assert.equal(error.errorCode, expect.errorCode, describeReport(error));
    else assert.ok(error.message.includes(expect.errorCode), `the caller cannot read ${expect.errorCode}: ${error.message}`);
  }
  if (expect.outcome === 'gave-up') checkReason(lang, error, expect.says ?? [/deadline|attempt/], expect.reasonCode);
  if (expect.messageNamesLastError && expect.errorType !== undefined) {
    assert.match(error.message, new RegExp(expect.errorType), 'the message names the last API error');
  }
  if (expect.lastErrorIsTimeout && lang.timeoutError !== undefined) {
    assert.ok(matchesName(error.last?.name, lang.timeoutError), `the carried error is not the client's timeout: ${describeReport(error)}`);
  }
}

function checkRequests(expect: Expectation, seen: RecordedRequest[], count: number, variant: SnippetVariant): void {
  assert.equal(count, seen.length, 'the request log and the request count disagree');
  if (typeof expect.requests === 'number') {
    assert.equal(seen.length, expect.requests, `requests: ${describeReport(seen.map((r) => r.outcome))}`);
  } else {
    assert.ok(seen.length >= expect.requests.min, `only ${seen.length} requests`);
    if (expect.requests.max !== undefined) assert.ok(seen.length <= expect.requests.max, `${seen.length} requests`);
  }
  if (expect.statuses !== undefined) assert.deepEqual(seen.map((r) => r.status), expect.statuses);
  if (expect.everyStatus !== undefined) assert.ok(seen.every((r) => r.status === expect.everyStatus), describeReport(seen.map((r) => r.status)));
  if (expect.served !== undefined) assert.deepEqual(seen.map((r) => r.outcome), expect.served);
  if (expect.modelsSeen !== undefined) assert.deepEqual(seen.map((r) => [r.model, r.status]), expect.modelsSeen);
  if (expect.asRequested) {
    const stream = variant === 'streaming';
    assert.ok(seen.every((r) => r.stream === stream && r.model === MODEL), describeReport(seen.map((r) => [r.model, r.stream])));
  }
  if (expect.requestsWithinMs !== undefined && seen.length > 0) {
    const span = seen.at(-1)!.atMs - seen[0]!.atMs;
    assert.ok(span < expect.requestsWithinMs, `an attempt reached the simulator ${span} ms after the first, past the ${expect.requestsWithinMs} ms deadline`);
  }
}

function checkCall(lang: WrapperLanguage, expect: Expectation, report: WrapperReport, seen: RecordedRequest[]): void {
  if (expect.retryStatuses !== undefined) assert.deepEqual(report.retries.map((r) => r.status), expect.retryStatuses, describeReport(report.retries));
  if (expect.retriesNameRequestIds) {
    assert.deepEqual(report.retries.map((r) => r.requestId), seen.slice(0, report.retries.length).map((r) => r.requestId), 'each retry names the failed answer');
    assert.ok(report.retries.every((r) => r.requestId?.startsWith('req_')), describeReport(report.retries));
  }
  if (expect.minWaitMs !== undefined) {
    assert.ok(report.retries[0]!.delayMs >= expect.minWaitMs, `the wrapper chose ${report.retries[0]!.delayMs} ms`);
    if (seen.length >= 2) {
      const gap = seen[1]!.atMs - seen[0]!.atMs;
      assert.ok(gap >= expect.minWaitMs, `the retry reached the simulator ${gap} ms after the first answer`);
    }
  }
  if (expect.elapsedMs?.min !== undefined) assert.ok(report.elapsedMs >= expect.elapsedMs.min, `ended after ${report.elapsedMs} ms`);
  if (expect.elapsedMs?.max !== undefined) assert.ok(report.elapsedMs < expect.elapsedMs.max, `ended after ${report.elapsedMs} ms`);
  if (expect.stopsWithinMsOfCancel !== undefined) {
    assert.ok(report.cancelledAtMs !== undefined, `the caller never cancelled: ${describeReport(report)}`);
    const stoppedAfter = report.elapsedMs - report.cancelledAtMs;
    assert.ok(stoppedAfter < expect.stopsWithinMsOfCancel, `the call went on ${stoppedAfter} ms after the caller cancelled`);
  }
  if (expect.oneRequestPerAttempt) assert.equal(seen.length, report.retries.length + 1, 'one request per attempt');
  if (expect.attemptsAreRequests && lang.capabilities.reportsAttempts) assert.equal(report.error?.attempts, seen.length);
  if (expect.carriesRecentRequestId) {
    const carried = apiSide(report.error!, expect.outcome).requestId;
    // The last answer, or the one before when the deadline cut the last attempt short.
    assert.ok(seen.slice(-2).some((r) => r.requestId === carried), `the error carries ${carried}`);
  }
  if (expect.text !== undefined) assert.equal(report.text, expect.text);
  if (expect.model !== undefined) assert.equal(report.model, expect.model);
  if (expect.usedFallback !== undefined) assert.equal(report.usedFallback, expect.usedFallback);
  if (expect.usedFallback && lang.capabilities.retryNamesModel) assert.equal(report.retries.at(-1)?.model, FALLBACK_MODEL, 'the last retry names the fallback model');
  if (expect.events === 'one-clean-stream') {
    const events = report.events ?? [];
    // The failed attempt's message_start was held back, never shown.
    assert.equal(events.filter((t) => t === 'message_start').length, 1, describeReport(events));
    assert.equal(events[0], 'message_start');
    assert.equal(events.at(-1), 'message_stop');
  } else if (expect.events !== undefined) {
    assert.deepEqual(report.events, expect.events);
  }
}

function expectationFor(wrapperCase: WrapperCase, variant: SnippetVariant, lang: WrapperLanguage): Expectation {
  return { ...wrapperCase.expect, ...wrapperCase.byVariant?.[variant], ...wrapperCase.adjust?.(lang.capabilities) };
}

/** Registers the shared cases for one language; the caller's own `before` has built its project. */
export function runWrapperSpec(lang: WrapperLanguage): void {
  describe('the shared wrapper cases', function () {
    let sim: SimClient;
    let driver: WrapperDriver;

    before(async function () {
      this.timeout(120_000); // a JVM warms up before its first timed case
      // Any other key gets a 401: the key reaches the API only through the SDK as configured.
      sim = await SimClient.start({ requiredApiKey: lang.sentinelKey });
      driver = await lang.startDriver(sim.url);
    });

    after(async function () {
      await driver?.stop();
      await sim?.close();
    });

    async function scripted(faults: ScriptedFault[]): Promise<void> {
      await sim.reset();
      if (faults.length > 0) await sim.script(faults);
    }

    /** The simulator's record of the current case's message requests, oldest first, and its own count. */
    async function messageRequests(): Promise<{ seen: RecordedRequest[]; count: number }> {
      const all = await sim.requests();
      const seen = all.filter((r) => r.method === 'POST' && r.path === '/v1/messages').sort((a, b) => a.atMs - b.atMs);
      return { seen, count: (await sim.state()).requests['POST /v1/messages'] ?? 0 };
    }

    for (const variant of SNIPPET_VARIANTS) {
      describe(variant, function () {
        for (const wrapperCase of WRAPPER_CASES) {
          if (wrapperCase.variants && !wrapperCase.variants.includes(variant)) continue;
          const skipped = wrapperCase.skip?.(lang.capabilities, variant);
          if (skipped !== undefined) continue;
          it(wrapperCase.title, async function () {
            this.timeout(CASE_TIMEOUT_MS + 10_000);
            const expect = expectationFor(wrapperCase, variant, lang);
            await scripted(wrapperCase.faults);
            const report = await driver.call(variant, `${lang.language}/${variant}/${wrapperCase.id}`, wrapperCase.call ?? {});
            const { seen, count } = await messageRequests();
            assertOutcome(report, expect.outcome);
            checkError(lang, report, expect);
            checkRequests(expect, seen, count, variant);
            checkCall(lang, expect, report, seen);
          });
        }

        if (variant === 'concurrency') {
          for (const limiterCase of LIMITER_CASES) {
            if (limiterCase.skip?.(lang.capabilities) !== undefined) continue;
            it(`shared limiter: ${limiterCase.title}`, async function () {
              this.timeout(CASE_TIMEOUT_MS + 10_000);
              await runLimiterCase(lang, sim, driver, limiterCase);
            });
          }
        }

        if (variant === 'circuit-breaker') {
          for (const crowdCase of CROWD_CASES) {
            it(`shared breaker: ${crowdCase.title}`, async function () {
              this.timeout(CASE_TIMEOUT_MS + 10_000);
              await runCrowdCase(crowdCase);
            });
          }
        }
      });
    }

    async function runCrowdCase(crowdCase: CrowdCase): Promise<void> {
      const expect = { ...crowdCase.expect, ...crowdCase.adjust?.(lang.capabilities) };
      const { openMs } = crowdCase.crowd.breaker;
      await scripted(crowdCase.faults);
      const report = await driver.crowd(`${lang.language}/circuit-breaker/${crowdCase.id}`, crowdCase.crowd);
      const { seen, count } = await messageRequests();
      const detail = describeReport(report);
      assert.equal(count, seen.length, 'the request log and the request count disagree');
      if (expect.tripper !== undefined) assertOutcome(report.tripper!, expect.tripper);
      if (expect.tripperCarriesStatus !== undefined) assert.equal(report.tripper!.error?.last?.status, expect.tripperCarriesStatus, detail);
      if (expect.stateAfterTripper !== undefined) assert.equal(report.stateAfterTripper, expect.stateAfterTripper);
      assert.equal(report.callers.length, crowdCase.crowd.callers);
      for (const caller of report.callers) {
        assertOutcome(caller, expect.callers);
        if (expect.callers === 'ok') continue;
        const error = caller.error!;
        assert.ok(!error.message.includes(lang.sentinelKey), 'the error message shows the API key');
        if (expect.callersSay !== undefined) checkReason(lang, error, expect.callersSay, expect.callersReasonCode);
        if (expect.callersCarryStatus !== undefined) assert.equal(error.last?.status, expect.callersCarryStatus, describeReport(error));
      }
      if (expect.openPastDeadlineMs !== undefined) {
        const deadlineMs = expect.openPastDeadlineMs;
        for (const caller of report.callers) {
          if (lang.capabilities.openPastDeadline === 'waits') assert.ok(caller.elapsedMs >= deadlineMs - 100, `gave up after ${caller.elapsedMs} ms, before its deadline`);
          else assert.ok(caller.elapsedMs < deadlineMs, `the caller waited ${caller.elapsedMs} ms for a trial that comes in ${openMs} ms`);
        }
      }
      if (expect.finalState !== undefined) assert.equal(report.finalState, expect.finalState);
      if (expect.transitions !== undefined && report.transitions !== undefined) assert.deepEqual(report.transitions, expect.transitions, detail);
      if (expect.transitions !== undefined && lang.capabilities.breakerReportsTransitions) assert.ok(report.transitions, 'no transitions reported');
      if (expect.requests !== undefined) assert.equal(seen.length, expect.requests, 'a request went out while the breaker was open');
      if (expect.statuses !== undefined) assert.deepEqual(seen.map((r) => r.status), expect.statuses);
      const gap = (i: number): number => seen[i]!.atMs - seen[i - 1]!.atMs;
      // Nobody sent while open: each trial came a full interval after the request that opened the breaker.
      for (const index of expect.trialsAt ?? []) assert.ok(gap(index) >= openMs, `trial ${index} came ${gap(index)} ms after the request before it`);
      if (expect.followersAfter !== undefined) {
        const { from, trial, minMs } = expect.followersAfter;
        for (const follower of seen.slice(from)) {
          assert.ok(follower.atMs - seen[trial]!.atMs >= minMs, `a caller went ${follower.atMs - seen[trial]!.atMs} ms into the trial`);
        }
      }
      if (expect.attemptsAddUp) {
        const everyone = [...(report.tripper ? [report.tripper] : []), ...report.callers];
        assert.equal(everyone.reduce((sum, c) => sum + c.retries.length + 1, 0), seen.length, 'callers that started while it was open waited instead of sending');
      }
      if (expect.lastCallerRetryStates !== undefined && lang.capabilities.retryNamesBreakerState) {
        assert.deepEqual(report.callers.at(-1)!.retries.map((r) => r.breakerState), expect.lastCallerRetryStates);
      }
    }

    describe('secrets', function () {
      it('never shows the API key in anything the driver printed', function () {
        assert.ok(driver.output().length > 0);
        assert.ok(!driver.output().includes(lang.sentinelKey));
      });
    });
  });
}

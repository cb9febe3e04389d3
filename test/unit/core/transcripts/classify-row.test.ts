import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyTranscriptRow, statusInText } from '../../../../src/core/transcripts/classify-row';
import { parsePlanReset } from '../../../../src/core/transcripts/plan-reset';
import * as rows from './rows';

const T0 = Date.UTC(2026, 0, 15, 14, 0, 0); // 09:00 in New York (EST)

function classify(line: string) {
  return classifyTranscriptRow(JSON.parse(line));
}

describe('transcript row classification', () => {
  const cases: [string, string, Partial<ReturnType<typeof classify>> & object][] = [
    ['529 with the JSON body', rows.OVERLOADED_JSON_TEXT, { kind: 'overloaded', status: 529, errorType: 'overloaded_error', requestId: 'req_011CUabcdefghijkLMNOP' }],
    ['529 in words', rows.OVERLOADED_PLAIN_TEXT, { kind: 'overloaded', status: 529 }],
    ['connection lost', rows.CONNECTION_LOST_TEXT, { kind: 'network' }],
    ['ECONNRESET', rows.ECONNRESET_TEXT, { kind: 'network' }],
    ['522 from a CDN', rows.CDN_TIMEOUT_TEXT, { kind: 'network', status: 522 }],
    ['the terminal form with a retry', rows.RETRYING_TEXT, { kind: 'overloaded', status: 529, errorType: 'overloaded_error' }],
    ['an API 429', rows.RATE_LIMIT_TEXT, { kind: 'rate_limited', status: 429, errorType: 'rate_limit_error' }],
    ['a 500', rows.SERVER_ERROR_TEXT, { kind: 'server_error', status: 500, errorType: 'api_error' }],
    ['a 401', rows.AUTH_TEXT, { kind: 'auth', status: 401, errorType: 'authentication_error' }],
    ['a 503 in words', 'API Error: 503 upstream connect error', { kind: 'server_error', status: 503 }],
    ['a bare 522', '522 Connection timed out', { kind: 'network', status: 522 }],
    ['an overload inside a stream (status 200)', 'API Error: 200 {"type":"error","error":{"type":"overloaded_error"}}', { kind: 'overloaded', errorType: 'overloaded_error' }],
  ];
  for (const [name, text, expected] of cases) {
    it(`reads ${name}`, () => {
      const result = classify(rows.errorRow({ at: T0, text }));
      assert.ok(result);
      assert.equal(result.at, T0);
      for (const [field, value] of Object.entries(expected)) assert.equal(result[field as keyof typeof result], value, `${field} of ${text}`);
    });
  }

  it('prefers the status and type in the text over the error field, and uses the field when the text says nothing', () => {
    assert.equal(classify(rows.errorRow({ at: T0, text: rows.OVERLOADED_JSON_TEXT, error: 'rate_limit' }))?.kind, 'overloaded');
    assert.equal(classify(rows.errorRow({ at: T0, text: 'API Error', error: 'rate_limit' }))?.kind, 'rate_limited');
    assert.equal(classify(rows.errorRow({ at: T0, text: 'API Error', error: 'authentication_failed' }))?.kind, 'auth');
    assert.equal(classify(rows.errorRow({ at: T0, text: '', apiError: { status: 529 } }))?.kind, 'overloaded');
    assert.equal(classify(rows.errorRow({ at: T0, text: 'Something odd happened' }))?.kind, 'other');
  });

  it('counts a subscription limit as plan_limit with its reset time, never as a 429', () => {
    const result = classify(rows.errorRow({ at: T0, text: rows.SESSION_LIMIT_TEXT, error: 'rate_limit' }));
    assert.equal(result?.kind, 'plan_limit');
    assert.equal(result?.resetsAt, Date.UTC(2026, 0, 15, 16, 30), '11:30am in New York is 16:30 UTC in January');
    assert.equal(classify(rows.errorRow({ at: T0, text: "You've hit your limit · resets soon", error: 'rate_limit' }))?.resetsAt, undefined);
    assert.equal(classify(rows.errorRow({ at: T0, text: "You've hit your limit · resets soon", error: 'rate_limit' }))?.kind, 'plan_limit');
  });

  it('parses the reset forms: time only (next occurrence), with a date, 24 h, epoch seconds; and refuses nonsense', () => {
    const evening = Date.UTC(2026, 6, 1, 23, 0); // 19:00 in New York (EDT)
    assert.equal(parsePlanReset('resets 3pm (America/New_York)', evening), Date.UTC(2026, 6, 2, 19, 0), 'tomorrow, as 3pm today has passed');
    assert.equal(parsePlanReset('resets Oct 6, 1pm (Europe/Berlin)', evening), Date.UTC(2026, 9, 6, 11, 0));
    assert.equal(parsePlanReset('resets Jan 2 at 9am (UTC)', Date.UTC(2026, 11, 31)), Date.UTC(2027, 0, 2, 9, 0), 'next year');
    assert.equal(parsePlanReset('resets 17:45 (UTC)', Date.UTC(2026, 0, 1, 12)), Date.UTC(2026, 0, 1, 17, 45));
    assert.equal(parsePlanReset('Claude AI usage limit reached|1749924000', T0), 1749924000 * 1000);
    for (const bad of ['resets 13pm (UTC)', 'resets 3pm (Not/AZone)', 'resets 3:99pm (UTC)', 'resets (UTC)', `resets 3pm (${'A'.repeat(100)})`, 'resets Foo 99, 3pm']) {
      assert.equal(parsePlanReset(bad, T0), undefined, bad);
    }
  });

  it('ignores rows not flagged as API errors, even when their text says "API Error: 529"', () => {
    assert.equal(classifyTranscriptRow(JSON.parse(rows.userRow(T0, rows.OVERLOADED_JSON_TEXT))), undefined);
    assert.equal(classifyTranscriptRow(JSON.parse(rows.assistantRow(T0, rows.OVERLOADED_JSON_TEXT))), undefined);
    assert.equal(classify(rows.errorRow({ at: T0, text: rows.OVERLOADED_JSON_TEXT, flag: false })), undefined);
    assert.equal(classify(rows.errorRow({ at: T0, text: rows.OVERLOADED_JSON_TEXT, type: 'user' })), undefined);
    for (const junk of [null, 1, 'x', [], { isApiErrorMessage: true }, { isApiErrorMessage: true, timestamp: 'never' }, { isApiErrorMessage: 'true', timestamp: new Date(T0).toISOString() }]) {
      assert.equal(classifyTranscriptRow(junk), undefined);
    }
  });

  it('keeps no text beyond a status, a known error type and a request id', () => {
    const result = classify(rows.errorRow({ at: T0, text: `API Error: 529 ${rows.SECRET_TEXT} req_${rows.SECRET_TEXT}` }));
    assert.ok(!JSON.stringify(result).includes('SENTINEL'), JSON.stringify(result));
  });

  it('never throws and stays quick on any text (no backtracking)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.string({ maxLength: 30 })), (text, error) => {
        const result = classify(rows.errorRow({ at: T0, text, ...(error === null ? {} : { error }) }));
        assert.ok(result === undefined || typeof result.kind === 'string');
        statusInText(text);
        parsePlanReset(text, T0);
      }),
    );
    const hostile = `You've hit your limit · resets ${'1:'.repeat(20_000)}${'('.repeat(20_000)} API Error: ${'9'.repeat(50_000)} req_${'a'.repeat(50_000)}`;
    const result = classify(rows.errorRow({ at: T0, text: hostile }));
    assert.equal(result?.kind, 'plan_limit');
  });
});

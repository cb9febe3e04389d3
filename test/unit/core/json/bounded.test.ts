import assert from 'node:assert/strict';
import { jsonField, jsonNestingDepth, jsonString, parseJsonBounded, previewJson } from '../../../../src/core/json/bounded';

const nested = (depth: number, inner = '1'): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('bounded JSON', () => {
  it('measures nesting with a linear scan that ignores brackets inside strings', () => {
    assert.equal(jsonNestingDepth('{"a":[1,{"b":[]}]}'), 4);
    assert.equal(jsonNestingDepth('"[[[[[["'), 0);
    assert.equal(jsonNestingDepth('{"a\\"[[[":"]]]\\\\"}'), 1, 'escaped quotes and backslashes do not end the string early');
    assert.equal(jsonNestingDepth(nested(50_000)), 50_000);
    assert.equal(jsonNestingDepth(nested(50_000), 10), 11, 'stops once past the limit');
    assert.equal(jsonNestingDepth(']]]]{'), 1, 'stray closers do not go negative');
  });

  it('refuses deep, large and malformed texts before anything recursive sees them', () => {
    const deep = parseJsonBounded(`{"status":{"indicator":${nested(5_000)}}}`, { maxDepth: 64 });
    assert.deepEqual(deep, { ok: false, reason: 'too_deep', message: 'the JSON is nested deeper than 64 levels' });
    const large = parseJsonBounded(`"${'é'.repeat(600)}"`, { maxBytes: 1_000 });
    assert.equal(large.ok, false);
    assert.equal(!large.ok && large.reason, 'too_large', 'bytes, not characters, are counted');
    const invalid = parseJsonBounded('{"a":', {});
    assert.equal(!invalid.ok && invalid.reason, 'invalid');
    assert.deepEqual(parseJsonBounded(nested(64), { maxDepth: 64 }), { ok: true, value: JSON.parse(nested(64)) as unknown });
  });

  it('reads nested fields from own data properties only', () => {
    const document = JSON.parse('{"error":{"type":"overloaded_error","__proto__":{"polluted":true}}}') as unknown;
    assert.equal(jsonString(document, 'error', 'type'), 'overloaded_error');
    assert.equal(jsonField(document, 'error', 'constructor'), undefined, 'prototype members are not fields');
    assert.deepEqual(jsonField(document, 'error', '__proto__'), { polluted: true }, 'a "__proto__" key is an ordinary own field');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    let getterRan = false;
    const tricky = Object.defineProperty({}, 'type', {
      get() {
        getterRan = true;
        return 'x';
      },
    });
    assert.equal(jsonField(tricky, 'type'), undefined);
    assert.equal(getterRan, false);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assert.equal(jsonField(revoked.proxy, 'type'), undefined);
    assert.equal(jsonField(['a', 'b'], 1), 'b');
    assert.equal(jsonString({ type: 5 }, 'type'), undefined);
  });

  it('previews any value in bounded space without recursion', () => {
    assert.equal(previewJson({ a: [1, 'two', null], b: true }), '{"a":[1,"two",null],"b":true}');
    const deep = JSON.parse(nested(50_000)) as unknown;
    assert.match(previewJson(deep), /^\[{8}\[…\]{9}$/);
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    assert.equal(previewJson(circular), '{"name":"loop","self":"[circular]"}');
    const wide = previewJson(Array.from({ length: 10_000 }, (_, i) => i), 200);
    assert.ok(wide.length <= 200);
    assert.ok(previewJson({ text: 'x'.repeat(1_000_000) }, 50).length <= 50);
    assert.equal(previewJson(10n), '10n');
    assert.equal(previewJson(undefined), 'undefined');
    assert.equal(previewJson({ f: () => 1, s: Symbol('s'), n: NaN }), '{"f":"[function]","s":"[symbol]","n":null}');
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter ran');
      },
    });
    assert.equal(previewJson(hostile), '{"boom":undefined}');
  });
});

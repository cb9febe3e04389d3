import assert from 'node:assert/strict';
import { describeError } from '../../../../src/core/text/describe-error';

describe('describeError', () => {
  it('gives an Error its message, or its name when the message is empty', () => {
    assert.equal(describeError(new Error('socket hang up')), 'socket hang up');
    assert.equal(describeError(new TypeError('')), 'TypeError');
  });

  it('gives a thrown string as it is', () => {
    assert.equal(describeError('the simulator is gone'), 'the simulator is gone');
  });

  it('uses the message of a plain object that has one, a JSON preview for others', () => {
    assert.equal(describeError({ message: 'quota', code: 7 }), 'quota');
    assert.equal(describeError({ code: 'E_SIM', port: 4010 }), 'a thrown object {"code":"E_SIM","port":4010}');
    assert.equal(describeError({}), 'a thrown object {}');
  });

  it('follows the chain of causes', () => {
    assert.equal(describeError(new Error('Connection error.', { cause: new TypeError('fetch failed', { cause: new Error('socket hang up') }) })), 'Connection error: fetch failed: socket hang up');
  });

  it('never repeats a key it knows of', () => {
    assert.ok(!describeError(new Error('sent sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789')).includes('abcdefghijklmnopqrstuvwxyz0123456789'));
  });

  it('says null and undefined instead of failing on them', () => {
    assert.equal(describeError(null), 'null was thrown');
    assert.equal(describeError(undefined), 'undefined was thrown');
  });

  it('survives a circular object', () => {
    const looped: Record<string, unknown> = { name: 'loop' };
    looped.self = looped;
    assert.equal(describeError(looped), 'a thrown object {"name":"loop","self":"[circular]"}');
  });

  it('writes BigInts out, alone or inside an object', () => {
    assert.equal(describeError(10n), 'a thrown bigint 10n');
    assert.equal(describeError({ limit: 2n ** 64n }), 'a thrown object {"limit":18446744073709551616n}');
  });

  it('never throws, even for an object whose getters do', () => {
    const hostile = {
      get message(): string {
        throw new Error('boom');
      },
    };
    assert.equal(typeof describeError(hostile), 'string');
    const proxy = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    assert.equal(typeof describeError(proxy), 'string');
  });

  it('bounds what it returns', () => {
    assert.ok(describeError('x'.repeat(100_000)).length <= 1000);
    assert.ok(describeError(new Error('y'.repeat(100_000))).length <= 1000);
    assert.ok(describeError({ big: 'z'.repeat(100_000) }).length <= 1000);
  });
});

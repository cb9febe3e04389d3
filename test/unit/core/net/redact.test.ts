// The redactor against every altered copy of a key we could think of, with
// generated keys, texts and cut points (fast-check).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactSecrets } from '../../../../src/core/net/redact';
import { SENTINEL_KEY } from '../support/sentinel';

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const keyArb = fc
  .array(fc.constantFrom(...KEY_CHARS.split('')), { minLength: 40, maxLength: 100 })
  .map((chars) => `sk-ant-api03-${chars.join('')}`);
/** Text around the key that cannot itself spell the key: prose, punctuation, JSON. */
const noiseArb = fc.string({ maxLength: 60 }).map((text) => text.replace(/[A-Za-z0-9]/g, ' '));
const proseArb = fc.constantFrom('', 'upstream said: ', '{"echo":"', 'Authorization: Bearer ', 'x-api-key=', '\n\t');

const reverse = (text: string) => [...text].reverse().join('');
const ALTERATIONS: [string, (secret: string) => string][] = [
  ['as is', (s) => s],
  ['without the sk-ant- prefix', (s) => s.slice('sk-ant-'.length)],
  ['its last 18 characters', (s) => s.slice(-18)],
  ['split by spaces', (s) => s.replace(/(.{5})/g, '$1 ')],
  ['one space between every character', (s) => s.split('').join(' ')],
  ['upper-cased', (s) => s.toUpperCase()],
  ['base64', (s) => Buffer.from(s).toString('base64')],
  ['base64url', (s) => Buffer.from(s).toString('base64url')],
  ['base64 inside Basic credentials', (s) => Buffer.from(`user:${s}`).toString('base64')],
  ['URL-encoded', (s) => encodeURIComponent(s)],
  ['fully percent-encoded', (s) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')],
  ['hex', (s) => Buffer.from(s).toString('hex')],
  ['HEX', (s) => Buffer.from(s).toString('hex').toUpperCase()],
  ['reversed', reverse],
  ['reversed base64', (s) => Buffer.from(reverse(s)).toString('base64')],
];

describe('redactSecrets', () => {
  it('keeps the old contract: the known key and anything key-shaped', () => {
    assert.equal(redactSecrets(`key ${SENTINEL_KEY} end`, [SENTINEL_KEY]), 'key [redacted] end');
    assert.equal(redactSecrets('other sk-ant-api03-abcdefgh end'), 'other sk-ant-[redacted] end');
    assert.equal(redactSecrets('nothing to hide here 0123456', [SENTINEL_KEY]), 'nothing to hide here 0123456');
  });

  for (const [name, alter] of ALTERATIONS) {
    it(`removes the key ${name}`, () => {
      fc.assert(
        fc.property(keyArb, noiseArb, proseArb, noiseArb, (key, before, prose, after) => {
          const altered = alter(key);
          const out = redactSecrets(`${before}${prose}${altered}${after}`, [key]);
          assert.ok(!out.includes(altered), `${name} survived: ${out}`);
          assert.ok(out.includes('[redacted]'));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('removes any substring of 12 or more characters of the key\'s secret part, plain, spaced or encoded', () => {
    // The secret is what follows the public "sk-ant-api03-": a piece that is mostly that prefix gives nothing away.
    const secretStart = 'sk-ant-api03-'.length;
    fc.assert(
      fc.property(keyArb, fc.nat(), fc.integer({ min: 12, max: 60 }), noiseArb, noiseArb, (key, startSeed, length, before, after) => {
        const start = secretStart + (startSeed % (key.length - secretStart - 11));
        const piece = key.slice(start, start + length);
        for (const altered of [piece, piece.split('').join(' '), Buffer.from(piece).toString('hex'), reverse(piece)]) {
          const out = redactSecrets(`${before}${altered}${after}`, [key]);
          assert.ok(!out.includes(altered), `${JSON.stringify(altered)} survived: ${out}`);
        }
        const encoded = Buffer.from(piece).toString('base64');
        const out = redactSecrets(`${before}${encoded}${after}`, [key]);
        assert.ok(!out.includes(encoded), `base64 ${encoded} survived: ${out}`);
      }),
      { numRuns: 200 },
    );
  });

  it('removes every 12-character piece of the sentinel key', () => {
    for (let start = 0; start + 12 <= SENTINEL_KEY.length; start++) {
      const piece = SENTINEL_KEY.slice(start, start + 12);
      assert.ok(!redactSecrets(`echo: ${piece}!`, [SENTINEL_KEY]).includes(piece), piece);
    }
  });

  it('leaves text that shares no long run with the key untouched', () => {
    fc.assert(
      fc.property(keyArb, fc.string({ maxLength: 200 }), (key, text) => {
        fc.pre(!/sk-ant-/.test(text));
        const out = redactSecrets(text, [key]);
        // Random text of this size practically never shares 10 letters and digits in a row with a random key.
        assert.equal(out, text);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a large text in one linear pass (no catastrophic pattern)', () => {
    const hostile = `${'sk-ant-'.repeat(20_000)}${'a-'.repeat(50_000)}${SENTINEL_KEY.slice(3, 40)}`;
    const out = redactSecrets(hostile, [SENTINEL_KEY]);
    assert.ok(!out.includes(SENTINEL_KEY.slice(3, 40)));
  });
});

// Terminal columns for text that may be Chinese: wide characters count two,
// lines break at spaces and between Chinese characters, never before closing
// or after opening punctuation, and an English word is never split.
import assert from 'node:assert/strict';
import { displayWidth, padToWidth, wrapToWidth } from '../../../../src/core/text/display-width';

describe('display width', () => {
  it('counts CJK characters and full-width punctuation as two columns, the rest as one', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('代理'), 4);
    assert.equal(displayWidth('证书（TLS）：'), 2 * 2 + 2 + 3 + 2 + 2);
    assert.equal(displayWidth('--base-url URL'), 14);
    assert.equal(padToWidth('中转', 6), '中转  ');
    assert.equal(padToWidth('toolong', 3), 'toolong', 'never cut');
  });

  it('wraps English at spaces and keeps a word too long for a line whole', () => {
    assert.deepEqual(wrapToWidth('aaa bbb ccc', 7), ['aaa bbb', 'ccc']);
    assert.deepEqual(wrapToWidth('x'.repeat(12), 5), ['x'.repeat(12)]);
    assert.deepEqual(wrapToWidth('aaa bbb', 6, { indent: '  ', firstIndent: '> ' }), ['> aaa', '  bbb']);
  });

  it('wraps Chinese between characters by display width, keeping the spaces the text had', () => {
    const lines = wrapToWidth('请求转发到的上游；默认取 ANTHROPIC_BASE_URL，其次 https://api.anthropic.com。', 30);
    for (const line of lines) assert.ok(displayWidth(line) <= 30, `${displayWidth(line)}: ${line}`);
    assert.equal(lines.join('').replace(/\s+/g, ''), '请求转发到的上游；默认取ANTHROPIC_BASE_URL，其次https://api.anthropic.com。', 'nothing lost');
    assert.ok(lines.every((line) => !/^[，。；：）]/.test(line)), 'no line starts with closing punctuation');
    assert.ok(lines.some((line) => line.includes('ANTHROPIC_BASE_URL')), 'a variable name is never split');
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // Width 8 would put "，" first on the second line; it stays with the character before it.
    assert.deepEqual(wrapToWidth('一二三四，五六', 8), ['一二三', '四，五六']);
    assert.deepEqual(wrapToWidth('一二三（四五）', 8), ['一二三', '（四五）']);
    assert.deepEqual(wrapToWidth('一二三（四五）', 6), ['一二三', '（四', '五）']);
  });

  it('cuts a word wider than a cell when asked (table cells)', () => {
    assert.deepEqual(wrapToWidth('(ANTHROPIC_API_KEY)', 10, { cutLongWords: true }), ['(ANTHROPIC', '_API_KEY)']);
    assert.deepEqual(wrapToWidth('127.0.0.1 (本机回环)', 14, { cutLongWords: true }), ['127.0.0.1 (本', '机回环)']);
  });
});

// The webviews' own words: the English and Simplified Chinese tables of the
// history panel and the diagnostics report have the same entries (down to
// every nested key and list length), a function entry writes every value it
// is given in both languages, the Chinese keeps what developers type or
// search for (HTTP codes, header and setting names, product names) as it is,
// and nothing was left in English by mistake.
import assert from 'node:assert/strict';
import { HISTORY_EN } from '../../../src/webview/history/strings-en';
import { HISTORY_ZH_CN } from '../../../src/webview/history/strings-zh-cn';
import { dateLocale, pageLocale, wordFor } from '../../../src/webview/page-locale';
import { REPORT_EN } from '../../../src/webview/report/strings-en';
import { REPORT_ZH_CN } from '../../../src/webview/report/strings-zh-cn';

type Table = object;

const CJK = /[\u4e00-\u9fff]/;

/** Every path to a leaf ("kinds.overloaded", "errorColumns.3") with its value. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) for (const [leaf, v] of leaves(item, path ? `${path}.${key}` : key)) found.set(leaf, v);
  } else found.set(path, value);
  return found;
}

/** Calls of each function entry, with values distinctive enough to find in the text. */
const HISTORY_CALLS: Record<string, { args: unknown[]; expect: string[] }> = {
  rangeLabel: { args: [6], expect: ['6'] },
  heatCell: { args: ['2026-01-02', 7, 37, 4242], expect: ['2026-01-02', '07:00', '37', '4242'] },
  band: { args: ['incident', 'Elevated errors on Claude Opus', 'IMPACT-X', true], expect: ['Elevated errors on Claude Opus', 'IMPACT-X'] },
  totals: { args: [17280], expect: ['17280'] },
  retention: { args: [168], expect: ['168', 'claudeHealth.history.retentionHours'] },
  chartDateTemplate: { args: ['{h}:{mm}{aa}\n{M}/{D}'], expect: ['{mm}', '{M}', '{D}'] },
};

const REPORT_CALLS: Record<string, { args: unknown[]; expect: string[] }> = {
  started: { args: ['2026/1/2 12:00:00', 2345, true], expect: ['2026/1/2 12:00:00', '2.3 s'] },
  blockedBy: { args: ['tcp'], expect: ['tcp'] },
};

/** Words the Chinese keeps exactly as the English has them, wherever the English has them. */
const KEPT_AS_IS = ['529', '429', '5xx', '4xx', 'claudeHealth.history.retentionHours', 'Claude Code', 'Claude API', 'Claude Health', 'CSV', 'JSON', 'Markdown', 'DNS', 'TCP', 'TLS', 'HTTP', 'Base URL', 'Fake-IP', 'p50', 'p95', 'request-id', 'anthropic-ratelimit-*', '(ms)'];

/** Leaves left untranslated on purpose: names, codes and header names. */
const UNTRANSLATED = new Set([
  'sources.claude-code', 'kinds.server_error', 'errorColumns.4', 'errorColumns.5',
  'fields.baseUrl', 'fields.dns', 'fields.tcp', 'fields.tls', 'fields.http', 'fields.fakeIp', 'fields.p50', 'fields.p95', 'fields.requestId', 'fields.rateLimits',
]);

function checkPair(name: string, english: Table, chinese: Table, calls: Record<string, { args: unknown[]; expect: string[] }>): void {
  describe(`the ${name} strings`, () => {
    const en = leaves(english);
    const zh = leaves(chinese);

    it('has the same entries in English and Chinese, each of the same kind', () => {
      assert.deepEqual([...zh.keys()].sort(), [...en.keys()].sort());
      for (const [path, value] of en) assert.equal(typeof zh.get(path), typeof value, path);
      for (const [path, value] of en) if (typeof value === 'function') assert.equal((zh.get(path) as (...a: unknown[]) => string).length, (value as (...a: unknown[]) => string).length, `${path} takes another number of arguments`);
    });

    it('writes every value a function entry is given, in both languages', () => {
      const functions = [...en].filter(([, value]) => typeof value === 'function').map(([path]) => path);
      assert.deepEqual(functions.sort(), Object.keys(calls).sort(), 'a function entry this test does not call');
      for (const [path, { args, expect }] of Object.entries(calls)) {
        for (const [language, table] of [['en', en], ['zh-CN', zh]] as const) {
          const text = (table.get(path) as (...a: unknown[]) => string)(...args);
          for (const value of expect) assert.ok(text.includes(value), `${language} ${path}(${args.join(', ')}) = ${JSON.stringify(text)} lacks ${value}`);
        }
      }
    });

    it('keeps codes, header, setting and product names untranslated', () => {
      for (const [path, value] of en) {
        if (typeof value !== 'string') continue;
        for (const word of KEPT_AS_IS) if (value.includes(word)) assert.ok(String(zh.get(path)).includes(word), `zh-CN ${path} = ${JSON.stringify(zh.get(path))} lost ${word}`);
      }
    });

    it('leaves nothing in English by mistake', () => {
      const untranslated = [...en].filter(([path, value]) => typeof value === 'string' && zh.get(path) === value && !UNTRANSLATED.has(path) && /[A-Za-z]{2}/.test(value)).map(([path]) => path);
      assert.deepEqual(untranslated, [], 'entries the Chinese table copies from the English');
      for (const [path, value] of zh) if (typeof value === 'string' && !UNTRANSLATED.has(path) && /[A-Za-z]{3}/.test(value) && !CJK.test(value)) assert.fail(`zh-CN ${path} = ${JSON.stringify(value)} has no Chinese`);
    });
  });
}

checkPair('history panel', HISTORY_EN, HISTORY_ZH_CN, HISTORY_CALLS);
checkPair('diagnostics report', REPORT_EN, REPORT_ZH_CN, REPORT_CALLS);

describe('the webviews in Chinese: the words a reader meets', () => {
  it('use the terms Chinese developers use', () => {
    assert.equal(HISTORY_ZH_CN.kinds.rate_limited, '429 限流');
    assert.equal(HISTORY_ZH_CN.kinds.overloaded, '529 过载');
    assert.equal(HISTORY_ZH_CN.health, '健康状况与状态页');
    assert.equal(REPORT_ZH_CN.fields.proxy, '代理');
    assert.equal(REPORT_ZH_CN.fields.issuer, '证书颁发者');
    assert.deepEqual(HISTORY_ZH_CN.errorColumns.slice(4), ['request-id', 'retry-after'], 'header names as the server sends them');
    // The report's own words are the ones the CLI's Chinese report uses.
    assert.deepEqual(REPORT_ZH_CN.status, { pass: '通过', warn: '警告', fail: '失败', skip: '跳过' });
    assert.equal(REPORT_ZH_CN.title, 'Claude Health：连接诊断');
  });

  it('write the charts\' time axis in 24 hours and Chinese dates; English keeps uPlot\'s own', () => {
    const hourTicks = '{h}{aa}\n{M}/{D}/{YY}';
    assert.equal(HISTORY_ZH_CN.chartDateTemplate(hourTicks), '{HH}:00\n{YYYY}年{M}月{D}日');
    assert.equal(HISTORY_ZH_CN.chartDateTemplate('{YYYY}-{MM}-{DD} {h}:{mm}{aa}'), '{YYYY}-{MM}-{DD} {HH}:{mm}');
    assert.equal(HISTORY_ZH_CN.chartDateTemplate('{M}/{D}\n{YYYY}'), '{M}月{D}日\n{YYYY}');
    assert.equal(HISTORY_EN.chartDateTemplate(hourTicks), hourTicks);
    assert.equal(HISTORY_ZH_CN.chartDateNames.MMM[0], '1月');
    assert.equal(HISTORY_ZH_CN.chartDateNames.WWW.length, 7);
  });

  it('reads the page\'s language from <html lang>, and dates follow it', () => {
    assert.equal(pageLocale({ lang: 'zh-CN' }), 'zh-cn');
    assert.equal(pageLocale({ lang: 'en' }), 'en');
    assert.equal(pageLocale({ lang: '' }), 'en', 'no language: English');
    assert.equal(dateLocale('zh-cn', ['en-GB']), 'zh-CN');
    assert.equal(dateLocale('en', ['de-DE', 'en-GB', 'en-US']), 'en-GB', 'the browser\'s own English');
    assert.equal(dateLocale('en', ['zh-CN']), 'en');
    assert.equal(dateLocale('en', []), 'en');
  });

  it('shows a value it has no word for as it is, never a property of Object', () => {
    assert.equal(wordFor(HISTORY_ZH_CN.states, 'degraded'), '降级');
    assert.equal(wordFor(HISTORY_ZH_CN.states, 'something-new'), 'something-new');
    assert.equal(wordFor(HISTORY_ZH_CN.states, 'constructor'), 'constructor');
    assert.equal(wordFor(HISTORY_ZH_CN.states, '__proto__'), '__proto__');
  });
});

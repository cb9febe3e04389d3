// The core's one catalogue: every t`...` message written in src/core and
// src/cli has its Simplified Chinese translation, with the same placeholders,
// and the catalogue holds nothing that no source uses any more. To fix a
// failure, add the message (the English text with {0} for each value) to the
// area's file under src/core/l10n/zh-cn/.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isKnownLocaleTag, localeFromEnv, resolveLocale, translatorFor } from '../../../src/core/l10n';
import { catalogueOf, fillPlaceholders, templateKey } from '../../../src/core/l10n/translate';
import { catalogueMessages } from '../../support/core-messages';
import { placeholders } from '../../support/message-shape';

const root = path.resolve(__dirname, '../../..');
const used = catalogueMessages(root, ['src/core', 'src/cli']);

describe('the core message catalogue', () => {
  it('finds the messages in the sources', () => {
    assert.ok(used.size > 80, `only ${used.size} messages found: is the scanner still seeing t\`...\`?`);
  });

  it('has a zh-CN translation for every message, with the same placeholders', () => {
    const zh = catalogueOf('zh-cn');
    const missing = [...used].filter(([key]) => typeof zh[key] !== 'string' || zh[key].trim() === '').map(([key, where]) => `${where}: ${JSON.stringify(key)}`);
    assert.deepEqual(missing, [], `messages without a zh-CN entry (add them to src/core/l10n/zh-cn/):\n${missing.join('\n')}`);
    const mismatched = [...used].filter(([key]) => zh[key] !== undefined && placeholders(key).join() !== placeholders(zh[key]).join()).map(([key, where]) => `${where}: ${JSON.stringify(key)} → ${JSON.stringify(zh[key])}`);
    assert.deepEqual(mismatched, [], 'zh-CN entries whose {n} placeholders differ from the English');
  });

  it('holds no zh-CN entry that no source uses', () => {
    const unused = Object.keys(catalogueOf('zh-cn')).filter((key) => !used.has(key));
    assert.deepEqual(unused, [], 'zh-CN entries no t`...` uses any more (remove them, or fix the English they translate)');
  });

  it('translates each message in one area file only (a second entry would silently win over the first)', () => {
    const dir = path.join(root, 'src/core/l10n/zh-cn');
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'index.ts')) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tables = require(path.join(dir, file)) as Record<string, Readonly<Record<string, string>>>;
      for (const key of Object.values(tables).flatMap((table) => Object.keys(table))) {
        if (owner.has(key)) twice.push(`${JSON.stringify(key)} in ${owner.get(key)} and ${file}`);
        owner.set(key, file);
      }
    }
    assert.deepEqual(twice, []);
    assert.equal(owner.size, Object.keys(catalogueOf('zh-cn')).length, 'every area file is registered in zh-cn/index.ts');
  });

  it('English is the template itself; zh-CN fills the same values in its own order', () => {
    const en = translatorFor('en');
    const where = 'api.example.test port 443';
    assert.equal(en`connection refused by ${where}`, 'connection refused by api.example.test port 443');
    assert.equal(templateKey(['a ', ' b ', '']), 'a {0} b {1}');
    assert.equal(fillPlaceholders('{1} then {0}, {2} stays', ['x', 'y']), 'y then x, {2} stays');
    assert.equal(fillPlaceholders('{0}', ['{1}', 'no']), '{1}', 'a value is never scanned for placeholders');
    const zh = translatorFor('zh-cn');
    assert.equal(zh`the last ${5} probes succeeded (median ${120} ms)`, '最近 5 次探测均成功（中位数 120 ms）');
    assert.equal(zh`a message nobody translated ${1}`, 'a message nobody translated 1', 'unknown text falls back to English');
  });

  it('resolves VS Code language ids and POSIX locales', () => {
    for (const tag of ['zh-cn', 'zh-CN', 'zh_CN.UTF-8', 'zh_CN.GB18030', 'zh-Hans', 'zh-Hans-CN', 'zh', 'zh_SG']) assert.equal(resolveLocale(tag), 'zh-cn', tag);
    for (const tag of ['en', 'en-US', 'en_GB.UTF-8', 'C', 'POSIX', 'C.UTF-8', '', undefined, 'zh-TW', 'zh_HK.UTF-8', 'zh-Hant', 'fr', 'de-DE']) assert.equal(resolveLocale(tag), 'en', String(tag));
    assert.equal(localeFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.equal(localeFromEnv({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }), 'en', 'LC_ALL wins');
    assert.equal(localeFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-cn', 'LC_MESSAGES before LANG');
    assert.equal(localeFromEnv({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN' }), 'zh-cn', 'empty means unset');
    assert.equal(localeFromEnv({}), 'en');
    assert.ok(isKnownLocaleTag('zh-CN') && isKnownLocaleTag('en') && isKnownLocaleTag('zh_CN.UTF-8'));
    assert.ok(!isKnownLocaleTag('fr') && !isKnownLocaleTag('zh-TW') && !isKnownLocaleTag('x;rm'));
  });
});

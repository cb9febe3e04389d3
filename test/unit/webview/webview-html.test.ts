// The page every panel loads (src/vscode/panels/page-html.ts, which
// webview-html.ts fills from VS Code): VS Code's display language reaches it
// as <html lang>, normalised the way the core's catalogue reads it, and the
// Content-Security-Policy is the strict one it always was: nothing remote,
// styles from the extension, one script with a fresh nonce, no inline code.
import assert from 'node:assert/strict';
import { contentSecurityPolicy, pageLanguage, webviewPageHtml, type WebviewPage } from '../../../src/vscode/panels/page-html';
import { pageLocale } from '../../../src/webview/page-locale';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'bm9uY2Utb2YtdGhpcy1wYWdl';

function page(overrides: Partial<WebviewPage> = {}): WebviewPage {
  return {
    title: 'Claude API History',
    language: 'en',
    nonce: NONCE,
    cspSource: CSP_SOURCE,
    scriptUri: `${CSP_SOURCE}/ext/dist/webview/history.js`,
    styleUri: `${CSP_SOURCE}/ext/dist/webview/history.css`,
    data: { range: '24', source: 'all' },
    ...overrides,
  };
}

function htmlLang(html: string): string | undefined {
  return /<html lang="([^"]*)">/.exec(html)?.[1];
}

describe('the webview page the panels load', () => {
  it('carries VS Code\'s display language as <html lang>, in the tags our tables have', () => {
    for (const language of ['zh-cn', 'zh-CN', 'zh-Hans', 'zh-hans-cn', 'zh']) assert.equal(htmlLang(webviewPageHtml(page({ language }))), 'zh-CN', language);
    // Traditional Chinese and the languages we have no table for read English, and say so.
    for (const language of ['en', 'en-gb', 'zh-tw', 'zh-hk', 'de', 'ja', 'fr', '']) assert.equal(htmlLang(webviewPageHtml(page({ language }))), 'en', language);
  });

  it('names a language the page reads back as the same locale the host\'s catalogue uses', () => {
    for (const language of ['zh-cn', 'en', 'zh-tw', 'de']) {
      const tag = pageLanguage(language);
      assert.equal(pageLocale({ lang: tag }), tag === 'zh-CN' ? 'zh-cn' : 'en', language);
    }
  });

  it('cannot be broken out of by the language it is given', () => {
    const html = webviewPageHtml(page({ language: 'zh-cn"><script>alert(1)</script>' }));
    assert.equal(htmlLang(html), 'zh-CN');
    assert.ok(!html.includes('alert(1)'));
  });

  it('keeps the strict Content-Security-Policy, whatever the language', () => {
    const expected = `default-src 'none'; style-src ${CSP_SOURCE}; img-src ${CSP_SOURCE} data:; font-src ${CSP_SOURCE}; script-src 'nonce-${NONCE}'`;
    assert.equal(contentSecurityPolicy(CSP_SOURCE, NONCE), expected);
    for (const language of ['en', 'zh-cn']) {
      const html = webviewPageHtml(page({ language }));
      const policies = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);
      assert.deepEqual(policies, [expected], `${language}: one policy, the strict one`);
      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 1, 'one script');
      assert.match(scripts[0]![0], new RegExp(`^<script nonce="${NONCE}" src="${CSP_SOURCE.replace(/[.+]/g, '\\$&')}/ext/dist/webview/history\\.js">`));
      assert.equal(scripts[0]![1], '', 'no inline code');
      assert.ok(!/\sstyle=|<style/i.test(html), 'no inline style');
      assert.ok(!/\son[a-z]+=/i.test(html), 'no inline handler');
    }
  });

  it('escapes the title and the panel\'s starting choices', () => {
    const html = webviewPageHtml(page({ title: 'A <b>"quoted"</b> & title', data: { source: '"><img src=x onerror=alert(1)>' } }));
    assert.ok(html.includes('<title>A &#60;b&#62;&#34;quoted&#34;&#60;/b&#62; &#38; title</title>'));
    assert.ok(html.includes('<body data-source="&#34;&#62;&#60;img src=x onerror=alert(1)&#62;">'));
    assert.ok(!html.includes('<img'));
  });
});

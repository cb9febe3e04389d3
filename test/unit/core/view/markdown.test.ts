// escapeMarkdown serves the tooltip and the diagnostics report: every
// construct either of them had to neutralise, and the text both keep readable.
import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../../src/core/view/markdown';

describe('escapeMarkdown', () => {
  const neutralised: [construct: string, input: string, escaped: string][] = [
    ['emphasis with asterisks', '*bold* **strong**', '\\*bold\\* \\*\\*strong\\*\\*'],
    ['emphasis with underscores at a word edge', '_em_ __strong__ a_ _b', '\\_em\\_ \\_\\_strong\\_\\_ a\\_ \\_b'],
    ['inline code', '`code`', '\\`code\\`'],
    ['a link', '[x](https://evil.test)', '\\[x\\](https\\://evil.test)'],
    ['a command link', '[x](command:workbench.action.quit) or command:evil', '\\[x\\](command\\:workbench.action.quit) or command\\:evil'],
    ['an image', '![x](https://evil.test/p.png)', '!\\[x\\](https\\://evil.test/p.png)'],
    ['a reference link', '[x]: https://evil.test', '\\[x\\]: https\\://evil.test'],
    ['a theme icon', '$(alert) down', '\\$(alert) down'],
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['an autolink in angle brackets', '<https://evil.test>', '&lt;https\\://evil.test&gt;'],
    ['an entity', '&lt; &amp; &#60; AT&T', '&amp;lt; &amp;amp; &amp;#60; AT&amp;T'],
    ['a bare URL', 'see https://evil.test/x', 'see https\\://evil.test/x'],
    ['a www. link', 'visit www.evil.test or WWW.evil.test', 'visit www\\.evil.test or WWW\\.evil.test'],
    ['an e-mail address', 'mail bob@evil.test', 'mail bob\\@evil.test'],
    ['a table cell separator', 'a | b', 'a \\| b'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['a backslash that would escape what follows', '\\*', '\\\\\\*'],
    ['a blockquote', '> quoted', '&gt; quoted'],
    ['a heading', '# heading', '\\# heading'],
    ['a bullet with -', '- item', '\\- item'],
    ['a bullet with +', '+ item', '\\+ item'],
    ['a thematic break', '---', '\\---'],
    ['an ordered list with .', '1. first', '1\\. first'],
    ['an ordered list with )', '12) twelfth', '12\\) twelfth'],
    ['line breaks (a new paragraph, table row or list item)', 'one\n\n# two\r\nthree', 'one # two three'],
    ['tabs and other control characters', 'a\tb\u0000c\u007fd', 'a b c d'],
  ];
  for (const [construct, input, escaped] of neutralised) {
    it(`neutralises ${construct}`, () => assert.equal(escapeMarkdown(input), escaped));
  }

  it('leaves text that Markdown would not act on as it is', () => {
    for (const text of [
      'key accepted, request-id req_011CabcDEF',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'Set NODE_EXTRA_CA_CERTS.',
      'api.anthropic.com (TLSv1.3) took 3.5 s: 2 of 3 - fine',
      '@anthropic-ai/sdk 0.40.0 # pinned',
      'Claude API (api.anthropic.com): operational',
      'the command: claude-health diagnose',
    ]) {
      assert.equal(escapeMarkdown(text), text);
    }
  });
});

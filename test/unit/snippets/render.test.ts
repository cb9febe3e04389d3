import assert from 'node:assert/strict';
import { renderCode, renderSnippetBody } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, type SnippetTemplate } from '../../../src/core/snippets/types';

const template: SnippetTemplate = {
  language: 'typescript',
  variant: 'basic',
  description: 'test',
  source: 'const attempts = {{maxAttempts}}; // ${not a tab stop} \\ }\nconst again = {{maxAttempts}};\nconst model = "{{fallbackModel}}";\n',
};

describe('snippet rendering', () => {
  it('fills every placeholder with its policy value for ready-to-run code', () => {
    assert.equal(
      renderCode(template, { ...DEFAULT_SNIPPET_POLICY, maxAttempts: 7 }),
      'const attempts = 7; // ${not a tab stop} \\ }\nconst again = 7;\nconst model = "claude-haiku-4-5";\n',
    );
  });

  it('makes numbered tab stops, repeats reuse the number, and escapes snippet syntax elsewhere', () => {
    assert.equal(
      renderSnippetBody(template, DEFAULT_SNIPPET_POLICY),
      'const attempts = ${1:10}; // \\${not a tab stop\\} \\\\ \\}\nconst again = ${1};\nconst model = "${2:claude-haiku-4-5}";\n',
    );
  });

  it('refuses a placeholder that is not a policy value', () => {
    assert.throws(() => renderCode({ ...template, source: '{{colour}}' }, DEFAULT_SNIPPET_POLICY), /\{\{colour\}\} is not a policy value/);
  });
});

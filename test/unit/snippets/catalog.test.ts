import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/catalog.generated';
import { policyFromSettings } from '../../../src/core/snippets/catalog';
import { contributedSnippetFiles, snippetPrefix } from '../../../src/core/snippets/contributed';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_LANGUAGES, SNIPPET_VARIANTS } from '../../../src/core/snippets/types';

const root = path.resolve(__dirname, '../../..');

describe('snippet catalog', () => {
  it('is generated from the template files and up to date (one source of truth)', () => {
    const check = spawnSync(process.execPath, ['scripts/generate-snippets.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('has every language in every variant', () => {
    for (const language of SNIPPET_LANGUAGES) {
      for (const variant of SNIPPET_VARIANTS) {
        assert.ok(SNIPPET_TEMPLATES.some((t) => t.language === language && t.variant === variant), `${language} ${variant}`);
      }
    }
  });

  it('renders every template without leftover placeholders', () => {
    for (const template of SNIPPET_TEMPLATES) {
      const code = renderCode(template, DEFAULT_SNIPPET_POLICY);
      assert.doesNotMatch(code, /\{\{\w+\}\}/, `${template.language} ${template.variant}`);
    }
  });

  it('contributes each template to the VS Code languages it serves, under a stable prefix', () => {
    const files = contributedSnippetFiles(SNIPPET_TEMPLATES);
    const python = Object.values(files.python!).map((entry) => entry.prefix[0]);
    assert.ok(python.includes('claude-retry') && python.includes('claude-retry-async') && python.includes('claude-retry-circuit-breaker'));
    assert.equal(Object.keys(files.typescriptreact!).length, Object.keys(files.typescript!).length);
    for (const template of SNIPPET_TEMPLATES) assert.match(snippetPrefix(template), /^claude-retry(-async)?(-[a-z-]+)?$/);
  });
});

describe('snippet policy from settings', () => {
  it('uses the defaults when nothing is set', () => {
    assert.deepEqual(policyFromSettings(() => undefined), { policy: DEFAULT_SNIPPET_POLICY, problems: [] });
  });

  it('clamps, falls back, and says what it corrected', () => {
    const values: Record<string, unknown> = { maxAttempts: 0, deadlineSeconds: 'soon', baseDelayMs: 2000, maxDelayMs: 1000, fallbackModel: 'x"; rm -rf /' };
    const { policy, problems } = policyFromSettings((key) => values[key]);
    assert.equal(policy.maxAttempts, 1);
    assert.equal(policy.deadlineSeconds, DEFAULT_SNIPPET_POLICY.deadlineSeconds);
    assert.equal(policy.maxDelayMs, 2000);
    assert.equal(policy.fallbackModel, DEFAULT_SNIPPET_POLICY.fallbackModel, 'a model name lands in a string literal: no quotes allowed');
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /claudeHealth\.snippets\.maxAttempts must be between 1 and 100; using 1\./);
  });
});

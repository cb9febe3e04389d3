import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { policyFromSettings, snippetLanguagesFor, VSCODE_LANGUAGE_IDS, vscodeLanguageIdFor } from '../../../src/core/snippets/catalog';
import { contributedSnippetFiles, snippetPrefix } from '../../../src/core/snippets/contributed';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, LANGUAGE_TABLE, SNIPPET_LANGUAGES, SNIPPET_VARIANTS } from '../../../src/core/snippets/types';

const root = path.resolve(__dirname, '../../..');
const templatesDir = path.join(root, 'src', 'core', 'snippets', 'templates');

describe('snippet catalog', () => {
  it('ships, in the bundle the build makes with the text loader, exactly the template files (one source of truth)', async function () {
    this.timeout(60_000); // one small esbuild run; generous for a busy machine
    const { snippetCatalogBuild } = (await import(pathToFileURL(path.join(root, 'esbuild.js')).href)) as { snippetCatalogBuild: BuildOptions };
    const outDir = mkdtempSync(path.join(tmpdir(), 'claude-health-catalog-'));
    try {
      const outfile = path.join(outDir, 'snippet-catalog.js');
      await build({ ...snippetCatalogBuild, outfile, logLevel: 'silent' });
      const bundled = ((await import(pathToFileURL(outfile).href)) as { SNIPPET_TEMPLATES: unknown }).SNIPPET_TEMPLATES;
      assert.deepEqual(bundled, SNIPPET_TEMPLATES);
      for (const template of SNIPPET_TEMPLATES) {
        const file = path.join(templatesDir, template.language, `${template.variant}.${LANGUAGE_TABLE[template.language].fileExtension}.tmpl`);
        assert.equal(template.source, readFileSync(file, 'utf8'), `${template.language} ${template.variant}`);
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('has a template file for each language and variant of the table, and no other', () => {
    const expected = SNIPPET_LANGUAGES.flatMap((language) => SNIPPET_VARIANTS.map((variant) => `${language}/${variant}.${LANGUAGE_TABLE[language].fileExtension}.tmpl`));
    const onDisk = readdirSync(templatesDir).flatMap((language) => readdirSync(path.join(templatesDir, language)).map((name) => `${language}/${name}`));
    assert.deepEqual(onDisk.sort(), [...expected].sort());
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

  it('writes one snippet file per VS Code language the table serves, each named in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.deepEqual(Object.keys(contributedSnippetFiles(SNIPPET_TEMPLATES)), VSCODE_LANGUAGE_IDS);
    assert.deepEqual(
      pkg.contributes.snippets.map((entry) => [entry.language, entry.path]),
      VSCODE_LANGUAGE_IDS.map((id) => [id, `./dist/snippets/${id}.code-snippets`]),
    );
  });

  it('maps VS Code languages to wrapper languages and back', () => {
    assert.deepEqual(snippetLanguagesFor('python'), ['python', 'python-async']);
    assert.deepEqual(snippetLanguagesFor('typescriptreact'), ['typescript']);
    assert.deepEqual(snippetLanguagesFor('javascriptreact'), ['javascript']);
    assert.equal(snippetLanguagesFor('rust'), undefined);
    assert.equal(snippetLanguagesFor('constructor'), undefined, 'no inherited Object property reads as a language');
    for (const language of SNIPPET_LANGUAGES) assert.ok(snippetLanguagesFor(vscodeLanguageIdFor(language))?.includes(language), language);
    assert.equal(vscodeLanguageIdFor('python-async'), 'python');
    assert.equal(vscodeLanguageIdFor('typescript'), 'typescript');
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

// `claude-health snippet` and the usage text, both read from the snippet and scenario tables.
import assert from 'node:assert/strict';
import { commandHelp } from '../../../src/cli/commands';
import { main } from '../../../src/cli/main';
import { SNIPPET_SPECS } from '../../../src/core/settings/snippets';
import { captureIo } from '../../support/capture-io';
import { type CliIo, UsageError } from '../../../src/cli/io';
import { runSnippetCommand, snippetPolicy } from '../../../src/cli/snippet-command';
import { renderCode } from '../../../src/core/snippets/render';
import { RECIPE_TEMPLATES, SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { RECIPE_NAMES, RECIPE_TABLE, wrapperCommand } from '../../../src/core/snippets/recipe-table';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_LANGUAGES, SNIPPET_VARIANTS } from '../../../src/core/snippets/types';
import { BUILT_IN_SCENARIO_NAMES } from '../../../src/sim/scenarios';

function capture(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  return { io: { stdout: (text) => out.push(text), stderr: () => undefined, env: {} }, out };
}

describe('claude-health snippet', () => {
  it('prints each template rendered with the default policy', async () => {
    for (const template of SNIPPET_TEMPLATES) {
      const { io, out } = capture();
      assert.equal(await runSnippetCommand({ lang: template.language, variant: template.variant }, io), 0);
      assert.deepEqual(out, [renderCode(template, DEFAULT_SNIPPET_POLICY)], `${template.language} ${template.variant}`);
    }
  });

  it('defaults to the basic variant', async () => {
    const { io, out } = capture();
    await runSnippetCommand({ lang: 'go' }, io);
    const basic = SNIPPET_TEMPLATES.find((t) => t.language === 'go' && t.variant === 'basic')!;
    assert.deepEqual(out, [renderCode(basic, DEFAULT_SNIPPET_POLICY)]);
  });

  it('names the choices when the language or variant is missing or unknown', async () => {
    const { io } = capture();
    const languages = SNIPPET_LANGUAGES.join(', ');
    await assert.rejects(runSnippetCommand({}, io), (error) => error instanceof UsageError && error.message === `--lang is required: one of ${languages}`);
    await assert.rejects(runSnippetCommand({ lang: 'rust' }, io), (error) => error instanceof UsageError && error.message === `unknown --lang "rust"; one of ${languages}`);
    await assert.rejects(
      runSnippetCommand({ lang: 'go', variant: 'turbo' }, io),
      (error) => error instanceof UsageError && error.message === `unknown --variant "turbo"; one of ${SNIPPET_VARIANTS.join(', ')}`,
    );
  });

  it('lists every wrapper language and variant, and every built-in scenario, in the help', () => {
    const snippet = commandHelp('snippet').replace(/\s+/g, ' ');
    const sim = commandHelp('sim').replace(/\s+/g, ' ');
    assert.ok(snippet.includes(`--lang LANG Required: ${SNIPPET_LANGUAGES.join(', ')}.`), snippet);
    assert.ok(snippet.includes(`--variant VARIANT ${SNIPPET_VARIANTS.join(', ')} (default basic).`), snippet);
    assert.ok(sim.includes(`Built-in: ${BUILT_IN_SCENARIO_NAMES.join(', ')}.`), sim);
    assert.ok(BUILT_IN_SCENARIO_NAMES.includes('storm') && BUILT_IN_SCENARIO_NAMES.includes('rate-limited'));
    assert.match(snippet, /Required: python, python-async, typescript, javascript, go, java\. --variant VARIANT basic, circuit-breaker, fallback, streaming, concurrency \(default basic\)/);
  });

  describe('policy flags', () => {
    const python = () => SNIPPET_TEMPLATES.find((t) => t.language === 'python' && t.variant === 'fallback')!;

    it('renders the policy given by the flags into the wrapper', async () => {
      const io = captureIo({});
      const argv = ['snippet', '--lang', 'python', '--variant', 'fallback', '--max-attempts', '7', '--deadline-seconds', '45', '--base-delay-ms', '250', '--max-delay-ms', '4000', '--fallback-model', 'claude-sonnet-4-5'];
      assert.equal(await main(argv, io), 0, io.err);
      const policy = { ...DEFAULT_SNIPPET_POLICY, maxAttempts: 7, deadlineSeconds: 45, baseDelayMs: 250, maxDelayMs: 4000, fallbackModel: 'claude-sonnet-4-5' };
      assert.equal(io.out, renderCode(python(), policy));
      assert.notEqual(io.out, renderCode(python(), DEFAULT_SNIPPET_POLICY));
      assert.ok(io.out.includes('claude-sonnet-4-5'));
      assert.deepEqual(snippetPolicy({ 'max-attempts': '7' }), { ...DEFAULT_SNIPPET_POLICY, maxAttempts: 7 });
    });

    it('takes the bounds of the settings and nothing outside them', () => {
      for (const [flag, field] of [['max-attempts', 'maxAttempts'], ['deadline-seconds', 'deadlineSeconds'], ['base-delay-ms', 'baseDelayMs'], ['max-delay-ms', 'maxDelayMs']] as const) {
        const { min, max } = SNIPPET_SPECS[field];
        const extra = field === 'baseDelayMs' ? { 'max-delay-ms': String(max) } : field === 'maxDelayMs' ? { 'base-delay-ms': String(min) } : {};
        assert.equal(snippetPolicy({ [flag]: String(min), ...extra })[field], min);
        assert.equal(snippetPolicy({ [flag]: String(max), ...extra })[field], max);
        for (const bad of [String(min - 1), String(max + 1), '2.5', 'ten']) {
          assert.throws(
            () => snippetPolicy({ [flag]: bad, ...extra }),
            (error: unknown) => error instanceof UsageError && error.message.startsWith(`--${flag} must be a whole number`) && error.message.includes(`from ${min} to ${max}, not "${bad}"`),
            `${flag} ${bad}`,
          );
        }
      }
    });

    it('refuses a longest delay below the first, and a fallback model that is not a model id, naming the flags', async () => {
      assert.throws(() => snippetPolicy({ 'base-delay-ms': '5000', 'max-delay-ms': '100' }), /^UsageError: --max-delay-ms 100 is below --base-delay-ms 5000/);
      assert.throws(() => snippetPolicy({ 'base-delay-ms': '9000' }), /^UsageError: the default --max-delay-ms 8000 is below --base-delay-ms 9000/);
      for (const bad of ['claude"; rm -rf /', 'two words', '']) {
        assert.throws(() => snippetPolicy({ 'fallback-model': bad }), (error: unknown) => error instanceof UsageError && error.message.startsWith('--fallback-model must be a model id such as claude-haiku-4-5'));
      }
      const io = captureIo({});
      assert.equal(await main(['snippet', '--lang', 'go', '--max-attempts', '0'], io), 2);
      assert.equal(io.err, 'claude-health snippet: --max-attempts must be a whole number of attempts from 1 to 100, not "0"\n');
      assert.equal(io.out, '');
    });

    it('renders the concurrency limits given by the flags into each language, and refuses a ceiling below the start', async () => {
      for (const lang of SNIPPET_LANGUAGES) {
        const io = captureIo({});
        assert.equal(await main(['snippet', '--lang', lang, '--variant', 'concurrency', '--initial-limit', '3', '--max-limit', '17'], io), 0, io.err);
        assert.match(io.out, /\b3\b/);
        assert.match(io.out, /\b17\b/);
        assert.match(io.out, /ConcurrencyLimiter/);
      }
      assert.throws(() => snippetPolicy({ 'initial-limit': '8', 'max-limit': '4' }), /^UsageError: --max-limit 4 is below --initial-limit 8/);
      assert.throws(() => snippetPolicy({ 'initial-limit': '0' }), /--initial-limit must be a whole number of requests from 1 to 1000, not "0"/);
    });
  });
});

describe('claude-health snippet --recipe', () => {
  it('prints each recipe exactly as its template file holds it, with or without its own --lang', async () => {
    for (const recipe of RECIPE_TEMPLATES) {
      for (const flags of [{ recipe: recipe.name }, { recipe: recipe.name, lang: recipe.language }]) {
        const { io, out } = capture();
        assert.equal(await runSnippetCommand(flags, io), 0);
        assert.deepEqual(out, [recipe.source], recipe.name);
      }
    }
  });

  it('tells in each recipe which wrapper it imports and the command that prints it', () => {
    for (const recipe of RECIPE_TEMPLATES) assert.ok(recipe.source.includes(wrapperCommand(recipe.name)), `${recipe.name} does not name ${wrapperCommand(recipe.name)}`);
  });

  it('refuses an unknown recipe, another language, and wrapper flags, naming the way out', async () => {
    const { io } = capture();
    await assert.rejects(runSnippetCommand({ recipe: 'django' }, io), (error) => error instanceof UsageError && error.message === `unknown --recipe "django"; one of ${RECIPE_NAMES.join(', ')}`);
    await assert.rejects(runSnippetCommand({ recipe: 'fastapi', lang: 'go' }, io), (error) => error instanceof UsageError && /fastapi is python-async code/.test(error.message));
    await assert.rejects(
      runSnippetCommand({ recipe: 'go-http', 'max-attempts': '3' }, io),
      (error) => error instanceof UsageError && error.message.includes('--max-attempts shapes a wrapper') && error.message.includes('--lang go --variant basic'),
    );
  });

  it('lists every recipe with its language in the help, and prints one through main', async () => {
    const help = commandHelp('snippet').replace(/\s+/g, ' ');
    assert.ok(help.includes(`--recipe NAME Print a recipe instead of a wrapper (no --lang needed): ${RECIPE_NAMES.map((n) => `${n} (${RECIPE_TABLE[n].language})`).join(', ')}.`), help);
    const io = captureIo({});
    assert.equal(await main(['snippet', '--recipe', 'express'], io), 0);
    assert.ok(io.out.includes('export async function chatHandler('));
  });
});

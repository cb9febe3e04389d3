// `claude-health snippet` and the usage text, both read from the snippet and scenario tables.
import assert from 'node:assert/strict';
import { USAGE } from '../../../src/cli/commands';
import { type CliIo, UsageError } from '../../../src/cli/io';
import { runSnippetCommand } from '../../../src/cli/snippet-command';
import { renderCode } from '../../../src/core/snippets/render';
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
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

  it('lists every wrapper language and variant, and every built-in scenario, in the usage text', () => {
    assert.ok(USAGE.includes(`snippet --lang ${SNIPPET_LANGUAGES.join('|')} [--variant ${SNIPPET_VARIANTS.join('|')}]`), USAGE);
    assert.ok(USAGE.includes(`Built-in simulator scenarios: ${BUILT_IN_SCENARIO_NAMES.join(', ')}.`), USAGE);
    assert.ok(BUILT_IN_SCENARIO_NAMES.includes('storm') && BUILT_IN_SCENARIO_NAMES.includes('rate-limited'));
    assert.match(USAGE, /snippet --lang python\|python-async\|typescript\|javascript\|go\|java \[--variant basic\|circuit-breaker\|fallback\|streaming\]/);
  });
});

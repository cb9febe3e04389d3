// Help for every command (each flag described, wrapped at 80 columns, the
// exit codes), reached the three ways a user tries, and --version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, USAGE } from '../../../src/cli/commands';
import { HELP_WIDTH, wrap, type FlagHelp } from '../../../src/cli/help';
import { main } from '../../../src/cli/main';
import { english } from '../../../src/core/l10n';
import { SNIPPET_LANGUAGES, SNIPPET_VARIANTS } from '../../../src/core/snippets/types';
import { BUILT_IN_SCENARIO_NAMES } from '../../../src/sim/scenarios';
import { captureIo } from '../../support/capture-io';

const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({});
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

function assertFits(text: string, what: string): void {
  for (const line of text.split('\n')) assert.ok(line.length <= HELP_WIDTH, `${what}: ${line.length} columns: ${line}`);
}

/** The text with its line breaks and indentation folded, so a phrase can be found across a wrap. */
function folded(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('claude-health help', () => {
  it('wraps words at the width and never splits one', () => {
    assert.deepEqual(wrap('aaa bbb ccc', 7), ['aaa bbb', 'ccc']);
    assert.deepEqual(wrap('aaa bbb', 6, '  ', '> '), ['> aaa', '  bbb']);
    assert.deepEqual(wrap('x'.repeat(12), 5), ['x'.repeat(12)]);
  });

  it('prints the overview for --help, -h and help, exit 0, within 80 columns, with every command and the exit codes', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { code, out, err } = await run(argv);
      assert.equal(code, 0, argv.join(' '));
      assert.equal(err, '');
      assert.equal(out, USAGE);
    }
    assertFits(USAGE, 'overview');
    for (const name of Object.keys(COMMANDS)) assert.match(USAGE, new RegExp(`^  ${name} +\\S`, 'm'), name);
    for (const code of ['0', '1', '2']) assert.match(USAGE, new RegExp(`^  ${code}  \\S`, 'm'));
    assert.match(USAGE, /claude-health <command> --help/);
    assert.match(USAGE, /claude-health --version/);
  });

  it('prints the overview on stderr with exit 2 when no command is given', async () => {
    const { code, out, err } = await run([]);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.equal(err, USAGE);
  });

  for (const [name, command] of Object.entries(COMMANDS)) {
    describe(name, () => {
      it('has the same help for --help, -h and help <command>, with exit 0, and nothing runs', async () => {
        const help = await run(['help', name]);
        assert.equal(help.code, 0);
        assert.equal(help.err, '');
        for (const argv of [[name, '--help'], [name, '-h'], [name, '--json', '-h'], [name, '--timeout-ms', 'soon', '--help']]) {
          const other = await run(argv);
          assert.deepEqual(other, help, argv.join(' '));
        }
        assertFits(help.out, `${name} --help`);
        assert.match(help.out, new RegExp(`^usage: claude-health ${name} `));
      });

      it('describes every flag, with a value name for each flag that takes one', async () => {
        const { out } = await run(['help', name]);
        const flags: Readonly<Record<string, FlagHelp>> = command.help(english).flags;
        for (const [flag, option] of Object.entries(command.options)) {
          const described = flags[flag];
          assert.ok(described && described.description.length > 10, `--${flag} of ${name} is not described`);
          assert.equal(described.value !== undefined, option.type === 'string', `--${flag} of ${name}: a value name exactly when it takes a value`);
          const label = `--${flag}${described.value ? ` ${described.value}` : ''}`;
          assert.match(out, new RegExp(`^  ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(  |\\n)`, 'm'), `${name} --help lists ${label}`);
          assert.ok(folded(out).includes(folded(described.description)), `${name} --help shows the description of --${flag}`);
        }
        assert.match(out, /^ {2}-h, --help {2,}Show this help/m);
      });

      it('lists its exit codes, 2 among them', async () => {
        const { out } = await run(['help', name]);
        const codes = out.slice(out.indexOf('\nExit codes:\n')).match(/^ {2}(\d) {2}\S/gm) ?? [];
        assert.ok(codes.length >= 2, out);
        assert.match(out, /^ {2}2 {2}\S/m);
      });

      it('has examples that run as typed: one line each, within 80 columns, flags it knows', () => {
        const examples = command.help(english).examples ?? [];
        assert.ok(examples.length > 0, `${name} has no examples`);
        for (const example of examples) {
          assert.ok(example.startsWith(`${name}`), example);
          assert.ok(`  claude-health ${example}`.length <= HELP_WIDTH, example);
          for (const flag of example.match(/--[a-z-]+/g) ?? []) assert.ok(flag.slice(2) in command.options, `${example}: ${flag}`);
        }
      });
    });
  }

  it('names every wrapper language and variant in the snippet help, and every built-in scenario in the sim help', async () => {
    const snippet = folded((await run(['snippet', '--help'])).out);
    assert.ok(snippet.includes(`Required: ${SNIPPET_LANGUAGES.join(', ')}.`), snippet);
    assert.ok(snippet.includes(`${SNIPPET_VARIANTS.join(', ')} (default basic).`), snippet);
    assert.ok(snippet.includes('--lang python'));
    const sim = folded((await run(['sim', '--help'])).out);
    assert.ok(sim.includes(`Built-in: ${BUILT_IN_SCENARIO_NAMES.join(', ')}.`), sim);
    assert.ok(BUILT_IN_SCENARIO_NAMES.includes('storm') && BUILT_IN_SCENARIO_NAMES.includes('rate-limited'));
  });

  it('refuses help for a command that does not exist, Object\'s own names included', async () => {
    for (const name of ['fly', 'toString', '__proto__', 'constructor']) {
      const { code, out, err } = await run(['help', name]);
      assert.equal(code, 2, name);
      assert.equal(out, '');
      assert.equal(err, `claude-health help: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
      assert.equal((await run([name])).code, 2);
    }
  });

  it('prints the package version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const { code, out, err } = await run([flag]);
      assert.equal(code, 0);
      assert.equal(err, '');
      assert.equal(out, `claude-health ${PACKAGE_VERSION}\n`);
    }
    assert.match(PACKAGE_VERSION, /^\d+\.\d+\.\d+/);
  });
});

// Every flag of every command, given a bad value, is refused with exit code 2
// and one line on stderr that names the flag as typed and what would be valid.
// Nothing here reaches the network: each refusal comes before any request.
import assert from 'node:assert/strict';
import { COMMANDS } from '../../../src/cli/commands';
import { main } from '../../../src/cli/main';
import { captureIo } from '../../support/capture-io';

const KEY = 'sk-ant-api03-SENTINEL-flag-errors-0123456789abcdefXYZW';

async function refusal(argv: string[]): Promise<string> {
  const io = captureIo({ ANTHROPIC_API_KEY: KEY });
  const code = await main(argv, io);
  assert.equal(code, 2, `${argv.join(' ')}: exit ${code}, stderr ${io.err}`);
  assert.equal(io.out, '', argv.join(' '));
  assert.equal(io.err.split('\n').length, 2, `one line: ${io.err}`);
  assert.equal(io.err.includes(KEY), false);
  return io.err;
}

/** For each command: flag, a bad value, and what the message must say is valid. */
const BAD_VALUES: Record<string, [flag: string, value: string, valid: RegExp][]> = {
  status: [
    ['status-url', 'notaurl', /is not a valid URL: "notaurl"/],
    ['url', 'ftp://x.test', /must start with https:\/\/ or http:\/\//],
    ['timeout-ms', 'soon', /from 100 to 600000, not "soon"/],
    ['proxy', 'ftp://proxy.test', /takes a proxy URL such as http:\/\/proxy\.example:8080, not "ftp:\/\/proxy\.test"/],
  ],
  probe: [
    ['mode', 'ping', /must be one of models, count_tokens, message, not "ping"/],
    ['model', 'no such model!', /must be a model id such as claude-haiku-4-5, not "no such model!"/],
    ['base-url', 'garbage', /give an http\(s\) URL such as https:\/\/api\.anthropic\.com$/],
    ['timeout-ms', '99', /from 100 to 600000, not "99"/],
    ['proxy', 'socks5://proxy.test:1080', /takes a proxy URL such as http:\/\/proxy\.example:8080/],
  ],
  diagnose: [
    ['base-url', 'garbage', /is not a valid URL: "garbage"/],
    ['status-url', 'ftp://x.test', /must start with https:\/\/ or http:\/\//],
    ['dns-servers', 'resolver.example', /takes IP addresses \(optionally with :port\), comma-separated; "resolver\.example" is not one/],
    ['timeout-ms', '1e3', /from 100 to 600000, not "1e3"/],
    ['workspace', '/nonexistent/claude-health', /must be an existing folder, not "\/nonexistent\/claude-health"/],
    ['model', 'bad model', /must be a model id such as claude-haiku-4-5/],
    ['proxy', 'ftp://proxy.test', /takes a proxy URL such as http:\/\/proxy\.example:8080/],
    ['compare', 'relay', /takes NAME=URL or NAME=URL,KEY_ENV \(e\.g\. relay=https:\/\/relay\.example,RELAY_API_KEY\), not "relay"$/],
  ],
  snippet: [
    ['lang', 'rust', /one of python, python-async/],
    ['variant', 'turbo', /one of basic, circuit-breaker/],
    ['max-attempts', '0', /from 1 to 100, not "0"/],
    ['deadline-seconds', '3601', /from 1 to 3600, not "3601"/],
    ['base-delay-ms', 'fast', /from 1 to 60000, not "fast"/],
    ['max-delay-ms', '600001', /from 1 to 600000, not "600001"/],
    ['fallback-model', 'gpt"', /must be a model id such as claude-haiku-4-5/],
    ['initial-limit', '0', /from 1 to 1000, not "0"/],
    ['max-limit', 'lots', /from 1 to 10000, not "lots"/],
    ['recipe', 'django', /unknown --recipe "django"; one of nextjs-route, express, fastapi, go-http/],
  ],
  sim: [
    ['scenario', 'nope', /unknown scenario "nope"; built-in scenarios: healthy/],
    ['port', '70000', /from 0 to 65535, not "70000"/],
  ],
};

/** What a command needs besides the bad flag to get as far as reading it. */
const REQUIRED: Record<string, string[]> = { snippet: ['--lang', 'python'], diagnose: ['--inference'] };

describe('CLI errors name the flag the user typed', () => {
  for (const [name, cases] of Object.entries(BAD_VALUES)) {
    describe(name, () => {
      it('has a bad-value case for every flag that takes a free value', () => {
        const covered = new Set(cases.map(([flag]) => flag));
        const freeForm = new Set(['component']);
        for (const [flag, option] of Object.entries(COMMANDS[name]!.options)) {
          if (option.type === 'string' && !freeForm.has(flag)) assert.ok(covered.has(flag), `--${flag} of ${name} has no bad-value case`);
        }
      });

      for (const [flag, value, valid] of cases) {
        it(`--${flag} ${JSON.stringify(value)}`, async () => {
          const before = flag === 'lang' ? [] : (REQUIRED[name] ?? []);
          for (const argv of [[name, ...before, `--${flag}`, value], [name, ...before, `--${flag}=${value}`]]) {
            const err = await refusal(argv);
            assert.ok(err.startsWith(`claude-health ${name}: `), err);
            assert.match(err, new RegExp(`--${flag}\\b`));
            assert.match(err.trimEnd(), valid);
            assert.doesNotMatch(err, /claudeHealth\.|is ignored|http\.proxy/);
          }
        });
      }
    });
  }

  for (const [name, command] of Object.entries(COMMANDS)) {
    it(`${name}: a flag without its value, a switch with one, and an unknown flag are named`, async () => {
      for (const [flag, option] of Object.entries(command.options)) {
        if (option.type === 'string') {
          const err = await refusal([name, `--${flag}`]);
          assert.match(err, new RegExp(`^claude-health ${name}: --${flag} needs a value`), err);
        } else {
          const err = await refusal([name, `--${flag}=yes`]);
          assert.equal(err, `claude-health ${name}: --${flag} takes no value\n`);
        }
      }
      const unknown = await refusal([name, '--colour', 'red']);
      assert.match(unknown, new RegExp(`^claude-health ${name}: unknown flag --colour; ${name} takes --`));
      assert.match(unknown, new RegExp(`\\(claude-health ${name} --help describes them\\)\\n$`));
      const positional = await refusal([name, 'extra']);
      assert.match(positional, new RegExp(`^claude-health ${name}: unexpected argument "extra": ${name} takes only flags`));
    });
  }

  it('names --lang when it is missing, and the unknown command with the list of commands', async () => {
    assert.equal(await refusal(['snippet']), 'claude-health snippet: --lang is required: one of python, python-async, typescript, javascript, go, java\n');
    assert.match(await refusal(['fly']), /^claude-health: unknown command "fly"; commands: status, probe, diagnose, snippet, sim/);
  });
});

// What the CLI prints when a command fails with something other than a usage
// error: one line, whatever was thrown, and never the key, even when the error
// quotes what a server or proxy echoed back.
import assert from 'node:assert/strict';
import { COMMANDS, type Command } from '../../../src/cli/commands';
import { main } from '../../../src/cli/main';
import { captureIo } from '../../support/capture-io';
import { SENTINEL_KEY } from '../core/support/sentinel';

describe('claude-health: unexpected errors', () => {
  const throwing = (thrown: unknown): Command => ({
    summary: () => 'Throws, for this test.',
    options: {},
    help: () => ({ flags: {} }),
    // Throws whatever the case gives, Errors and non-Errors alike: that is what is under test.
    run: async () => {
      await Promise.resolve();
      throw thrown;
    },
  });

  afterEach(() => {
    delete COMMANDS['test-throws'];
  });

  const cases: [string, unknown, RegExp][] = [
    ['an Error quoting the key', new Error(`upstream echoed Authorization: Bearer ${SENTINEL_KEY}`), /^claude-health test-throws: upstream echoed Authorization: Bearer .*\[redacted\]\n$/],
    ['the key without its prefix', new Error(`echo ${SENTINEL_KEY.slice('sk-ant-'.length)}`), /^claude-health test-throws: echo .*\[redacted\]\n$/],
    ['a thrown string', 'the simulator is gone', /^claude-health test-throws: the simulator is gone\n$/],
    ['a thrown object', { code: 'E_SIM', port: 4010 }, /^claude-health test-throws: a thrown object \{"code":"E_SIM","port":4010\}\n$/],
    ['undefined', undefined, /^claude-health test-throws: undefined was thrown\n$/],
  ];
  for (const [what, thrown, expected] of cases) {
    it(`prints ${what} on one line with exit 1, without the key`, async () => {
      COMMANDS['test-throws'] = throwing(thrown);
      const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY });
      assert.equal(await main(['test-throws'], io), 1);
      assert.match(io.err, expected);
      assert.ok(!io.err.includes(SENTINEL_KEY.slice(-20)), io.err);
      assert.equal(io.out, '');
    });
  }
});

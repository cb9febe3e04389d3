// The flag readers every command shares, and the ranges the commands give them.
import assert from 'node:assert/strict';
import { booleanFlag, integerFlag, listFlag, PORT_RANGE, stringFlag, TIMEOUT_MS_RANGE, urlFlag } from '../../../src/cli/flags';
import { UsageError } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { NUMERIC_RANGES } from '../../../src/core/settings';
import { captureIo } from '../../support/capture-io';

function usageError(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof UsageError && message.test(error.message));
}

describe('CLI flags', () => {
  it('reads a value flag, the last one when repeated, and refuses one without a value', () => {
    assert.equal(stringFlag({}, 'model'), undefined);
    assert.equal(stringFlag({ model: 'claude-haiku-4-5' }, 'model'), 'claude-haiku-4-5');
    assert.equal(stringFlag({ model: ['a', 'b'] }, 'model'), 'b');
    usageError(() => stringFlag({ model: true }, 'model'), /^--model needs a value$/);
  });

  it('reads a switch, and refuses one given a value', () => {
    assert.equal(booleanFlag({}, 'json'), false);
    assert.equal(booleanFlag({ json: true }, 'json'), true);
    usageError(() => booleanFlag({ json: 'yes' }, 'json'), /^--json takes no value$/);
  });

  it('reads a list from commas and from repeats, trimmed, without empty items', () => {
    assert.equal(listFlag({}, 'component'), undefined);
    assert.deepEqual(listFlag({ component: '' }, 'component'), []);
    assert.deepEqual(listFlag({ component: ' a, b ,,c ' }, 'component'), ['a', 'b', 'c']);
    assert.deepEqual(listFlag({ component: ['a,b', 'c', ''] }, 'component'), ['a', 'b', 'c']);
    usageError(() => listFlag({ component: true }, 'component'), /^--component needs a value$/);
  });

  it('reads whole numbers within the range, bounds included, and names the flag and what was typed otherwise', () => {
    const range = { min: 0, max: 65535 };
    assert.equal(integerFlag({}, 'port', range), undefined);
    assert.equal(integerFlag({ port: '0' }, 'port', range), 0);
    assert.equal(integerFlag({ port: '65535' }, 'port', range), 65535);
    for (const raw of ['65536', '-1', '80.5', 'eighty', '', ' 80', '1e3', '0x50', '99999999999999999999']) {
      usageError(() => integerFlag({ port: raw }, 'port', range), new RegExp(`^--port must be a whole number from 0 to 65535, not "${raw.slice(0, 80)}`));
    }
    usageError(() => integerFlag({ 'timeout-ms': 'soon' }, 'timeout-ms', TIMEOUT_MS_RANGE), /^--timeout-ms must be a whole number of milliseconds from 100 to 600000, not "soon"$/);
  });

  it('gives --timeout-ms at least the range of the timeout settings, and --port every port', () => {
    assert.deepEqual({ min: TIMEOUT_MS_RANGE.min, max: TIMEOUT_MS_RANGE.max }, { min: 100, max: 600_000 });
    assert.ok(TIMEOUT_MS_RANGE.min <= NUMERIC_RANGES.probeTimeoutMs.min && TIMEOUT_MS_RANGE.max >= NUMERIC_RANGES.probeTimeoutMs.max);
    assert.deepEqual(PORT_RANGE, { min: 0, max: 65535 });
  });

  it('reads an http(s) URL without credentials, and names the flag the user typed', () => {
    assert.equal(urlFlag({}, 'status-url', 'url'), undefined);
    assert.equal(urlFlag({ url: 'https://status.example.test/api/v2/summary.json' }, 'status-url', 'url'), 'https://status.example.test/api/v2/summary.json');
    assert.equal(urlFlag({ 'base-url': ' http://127.0.0.1:8080/ ' }, 'base-url'), 'http://127.0.0.1:8080');
    assert.equal(urlFlag({ 'status-url': 'https://a.test', url: 'https://b.test' }, 'status-url', 'url'), 'https://a.test');
    usageError(() => urlFlag({ 'status-url': 'status.claude.com' }, 'status-url', 'url'), /^--status-url is not a valid URL: "status\.claude\.com"$/);
    usageError(() => urlFlag({ url: 'ftp://x.test' }, 'status-url', 'url'), /^--url must start with https:\/\/ or http:\/\//);
    usageError(() => urlFlag({ url: true }, 'status-url', 'url'), /^--url needs a value$/);
  });

  it('never echoes a password typed in a URL flag', () => {
    usageError(() => urlFlag({ 'base-url': 'https://alice:hunter2@api.example.test' }, 'base-url'), /^--base-url must not contain a user name or password: "https:\/\/…@api\.example\.test"$/);
  });

  it('cuts a long value short in the error', () => {
    assert.throws(
      () => integerFlag({ port: 'x'.repeat(5000) }, 'port', PORT_RANGE),
      (error: Error) => error.message.length < 200 && error.message.endsWith('…"'),
    );
  });

  describe('through the command line', () => {
    const run = async (argv: string[]) => {
      const io = captureIo({ ANTHROPIC_API_KEY: 'sk-ant-api03-flags-test' });
      const code = await main(argv, io);
      return { code, err: io.err };
    };

    for (const command of ['status', 'probe', 'diagnose']) {
      it(`${command}: refuses a --timeout-ms outside 100 to 600000 with exit code 2, naming the flag`, async () => {
        for (const value of ['99', '600001', 'soon', '1e3']) {
          const { code, err } = await run([command, '--timeout-ms', value]);
          assert.equal(code, 2);
          assert.equal(err, `claude-health ${command}: --timeout-ms must be a whole number of milliseconds from 100 to 600000, not "${value}"\n`);
        }
      });
    }

    it('status: names --status-url or --url, whichever was typed', async () => {
      assert.match((await run(['status', '--status-url', 'nope'])).err, /^claude-health status: --status-url is not a valid URL: "nope"\n$/);
      assert.match((await run(['status', '--url', 'nope'])).err, /^claude-health status: --url is not a valid URL: "nope"\n$/);
    });

    it('diagnose: names the URL flag that is wrong', async () => {
      assert.match((await run(['diagnose', '--status-url', 'ftp://x.test'])).err, /^claude-health diagnose: --status-url must start with https:\/\/ or http:\/\//);
    });

    it('sim: refuses a port out of range', async () => {
      assert.equal((await run(['sim', '--port', '70000'])).err, 'claude-health sim: --port must be a whole number from 0 to 65535, not "70000"\n');
    });
  });
});

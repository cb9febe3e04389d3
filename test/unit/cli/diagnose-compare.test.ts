// `claude-health diagnose --compare` end to end through main(): the configured
// simulator and a relay in front of a second simulator, the exit codes, and
// every bad --compare refused with exit 2 and one line naming the flag before
// any request is made.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { captureIo } from '../../support/capture-io';
import { startRelayFront, type RelayFront } from '../../support/loopback/relay-front';
import { closedPort } from '../../support/loopback/servers';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const RELAY_KEY = 'sk-relay-CLIRELAYSENTINEL-0123456789abcdefQRST';

describe('claude-health diagnose --compare', () => {
  let official: RunningSimulator;
  let relayed: RunningSimulator;
  let configured: RelayFront;
  let relay: RelayFront;
  before(async () => {
    [official, relayed] = await Promise.all([startSimulator({ requiredApiKey: SENTINEL_KEY }), startSimulator({ requiredApiKey: RELAY_KEY })]);
    configured = await startRelayFront(official.apiBaseUrl);
    relay = await startRelayFront(relayed.apiBaseUrl, { stripHeaders: true, delayMs: 50 });
  });
  after(async () => {
    await Promise.all([official.close(), relayed.close(), configured.close(), relay.close()]);
  });

  const env = { ANTHROPIC_API_KEY: SENTINEL_KEY, RELAY_API_KEY: RELAY_KEY, COPIED_KEY: SENTINEL_KEY };
  const base = () => ['diagnose', '--base-url', configured.url, '--status-url', official.statusPageUrl, '--dns-servers', ''];

  it('prints the comparison in the JSON document, each endpoint having had only its own key', async () => {
    const io = captureIo(env);
    const code = await main([...base(), '--json', '--compare', `relay=${relay.url},RELAY_API_KEY`, '--compare', `bare=${relay.url}`], io);
    assert.equal(code, 0, io.err);
    assert.equal(io.err, '');
    const document = JSON.parse(io.out);
    assert.deepEqual(Object.keys(document), ['checks', 'summary', 'startedAt', 'durationMs', 'comparison']);
    const byName = Object.fromEntries(document.comparison.map((e: { name: string }) => [e.name, e]));
    assert.deepEqual(Object.keys(byName), ['configured', 'relay', 'bare']);
    assert.equal(byName.configured.layers.auth.result, 'accepted');
    assert.equal(byName.relay.layers.auth.result, 'accepted');
    assert.equal(byName.relay.keySource, 'RELAY_API_KEY');
    assert.equal(byName.bare.layers.auth.result, 'not-checked');
    assert.equal(byName.relay.headers.requestId, 'absent');
    for (const e of document.comparison) assert.equal(typeof e.latencyMs.p50, 'number');
    const relayHeard = relay.received.map((h) => h.join('\n')).join('\n');
    assertNoSentinel(relayHeard, 'what the relay received');
    assert.ok(relayHeard.includes(RELAY_KEY));
    assert.equal(configured.received.map((h) => h.join('\n')).join('\n').includes(RELAY_KEY), false);
    assertNoSentinel(io.out, 'stdout');
    assert.equal(io.out.includes('CLIRELAYSENTINEL'), false);
  });

  it('exits 1 when a compared endpoint is unreachable, and says which layer fails in the table', async () => {
    const port = await closedPort();
    const io = captureIo(env);
    const code = await main([...base(), '--compare', `dead=http://127.0.0.1:${port}`], io);
    assert.equal(code, 1);
    assert.equal(io.err, '');
    assert.match(io.out, /^ {2}FAIL {2}dead +TCP fails: 127\.0\.0\.1 port \d+ refuses connections$/m);
    assert.match(io.out, /^ {2}pass {2}configured +works: key accepted/m);
  });

  const bad: [what: string, values: string[], message: RegExp][] = [
    ['no "="', ['relay'], /^--compare takes NAME=URL or NAME=URL,KEY_ENV/],
    ['an invalid URL', ['relay=notaurl'], /^--compare relay: the URL is not a valid URL: "notaurl"$/],
    ['a URL that is not http(s)', ['relay=ftp://relay.example'], /^--compare relay: the URL must start with https:\/\/ or http:\/\//],
    ['a URL with a password', ['relay=https://user:hunter2-secret@relay.example'], /^--compare relay: the URL must not contain a user name or password: "https:\/\/…@relay\.example"$/],
    ['a bad name', ['my relay!=https://relay.example'], /^--compare needs a name of 1 to 32 letters/],
    ['the reserved name', ['Configured=https://relay.example'], /^--compare cannot be named "configured"/],
    ['a duplicate name', ['relay=https://a.example', 'RELAY=https://b.example'], /^--compare RELAY: the name is given twice/],
    ['a bad key variable name', ['relay=https://relay.example,1KEY'], /^--compare relay: the key variable must be an environment variable name such as RELAY_API_KEY, not "1KEY"$/],
    ['a key variable that is not set', ['relay=https://relay.example,NOT_SET_ANYWHERE'], /^--compare relay: the key variable NOT_SET_ANYWHERE is not set; export it, or leave out ",NOT_SET_ANYWHERE"/],
    ['the configured key under another name', ['relay=https://relay.example,COPIED_KEY'], /^--compare relay: COPIED_KEY holds the same key as ANTHROPIC_API_KEY, and the configured key is never sent to another host/],
    ['more than eight endpoints', Array.from({ length: 9 }, (_, i) => `e${i}=https://e${i}.example`), /^--compare is given more than 8 times/],
  ];
  for (const [what, values, message] of bad) {
    it(`refuses ${what} with exit 2 and one line naming --compare, before any request`, async () => {
      const io = captureIo(env);
      const before = configured.received.length + relay.received.length;
      const code = await main([...base(), ...values.flatMap((value) => ['--compare', value])], io);
      assert.equal(code, 2, io.err);
      assert.equal(io.out, '');
      const line = io.err.trimEnd();
      assert.equal(line.split('\n').length, 1, line);
      assert.ok(line.startsWith('claude-health diagnose: '), line);
      assert.match(line.slice('claude-health diagnose: '.length), message);
      assert.equal(line.includes('hunter2'), false);
      assertNoSentinel(line, 'the error');
      assert.equal(configured.received.length + relay.received.length, before, 'a request was made');
    });
  }
});

// The configured endpoint and relays side by side, against two simulators on
// loopback: one behind a plain recording front (the configured endpoint), the
// other behind a relay front that strips request-id and anthropic-ratelimit-*
// and holds answers back. Both fronts write down every header they received,
// which is how the tests prove where each sentinel key went.
import assert from 'node:assert/strict';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { resolveComparisonTargets } from '../../../src/core/diagnostics/compare/targets';
import { buildEntry } from '../../../src/core/diagnostics/compare/entry';
import type { ComparisonEntry, ComparisonTarget } from '../../../src/core/diagnostics/compare/types';
import { renderJson } from '../../../src/core/diagnostics/render/json';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { renderText } from '../../../src/core/diagnostics/render/text';
import type { DiagnosticsInput, DiagnosticsReport } from '../../../src/core/diagnostics/types';
import { SimClient } from '../../support/sim-client';
import { lookupVia } from '../../support/loopback/dns-lookup';
import { startDnsServer, type DnsServer } from '../../support/loopback/dns-server';
import { startConnectProxy } from '../../support/loopback/connect-proxy';
import { startRelayFront, type RelayFront } from '../../support/loopback/relay-front';
import { closedPort, startHttpServer } from '../../support/loopback/servers';
import { percentile } from '../../../src/core/diagnostics/compare/latency';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';
import { LOOPBACK_VIA_PROXY } from './support';

/** The relay's own key: a second sentinel, which must never reach the configured endpoint. */
const RELAY_KEY = 'sk-relay-RELAYSENTINEL-0123456789abcdefQRST';
const RELAY_DELAY_MS = 120;

function heard(front: RelayFront): string {
  return front.received.map((headers) => headers.join('\n')).join('\n');
}

function entry(report: DiagnosticsReport, name: string): ComparisonEntry {
  const found = report.comparison?.find((e) => e.name === name);
  assert.ok(found, `the comparison has no ${name} entry`);
  return found;
}

function assertNoKeyIn(report: DiagnosticsReport): void {
  for (const text of [renderMarkdown(report), renderText(report), renderJson(report)]) {
    assertNoSentinel(text, 'the report');
    assert.equal(text.includes('RELAYSENTINEL'), false, 'the relay key leaked into the report');
  }
}

describe('diagnostics: endpoints side by side', () => {
  let official: SimClient;
  let relayed: SimClient;
  let configured: RelayFront;
  let relay: RelayFront;
  let dns: DnsServer;
  before(async () => {
    [official, relayed, dns] = await Promise.all([
      SimClient.start({ requiredApiKey: SENTINEL_KEY }),
      SimClient.start({ requiredApiKey: RELAY_KEY }),
      startDnsServer(),
    ]);
    configured = await startRelayFront(official.sim.apiBaseUrl);
    relay = await startRelayFront(relayed.sim.apiBaseUrl, { stripHeaders: true, delayMs: RELAY_DELAY_MS });
  });
  after(async () => {
    await Promise.all([official.close(), relayed.close(), configured.close(), relay.close(), dns.close()]);
  });
  beforeEach(() => {
    configured.received.length = 0;
    relay.received.length = 0;
  });

  function input(compare: ComparisonTarget[], extra: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
    return {
      apiBaseUrlSetting: configured.url,
      statusPageUrl: official.sim.statusPageUrl,
      env: LOOPBACK_VIA_PROXY,
      dnsServers: [],
      apiKey: SENTINEL_KEY,
      apiKeySource: 'ANTHROPIC_API_KEY',
      compare,
      ...extra,
    };
  }

  it('shows the configured endpoint and a header-stripping, slower relay side by side, each with its own key', async () => {
    const report = await runDiagnostics(input([{ name: 'relay', baseUrl: relay.url, apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }]), { timeoutMs: 20_000 });
    assert.deepEqual(report.comparison?.map((e) => [e.name, e.role]), [['configured', 'configured'], ['relay', 'comparison']]);

    const mine = entry(report, 'configured');
    assert.equal(mine.baseUrl, configured.url);
    assert.equal(mine.layers.auth.result, 'accepted');
    assert.equal(mine.keySource, 'ANTHROPIC_API_KEY');
    assert.deepEqual(mine.headers, { requestId: 'present', rateLimits: 'present' });
    assert.equal(mine.layers.http.httpStatus, 200);
    assert.deepEqual(mine.layers.dns.addresses, ['127.0.0.1']);
    assert.equal(mine.latencyMs.samples, 5);
    assert.equal(mine.latencyMs.answered, 5);
    assert.ok(mine.latencyMs.p50 !== null && mine.latencyMs.p95 !== null && mine.latencyMs.p50 <= mine.latencyMs.p95);
    assert.equal(mine.verdict.status, 'pass', mine.verdict.text);

    const theirs = entry(report, 'relay');
    assert.equal(theirs.layers.auth.result, 'accepted');
    assert.equal(theirs.keySource, 'RELAY_API_KEY');
    assert.deepEqual(theirs.headers, { requestId: 'absent', rateLimits: 'absent' });
    // The relay holds every answer back: the delay is a floor under each sample, whatever the machine's load.
    assert.ok(theirs.latencyMs.p50 !== null && theirs.latencyMs.p50 >= RELAY_DELAY_MS, `p50 ${theirs.latencyMs.p50}`);
    assert.equal(theirs.verdict.status, 'warn');
    assert.match(theirs.verdict.text, /^works: key accepted, p50 \d+ ms \([+−]\d+ ms vs configured\); no request-id comes back .*; no anthropic-ratelimit-\* headers come back/);

    // Each server heard only its own key: the sims accepted them, and the fronts' logs show no other.
    assert.match(heard(configured), new RegExp(SENTINEL_KEY));
    assert.equal(heard(configured).includes(RELAY_KEY), false, 'the configured endpoint received the relay key');
    assert.match(heard(relay), new RegExp(RELAY_KEY));
    assertNoSentinel(heard(relay), 'what the relay received');
    assertNoKeyIn(report);
  });

  it('sends no key at all to a compared endpoint that names no key variable, and runs only the layers below authentication', async () => {
    const report = await runDiagnostics(input([{ name: 'relay', baseUrl: relay.url, keyNote: 'no key variable given' }]), { timeoutMs: 20_000 });
    const theirs = entry(report, 'relay');
    assert.equal(theirs.keySource, null);
    assert.equal(theirs.layers.auth.result, 'not-checked');
    assert.equal(theirs.layers.auth.detail, 'no key variable given');
    assert.deepEqual(theirs.headers, { requestId: 'absent', rateLimits: 'not-checked' });
    assert.equal(theirs.latencyMs.answered, 5);
    assert.match(theirs.verdict.text, /no key, so authentication was not checked/);
    assert.ok(relay.received.length >= 6, 'the HTTP check and the five samples reached the relay');
    for (const headers of relay.received) {
      const names = headers.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
      assert.equal(names.includes('x-api-key') || names.includes('authorization'), false, 'a key header reached the relay');
    }
    assertNoSentinel(heard(relay), 'what the relay received');
  });

  it('never sends the configured key to another origin, even when an adapter hands it over as the endpoint\'s own', async () => {
    const report = await runDiagnostics(input([{ name: 'relay', baseUrl: relay.url, apiKey: SENTINEL_KEY, apiKeySource: 'COPIED_KEY' }]), { timeoutMs: 20_000 });
    const theirs = entry(report, 'relay');
    assert.equal(theirs.layers.auth.result, 'not-checked');
    assert.match(theirs.layers.auth.detail, /^COPIED_KEY holds the configured API key, which is never sent to another host/);
    assert.equal(theirs.keySource, null);
    assert.ok(relay.received.length > 0);
    assertNoSentinel(heard(relay), 'what the relay received');
    assertNoKeyIn(report);
  });

  it('lets the same key go to the same origin (nothing new learns it)', async () => {
    const report = await runDiagnostics(input([{ name: 'again', baseUrl: `${configured.url}/`, apiKey: SENTINEL_KEY, apiKeySource: 'SAME_KEY' }]), { timeoutMs: 20_000 });
    assert.equal(entry(report, 'again').layers.auth.result, 'accepted');
    assertNoSentinel(heard(relay), 'what the relay received');
  });

  it('names the failing layer of an unreachable relay and leaves the configured endpoint\'s report whole', async () => {
    const port = await closedPort();
    const report = await runDiagnostics(input([{ name: 'dead', baseUrl: `http://127.0.0.1:${port}`, apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }]), { timeoutMs: 20_000 });
    const dead = entry(report, 'dead');
    assert.equal(dead.verdict.status, 'fail');
    assert.match(dead.verdict.text, /^TCP fails: 127\.0\.0\.1 port \d+ refuses connections$/);
    assert.equal(dead.layers.tcp.error, 'ECONNREFUSED');
    assert.deepEqual(dead.latencyMs, { p50: null, p95: null, samples: 0, answered: 0 });
    assert.equal(report.checks.find((c) => c.id === 'auth')?.status, 'pass');
    assert.equal(entry(report, 'configured').verdict.status, 'pass');
    assert.match(renderText(report), /FAIL {2}dead +TCP fails/);
  });

  it('shows a relay that refuses its key and echoes it back, without the key, and does not send the refused key again', async () => {
    const keysSent: string[] = [];
    const echoing = await startHttpServer((req, res) => {
      const key = req.headers['x-api-key'];
      if (typeof key === 'string') keysSent.push(key);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid key ${String(key)}` } }));
    });
    try {
      const report = await runDiagnostics(input([{ name: 'echo', baseUrl: echoing.url, apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }]), { timeoutMs: 20_000 });
      const echo = entry(report, 'echo');
      assert.equal(echo.layers.auth.result, 'rejected');
      assert.deepEqual(echo.verdict, { status: 'fail', text: 'the key from RELAY_API_KEY is refused (HTTP 401)' });
      assert.equal(echo.latencyMs.answered, 5, 'the round trip is still timed, without the key');
      assert.deepEqual(keysSent, [RELAY_KEY], 'the refused key went out once, for the auth check only');
      assertNoKeyIn(report);
    } finally {
      await echoing.close();
    }
  });

  it('takes the configured proxy to every endpoint, and says so', async () => {
    const proxy = await startConnectProxy();
    try {
      const report = await runDiagnostics(
        input([{ name: 'relay', baseUrl: relay.url, apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }], {
          httpProxy: proxy.url,
          allowedInsecureOrigins: [configured.url, relay.url],
        }),
        { timeoutMs: 20_000 },
      );
      for (const name of ['configured', 'relay']) {
        const e = entry(report, name);
        assert.equal(e.proxy, proxy.url, name);
        assert.equal(e.layers.auth.result, 'accepted', name);
        assert.equal(e.layers.dns.status, 'skip', name);
      }
      assert.ok(proxy.requests.some((r) => r.authority === `127.0.0.1:${relay.port}`), 'the relay was reached through the proxy');
      assert.match(renderMarkdown(report), /^\| DNS \| by the proxy \| by the proxy \|$/m);
      assert.match(renderMarkdown(report), /^\| TCP connect \| \d+ ms \(to the proxy\) \| \d+ ms \(to the proxy\) \|$/m);
    } finally {
      await proxy.close();
    }
  });

  it('resolves a named relay through DNS and reports its answers', async () => {
    dns.set('relay.claude-health.test', { a: ['127.0.0.1'] });
    const origin = `http://relay.claude-health.test:${relay.port}`;
    const report = await runDiagnostics(
      input([{ name: 'named', baseUrl: origin, apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }], { lookup: lookupVia(dns.address), allowedInsecureOrigins: [origin] }),
      { timeoutMs: 20_000 },
    );
    const named = entry(report, 'named');
    assert.deepEqual(named.layers.dns.addresses, ['127.0.0.1']);
    assert.deepEqual(named.layers.dns.kinds, ['loopback']);
    assert.equal(named.layers.auth.result, 'accepted');
    assert.ok(dns.queries.some((q) => q.name === 'relay.claude-health.test'));
  });

  it('flags fake-IP and polluted DNS answers (DNS only: nothing connects to those addresses)', async () => {
    dns.set('fake.claude-health.test', { a: ['198.18.0.7'] });
    dns.set('api.anthropic.com', { a: ['10.1.2.3'] });
    const dnsReport = (host: string) =>
      runDiagnostics({ apiBaseUrlSetting: `https://${host}`, env: {}, dnsServers: [], lookup: lookupVia(dns.address) }, { only: ['dns'], timeoutMs: 8000 });
    const fake = buildEntry({ name: 'fake', baseUrl: 'https://fake.claude-health.test', role: 'comparison', keySource: null, report: await dnsReport('fake.claude-health.test') });
    assert.deepEqual([fake.layers.dns.fakeIp, fake.layers.dns.kinds], [true, ['fake-ip']]);
    const polluted = buildEntry({ name: 'official', baseUrl: 'https://api.anthropic.com', role: 'comparison', keySource: null, report: await dnsReport('api.anthropic.com') });
    assert.equal(polluted.layers.dns.status, 'warn');
    assert.deepEqual([polluted.layers.dns.looksPolluted, polluted.layers.dns.fakeIp, polluted.layers.dns.kinds], [true, false, ['private']]);
    const markdown = renderMarkdown({ checks: [], summary: 's', startedAt: '', durationMs: 0, cancelled: false, comparison: [fake, polluted] });
    assert.match(markdown, /\| DNS \| 198\.18\.0\.7 \(fake-IP\) \| 10\.1\.2\.3 \(private, looks polluted\) \|/);
  });

  it('puts the comparison in every rendering: a JSON array, a Markdown table and a terminal table', async () => {
    const report = await runDiagnostics(input([{ name: 'relay', baseUrl: relay.url, apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }]), { timeoutMs: 20_000 });
    const json = JSON.parse(renderJson(report));
    assert.deepEqual(json.comparison.map((e: ComparisonEntry) => e.name), ['configured', 'relay']);
    for (const e of json.comparison) {
      assert.deepEqual(Object.keys(e.layers), ['dns', 'tcp', 'tls', 'http', 'auth']);
      assert.equal(typeof e.latencyMs.p50, 'number');
      assert.equal(typeof e.latencyMs.p95, 'number');
      assert.equal(typeof e.verdict.text, 'string');
    }
    const markdown = renderMarkdown(report);
    assert.match(markdown, /^## Side by side$/m);
    assert.match(markdown, /^\| {2}\| \*\*configured\*\* \| \*\*relay\*\* \|$/m);
    assert.match(markdown, /^\| request-id \| yes \| no \(stripped\?\) \|$/m);
    assert.match(markdown, /^\| Verdict \| ✅ works: key accepted, p50 \d+ ms \| ⚠️ works: key accepted/m);
    const text = renderText(report);
    const table = text.slice(text.indexOf('Side by side'));
    assert.match(table, /^ {2}anthropic-ratelimit-\* +yes +no \(stripped\?\)$/m);
    for (const line of table.split('\n').slice(0, 16)) assert.ok([...line].length <= 80, `wider than 80: ${line}`);
    assert.match(text, /^ {2}WARN {2}relay +works: key accepted/m);
  });

  it('a cancelled run still returns the comparison, with nothing sampled after the cancel', async () => {
    const report = await runDiagnostics(input([{ name: 'relay', baseUrl: relay.url }]), { signal: AbortSignal.abort() });
    assert.equal(report.cancelled, true);
    assert.equal(report.comparison?.length, 2);
    assert.deepEqual(report.comparison?.map((e) => e.latencyMs.samples), [0, 0]);
  });
});

describe('comparison latency percentiles', () => {
  it('takes the nearest rank: of five samples p50 is the third and p95 the fifth', () => {
    assert.equal(percentile([10, 20, 30, 40, 50], 50), 30);
    assert.equal(percentile([10, 20, 30, 40, 50], 95), 50);
    assert.equal(percentile([7], 95), 7);
    assert.equal(percentile([], 50), null);
  });
});

describe('comparison keys: which key each endpoint may have', () => {
  const configured = { baseUrl: 'https://api.anthropic.com', apiKey: SENTINEL_KEY };
  const env = { RELAY_API_KEY: RELAY_KEY, COPY: SENTINEL_KEY, EMPTY: '  ' };

  it('gives each endpoint only the key its own variable holds', () => {
    const { targets, problems } = resolveComparisonTargets([{ name: 'relay', baseUrl: 'https://relay.example', keyEnv: 'RELAY_API_KEY' }], env, configured);
    assert.deepEqual(targets, [{ name: 'relay', baseUrl: 'https://relay.example', apiKey: RELAY_KEY, apiKeySource: 'RELAY_API_KEY' }]);
    assert.deepEqual(problems, []);
  });

  it('never lends the configured key: no variable means no key, even on the configured origin', () => {
    const { targets, problems } = resolveComparisonTargets([{ name: 'same', baseUrl: 'https://api.anthropic.com' }], env, configured);
    assert.equal(targets[0]?.apiKey, undefined);
    assert.match(targets[0]?.keyNote ?? '', /^no key variable given/);
    assert.deepEqual(problems, []);
  });

  it('refuses the configured key under another name for another origin, and allows it for the same origin', () => {
    const other = resolveComparisonTargets([{ name: 'relay', baseUrl: 'https://api.anthropic.com:8443', keyEnv: 'COPY' }], env, configured);
    assert.equal(other.targets[0]?.apiKey, undefined);
    assert.deepEqual(other.problems.map((p) => [p.name, p.variable, p.kind]), [['relay', 'COPY', 'configured-key']]);
    const same = resolveComparisonTargets([{ name: 'again', baseUrl: 'https://API.anthropic.com/', keyEnv: 'COPY' }], env, configured);
    assert.equal(same.targets[0]?.apiKey, SENTINEL_KEY);
    assert.deepEqual(same.problems, []);
  });

  it('reports a key variable that is unset or blank', () => {
    const { targets, problems } = resolveComparisonTargets(
      [
        { name: 'a', baseUrl: 'https://a.example', keyEnv: 'MISSING' },
        { name: 'b', baseUrl: 'https://b.example', keyEnv: 'EMPTY' },
      ],
      env,
      configured,
    );
    assert.deepEqual(targets.map((t) => t.apiKey), [undefined, undefined]);
    assert.deepEqual(problems.map((p) => [p.name, p.kind]), [['a', 'unset'], ['b', 'unset']]);
    assert.match(targets[0]?.keyNote ?? '', /^MISSING is not set/);
  });
});

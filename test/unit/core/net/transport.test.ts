// The transport under the SDK and the status page: real CONNECT proxies, real
// TLS, a real resolver, all on 127.0.0.1.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../support/manual-clock';
import { runProbe } from '../../../../src/core/probe/run-probe';
import { createNodeFetch, type NodeFetchOptions } from '../../../../src/core/net/node-fetch';
import type { ProbeResult } from '../../../../src/core/probe/types';
import { fetchStatusPage } from '../../../../src/core/statuspage/fetch';
import { SimClient } from '../../../support/sim-client';
import { testCertificates, type TestCertificates } from '../../../support/loopback/certificates';
import { startConnectProxy, type ConnectProxy } from '../../../support/loopback/connect-proxy';
import { lookupVia } from '../../../support/loopback/dns-lookup';
import { startDnsServer } from '../../../support/loopback/dns-server';
import { closedPort, startHttpsServer } from '../../../support/loopback/servers';
import { assertNoSentinel, SENTINEL_KEY } from '../support/sentinel';

// The test proxy and the simulator both live on 127.0.0.1, which proxies are
// never asked to reach unless the environment opts in.
const LOOPBACK_VIA_PROXY = { CLAUDE_HEALTH_PROXY_LOOPBACK: '1' };

describe('transport: proxies, TLS and DNS', function () {
  this.timeout(20_000);
  let sim: SimClient;
  let proxy: ConnectProxy;
  const clock = new ManualClock();
  const tunnels = () => proxy.requests.map((request) => request.authority);

  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy', requiredApiKey: SENTINEL_KEY });
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy.close();
    await sim.close();
  });

  async function probeVia(options: NodeFetchOptions, baseUrl: string): Promise<ProbeResult> {
    const transport = createNodeFetch(options);
    try {
      const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl, timeoutMs: 5000, fetch: transport.fetch, clock });
      assert.ok(result);
      assertNoSentinel(JSON.stringify(result), 'probe result');
      return result;
    } finally {
      transport.close();
    }
  }

  it('sends the SDK through the configured proxy (http.proxy)', async () => {
    const before = tunnels().length;
    const result = await probeVia({ proxyUrl: proxy.url, env: LOOPBACK_VIA_PROXY }, sim.url);
    assert.equal(result.outcome, 'ok');
    assert.deepEqual(tunnels().slice(before), [`127.0.0.1:${new URL(sim.url).port}`]);
  });

  it('sends the status page through the proxy from HTTP_PROXY, and skips it for NO_PROXY hosts', async () => {
    const transport = createNodeFetch({ env: { ...LOOPBACK_VIA_PROXY, HTTP_PROXY: proxy.url } });
    const before = tunnels().length;
    const result = await fetchStatusPage({ url: `${sim.url}/api/v2/summary.json`, fetch: transport.fetch, clock });
    assert.equal(result.kind, 'fresh');
    assert.equal(tunnels().length, before + 1);
    transport.close();
    const bypass = createNodeFetch({ env: { ...LOOPBACK_VIA_PROXY, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    const direct = await fetchStatusPage({ url: `${sim.url}/api/v2/summary.json`, fetch: bypass.fetch, clock });
    assert.equal(direct.kind, 'fresh');
    assert.equal(tunnels().length, before + 1, 'NO_PROXY went direct');
    bypass.close();
  });

  it('keeps a plain-http loopback request (and its key) away from HTTP_PROXY', async () => {
    const before = proxy.requests.length;
    const result = await probeVia({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, ALL_PROXY: proxy.url } }, sim.url);
    assert.equal(result.outcome, 'ok');
    assert.equal(proxy.requests.length, before, 'the proxy was never asked');
    const viaProxyUrl = await probeVia({ proxyUrl: proxy.url, env: {} }, sim.url);
    assert.equal(viaProxyUrl.outcome, 'ok');
    assert.equal(proxy.requests.length, before, 'http.proxy does not take loopback either');
  });

  it('sends proxy credentials, and reports a 407 as a proxy failure without leaking them', async () => {
    const authorization = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    const guarded = await startConnectProxy({ username: 'alice', password: 's3cret' });
    try {
      const ok = await probeVia({ proxyUrl: `http://alice:s3cret@127.0.0.1:${guarded.port}`, env: LOOPBACK_VIA_PROXY }, sim.url);
      assert.equal(ok.outcome, 'ok');
      assert.equal(guarded.requests[0]?.authorization, authorization);
      const refused = await probeVia({ proxyUrl: `http://alice:wrong@127.0.0.1:${guarded.port}`, env: LOOPBACK_VIA_PROXY }, sim.url);
      assert.equal(refused.outcome, 'network_error');
      assert.equal(refused.networkCode, 'ERR_PROXY_TUNNEL');
      assert.ok(!refused.message.includes('wrong') && !refused.message.includes('s3cret'));
    } finally {
      await guarded.close();
    }
  });

  it('reports a proxy that is down with its code', async () => {
    const port = await closedPort();
    const result = await probeVia({ proxyUrl: `http://127.0.0.1:${port}`, env: LOOPBACK_VIA_PROXY }, sim.url);
    assert.equal(result.outcome, 'network_error');
    assert.equal(result.networkCode, 'ECONNREFUSED');
    assert.equal(result.message, 'ECONNREFUSED: connection refused (reaching the proxy)');
  });

  it('refuses an unsupported proxy with a classified error, not a crash', async () => {
    const result = await probeVia({ proxyUrl: 'socks5://127.0.0.1:1080', env: LOOPBACK_VIA_PROXY }, sim.url);
    assert.equal(result.outcome, 'network_error');
    assert.equal(result.networkCode, 'ERR_PROXY_INVALID');
  });

  describe('over real TLS', () => {
    let certificates: TestCertificates;
    before(() => {
      certificates = testCertificates();
    });
    it('probes https through a TLS front with a trusted CA, directly and through the proxy', async () => {
      const front = await startHttpsServer({ ...certificates.valid, forwardTo: sim.url });
      try {
        const direct = await probeVia({ ca: certificates.ca.cert, env: {} }, front.url);
        assert.equal(direct.outcome, 'ok');
        const before = tunnels().length;
        const proxied = await probeVia({ ca: certificates.ca.cert, proxyUrl: proxy.url, env: LOOPBACK_VIA_PROXY }, front.url);
        assert.equal(proxied.outcome, 'ok');
        assert.deepEqual(tunnels().slice(before), [`127.0.0.1:${front.port}`]);
      } finally {
        await front.close();
      }
    });

    it('names an untrusted certificate (a TLS-inspecting proxy) and an expired one', async () => {
      const front = await startHttpsServer({ ...certificates.valid, forwardTo: sim.url });
      const expired = await startHttpsServer({ ...certificates.expired, forwardTo: sim.url });
      try {
        const untrusted = await probeVia({ env: {} }, front.url);
        assert.equal(untrusted.outcome, 'network_error');
        assert.equal(untrusted.networkCode, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
        const old = await probeVia({ ca: certificates.ca.cert, env: {} }, expired.url);
        assert.equal(old.networkCode, 'CERT_HAS_EXPIRED');
        assert.equal(old.message, 'CERT_HAS_EXPIRED: TLS certificate has expired');
        const viaProxy = await probeVia({ ca: certificates.ca.cert, proxyUrl: proxy.url, env: LOOPBACK_VIA_PROXY }, expired.url);
        assert.equal(viaProxy.networkCode, 'CERT_HAS_EXPIRED');
      } finally {
        await front.close();
        await expired.close();
      }
    });
  });

  // Port 9 would be refused before any lookup: fetch's bad-port list (undici follows the spec).
  it('reports a name that does not resolve as ENOTFOUND (resolver on loopback)', async () => {
    // A resolver that knows no name: every query is answered NXDOMAIN.
    const dns = await startDnsServer();
    try {
      const result = await probeVia({ lookup: lookupVia(dns.address), env: {} }, 'http://api.claude-health.test:8099');
      assert.equal(result.outcome, 'network_error');
      assert.equal(result.networkCode, 'ENOTFOUND');
      assert.equal(result.message, 'ENOTFOUND: DNS lookup failed (host not found)');
      assert.ok(dns.queries.length >= 1, 'the loopback resolver was asked');
    } finally {
      await dns.close();
    }
  });
});

// The proxy check and everything that goes through a proxy, against a CONNECT
// proxy on 127.0.0.1 (with and without required credentials).
import assert from 'node:assert/strict';
import { renderJson } from '../../../src/core/diagnostics/render/json';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { testCertificates } from '../../support/loopback/certificates';
import { startConnectProxy, type ConnectProxy } from '../../support/loopback/connect-proxy';
import { closedPort, startHttpsServer } from '../../support/loopback/servers';
import { assertKeyNeverShown, checkOf, LOOPBACK_VIA_PROXY, loopbackInput } from './support';

describe('diagnostics: proxy', () => {
  let sim: RunningSimulator;
  let open: ConnectProxy;
  let guarded: ConnectProxy;
  before(async () => {
    sim = await startSimulator();
    open = await startConnectProxy();
    guarded = await startConnectProxy({ username: 'alice', password: 'pr0xy-S3CRET' });
  });
  after(async () => {
    await Promise.all([sim.close(), open.close(), guarded.close()]);
  });

  it('passes with a direct connection when no proxy is configured', async () => {
    const proxy = checkOf(await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl), { only: ['proxy'] }), 'proxy');
    assert.equal(proxy.status, 'pass');
    assert.equal(proxy.detail, 'no proxy configured: direct connection');
  });

  it('tunnels through VS Code\'s http.proxy: DNS left to the proxy, TCP to the proxy, HTTP and auth through the tunnel', async () => {
    const before = open.requests.length;
    // Plain http through a proxy shows the key to the proxy: only with the user's consent for that origin.
    const consent = { allowedInsecureOrigins: [new URL(sim.apiBaseUrl).origin] };
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: open.url, ...consent }), { timeoutMs: 10_000 });
    const proxy = checkOf(report, 'proxy');
    assert.equal(proxy.status, 'pass');
    assert.match(proxy.detail, new RegExp(`^requests go through http://127\\.0\\.0\\.1:${open.port}; CONNECT 127\\.0\\.0\\.1:${sim.port} opened in`));
    assert.match(proxy.notes.join('\n'), /VS Code: http\.proxy=http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(checkOf(report, 'dns').status, 'skip');
    // An IP address is not resolved by anyone, and the proxy's URL names its port once.
    assert.equal(checkOf(report, 'dns').detail, `127.0.0.1 is an IP address: nothing to resolve (requests go through the proxy http://127.0.0.1:${open.port})`);
    const tcp = checkOf(report, 'tcp');
    assert.equal(tcp.status, 'pass');
    assert.match(tcp.detail, new RegExp(`^the proxy http://127\\.0\\.0\\.1:${open.port}: IPv4 127\\.0\\.0\\.1:${open.port} in`));
    assert.equal(checkOf(report, 'http').status, 'pass');
    assert.equal(checkOf(report, 'auth').status, 'pass');
    assert.equal(checkOf(report, 'status-page').status, 'pass');
    const tunnels = open.requests.slice(before).filter((r) => r.status === 200).map((r) => r.authority);
    assert.ok(tunnels.filter((a) => a === `127.0.0.1:${sim.port}`).length >= 3, `proxy, http, auth and status page tunnel: ${tunnels.join(', ')}`);
  });

  it('fails with a credentials hint on 407, never shows the proxy password, and blocks what needs the tunnel', async () => {
    const wrong = `http://alice:wrong-PASSWORD@127.0.0.1:${guarded.port}`;
    const report = await runDiagnostics(loopbackInput(`https://127.0.0.1:${sim.port}`, sim.statusPageUrl, { env: { ...LOOPBACK_VIA_PROXY, HTTPS_PROXY: wrong } }), { only: ['auth'], timeoutMs: 10_000 });
    const proxy = checkOf(report, 'proxy');
    assert.equal(proxy.status, 'fail');
    assert.match(proxy.detail, /wants credentials \(407 Proxy Authentication Required\)/);
    assert.match(proxy.hint ?? '', /user and password in the proxy URL/);
    assert.match(proxy.notes.join('\n'), /HTTPS_PROXY=http:\/\/alice:\*\*\*@127\.0\.0\.1:\d+/);
    assert.equal(checkOf(report, 'tls').blockedBy, 'proxy');
    assert.equal(checkOf(report, 'auth').blockedBy, 'proxy');
    assert.match(report.summary, /^Proxy fails: proxy http:\/\/alice:\*\*\*@127\.0\.0\.1:\d+ wants credentials/);
    for (const text of [renderMarkdown(report), renderJson(report)]) assert.equal(text.includes('wrong-PASSWORD'), false);
    assertKeyNeverShown(report);
  });

  it('fails with 407 when no credentials are given at all', async () => {
    const proxy = checkOf(await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: guarded.url }), { only: ['proxy'] }), 'proxy');
    assert.equal(proxy.status, 'fail');
    assert.equal(proxy.data?.proxyStatus, 407);
  });

  it('holds the key back from plain http through a proxy without consent, even to 127.0.0.1', async () => {
    const before = open.requests.length;
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: open.url }), { only: ['auth'] });
    const auth = checkOf(report, 'auth');
    assert.equal(auth.status, 'skip');
    assert.match(auth.detail, /through a proxy, which would see the API key/);
    assert.equal(open.requests.slice(before).filter((r) => r.status === 200).length <= 1, true, 'at most the proxy check tunnelled, never the key');
    assertKeyNeverShown(report);
  });

  it('sends nothing to a proxy for 127.0.0.1 by default: loopback bypasses it', async () => {
    const before = open.requests.length;
    const report = await runDiagnostics({ ...loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: open.url }), env: {} }, { only: ['auth'] });
    assert.equal(checkOf(report, 'auth').status, 'pass');
    assert.match(checkOf(report, 'proxy').detail, /^127\.0\.0\.1 is exempt from the proxy .*: direct connection$/);
    assert.equal(open.requests.length, before);
  });

  it('passes with the right credentials', async () => {
    const consent = { allowedInsecureOrigins: [new URL(sim.apiBaseUrl).origin] };
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: `http://alice:pr0xy-S3CRET@127.0.0.1:${guarded.port}`, ...consent }), { only: ['auth'] });
    assert.equal(checkOf(report, 'proxy').status, 'pass');
    assert.equal(checkOf(report, 'auth').status, 'pass');
    assert.equal(renderJson(report).includes('pr0xy-S3CRET'), false);
  });

  it('does the TLS handshake inside the tunnel for an https API', async () => {
    const certs = testCertificates();
    const server = await startHttpsServer({ key: certs.valid.key, cert: certs.valid.cert, forwardTo: sim.url });
    try {
      const report = await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl, { httpProxy: open.url, ca: [certs.ca.cert] }), { only: ['auth'], timeoutMs: 10_000 });
      const tls = checkOf(report, 'tls');
      assert.equal(tls.status, 'pass', tls.detail);
      assert.match(tls.notes[0] ?? '', /through the proxy tunnel/);
      assert.equal(checkOf(report, 'auth').status, 'pass');
      assert.ok(open.requests.some((r) => r.authority === `127.0.0.1:${server.port}` && r.status === 200));
    } finally {
      await server.close();
    }
  });

  it('goes direct when NO_PROXY exempts the API host', async () => {
    const report = await runDiagnostics(
      loopbackInput(`https://127.0.0.1:${sim.port}`, sim.statusPageUrl, { env: { ...LOOPBACK_VIA_PROXY, HTTPS_PROXY: guarded.url, NO_PROXY: 'localhost,127.0.0.1' } }),
      { only: ['proxy', 'dns'] },
    );
    const proxy = checkOf(report, 'proxy');
    assert.equal(proxy.status, 'pass');
    assert.equal(proxy.detail, '127.0.0.1 is exempt from the proxy (NO_PROXY / http.noProxy): direct connection');
    assert.equal(checkOf(report, 'dns').status, 'pass');
  });

  it('says nothing listens when the proxy port is closed', async () => {
    const port = await closedPort();
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: `127.0.0.1:${port}` }), { only: ['tcp', 'proxy'] });
    const proxy = checkOf(report, 'proxy');
    assert.equal(proxy.status, 'fail');
    assert.match(proxy.detail, /could not be reached \(ECONNREFUSED: connection refused\)/);
    assert.match(proxy.hint ?? '', /Nothing listens on 127\.0\.0\.1:\d+/);
    const tcp = checkOf(report, 'tcp');
    assert.equal(tcp.status, 'fail');
    assert.match(tcp.hint ?? '', /proxy/);
  });

  it('rejects a proxy setting it cannot use', async () => {
    const proxy = checkOf(await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { httpProxy: 'socks5://127.0.0.1:1080' }), { only: ['proxy'] }), 'proxy');
    assert.equal(proxy.status, 'fail');
    assert.match(proxy.detail, /socks5 proxies are not supported/);
  });
});

// The TLS check against HTTPS servers on 127.0.0.1 with certificates made by
// openssl for the test: trusted, self-signed, from an untrusted root (the
// shape of a TLS-inspecting proxy), expired, for another host, and a server
// that accepts TCP and never speaks.
import assert from 'node:assert/strict';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { testCertificates, type TestCertificates } from '../../support/loopback/certificates';
import { startHttpsServer, startSilentServer, type LoopbackServer } from '../../support/loopback/servers';
import { assertKeyNeverShown, checkOf, loopbackInput } from './support';

describe('diagnostics: tls', () => {
  let sim: RunningSimulator;
  let certs: TestCertificates;
  const servers: LoopbackServer[] = [];
  before(async () => {
    sim = await startSimulator();
    certs = testCertificates();
  });
  after(async () => {
    await Promise.all([sim.close(), ...servers.map((s) => s.close())]);
  });

  async function https(key: string, cert: string, forward = false): Promise<LoopbackServer> {
    const server = await startHttpsServer({ key, cert, forwardTo: forward ? sim.url : undefined });
    servers.push(server);
    return server;
  }

  it('reports protocol, ALPN and the chain of a trusted certificate, and the checks above it pass through TLS', async () => {
    const server = await https(certs.valid.key, certs.valid.cert + certs.ca.cert, true);
    const report = await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl, { ca: [certs.ca.cert] }), { timeoutMs: 10_000 });
    const tls = checkOf(report, 'tls');
    assert.equal(tls.status, 'pass', tls.detail);
    assert.match(tls.detail, /^TLSv1\.[23], ALPN http\/1\.1, certificate CN=valid\.loopback, O=Claude Health Tests from CN=Claude Health Test Root, O=Claude Health Tests, (19|20) days left$/);
    const chain = tls.data?.chain as { subject: string; issuer: string; daysToExpiry: number }[];
    assert.equal(chain.length, 2);
    assert.equal(chain[1]!.subject, 'CN=Claude Health Test Root, O=Claude Health Tests');
    assert.ok(typeof tls.data?.cipher === 'string' && tls.data.cipher.length > 0);
    assert.equal(checkOf(report, 'http').status, 'pass');
    assert.equal(checkOf(report, 'auth').status, 'pass');
    assert.equal(checkOf(report, 'rate-limits').status, 'pass');
    assertKeyNeverShown(report);
  });

  it('says a proxy is inspecting HTTPS when the chain ends in a root this machine does not trust (SELF_SIGNED_CERT_IN_CHAIN)', async () => {
    const server = await https(certs.valid.key, certs.valid.cert + certs.ca.cert);
    const report = await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl), { timeoutMs: 10_000 });
    const tls = checkOf(report, 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /^SELF_SIGNED_CERT_IN_CHAIN: the certificate for 127\.0\.0\.1 is issued by CN=Claude Health Test Root/);
    assert.match(tls.hint ?? '', /NODE_EXTRA_CA_CERTS/);
    assert.match(tls.hint ?? '', /http\.systemCertificates/);
    assert.equal(report.summary.split(' (')[0], 'TLS fails: a proxy is inspecting HTTPS');
    assert.equal(checkOf(report, 'http').blockedBy, 'tls');
    assert.equal(checkOf(report, 'auth').blockedBy, 'tls');
  });

  it('says the same when the chain stops at an intermediate whose root is unknown (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)', async () => {
    const server = await https(certs.viaIntermediate.key, certs.viaIntermediate.cert);
    const tls = checkOf(await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl), { only: ['tls'] }), 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /^UNABLE_TO_GET_ISSUER_CERT_LOCALLY: the certificate for 127\.0\.0\.1 is issued by CN=intermediate\.loopback.*: a proxy is inspecting HTTPS$/);
    assert.equal(tls.headline, 'TLS fails: a proxy is inspecting HTTPS');
    assert.equal((tls.data?.chain as unknown[]).length, 2);
  });

  it('calls a lone leaf from an unknown issuer on a custom gateway untrusted, with the same fix (UNABLE_TO_VERIFY_LEAF_SIGNATURE)', async () => {
    const server = await https(certs.valid.key, certs.valid.cert);
    const tls = checkOf(await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl), { only: ['tls'] }), 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /^UNABLE_TO_VERIFY_LEAF_SIGNATURE: the certificate for 127\.0\.0\.1 is issued by CN=Claude Health Test Root, O=Claude Health Tests, which this machine does not trust$/);
    assert.equal(tls.headline, 'TLS fails: 127.0.0.1\'s certificate issuer is not trusted');
    assert.match(tls.hint ?? '', /NODE_EXTRA_CA_CERTS/);
  });

  it('names a self-signed certificate on a custom gateway', async () => {
    const server = await https(certs.selfSigned.key, certs.selfSigned.cert);
    const tls = checkOf(await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl), { only: ['tls'] }), 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /^DEPTH_ZERO_SELF_SIGNED_CERT: 127\.0\.0\.1 presents a self-signed certificate/);
    assert.match(tls.hint ?? '', /trusted CA/);
  });

  it('points at the clock for an expired certificate', async () => {
    const server = await https(certs.expired.key, certs.expired.cert);
    const tls = checkOf(await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl, { ca: [certs.ca.cert] }), { only: ['tls'] }), 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /^CERT_HAS_EXPIRED: the certificate for 127\.0\.0\.1 expired on 2020-02-01T00:00:00\.000Z/);
    assert.match(tls.hint ?? '', /clock/);
    assert.equal(tls.headline, 'TLS fails: the certificate has expired (or the clock is wrong)');
  });

  it('names a hostname mismatch', async () => {
    const server = await https(certs.wrongHost.key, certs.wrongHost.cert);
    const tls = checkOf(await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl, { ca: [certs.ca.cert] }), { only: ['tls'] }), 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /^hostname mismatch: the certificate \(DNS:other\.example\) does not cover 127\.0\.0\.1$/);
  });

  it('lets an unverified certificate through with a warning when http.proxyStrictSSL is off', async () => {
    const server = await https(certs.selfSigned.key, certs.selfSigned.cert);
    const report = await runDiagnostics(loopbackInput(server.url, sim.statusPageUrl, { httpProxyStrictSSL: false }), { only: ['http'] });
    const tls = checkOf(report, 'tls');
    assert.equal(tls.status, 'warn');
    assert.match(tls.detail, /accepted only because http\.proxyStrictSSL is off$/);
    assert.equal(checkOf(report, 'http').status, 'pass');
    assert.equal(checkOf(report, 'proxy').status, 'warn');
  });

  it('fails within its time when the server accepts TCP and never speaks TLS', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const started = performance.now();
    const report = await runDiagnostics(loopbackInput(`https://127.0.0.1:${silent.port}`, sim.statusPageUrl), { only: ['http'], timeoutMs: 1000 });
    assert.ok(performance.now() - started < 1000 + 3000);
    const tls = checkOf(report, 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /no TLS handshake with 127\.0\.0\.1:\d+ within/);
    assert.equal(checkOf(report, 'http').blockedBy, 'tls');
  });

  it('tells a plain-http port behind an https:// URL', async () => {
    const tls = checkOf(await runDiagnostics(loopbackInput(`https://127.0.0.1:${sim.port}`, sim.statusPageUrl), { only: ['tls'] }), 'tls');
    assert.equal(tls.status, 'fail');
    assert.match(tls.detail, /does not speak TLS/);
  });
});

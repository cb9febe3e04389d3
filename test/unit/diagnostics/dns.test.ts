// The DNS check against loopback DNS servers: one plays the system resolver
// (through an injected lookup), others the public resolvers (through
// Resolver.setServers). Nothing is asked of a real resolver.
import assert from 'node:assert/strict';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { lookupVia } from '../../support/loopback/dns-lookup';
import { startDnsServer, type DnsServer } from '../../support/loopback/dns-server';
import { startConnectProxy } from '../../support/loopback/connect-proxy';
import { checkOf, loopbackInput } from './support';

const HOST = 'api.claude-health.test';

describe('diagnostics: dns', () => {
  let sim: RunningSimulator;
  let system: DnsServer;
  let publicA: DnsServer;
  let publicB: DnsServer;
  before(async () => {
    sim = await startSimulator();
    [system, publicA, publicB] = await Promise.all([startDnsServer(), startDnsServer(), startDnsServer()]);
  });
  after(async () => {
    await Promise.all([sim.close(), system.close(), publicA.close(), publicB.close()]);
  });

  function dnsOnly(host: string, dnsServers: string[], timeoutMs = 8000) {
    return runDiagnostics(
      loopbackInput(`http://${host}:${sim.port}`, sim.statusPageUrl, { lookup: lookupVia(system.address), dnsServers }),
      { only: ['dns'], timeoutMs },
    );
  }

  it('resolves a name through the system resolver and follows it down to the simulator when resolvers agree', async () => {
    system.set(HOST, { a: ['127.0.0.1'] });
    publicA.set(HOST, { a: ['127.0.0.1'] });
    const origin = `http://${HOST}:${sim.port}`;
    const report = await runDiagnostics(
      loopbackInput(origin, sim.statusPageUrl, { lookup: lookupVia(system.address), dnsServers: [publicA.address], allowedInsecureOrigins: [origin] }),
      { only: ['auth'], timeoutMs: 8000 },
    );
    const dns = checkOf(report, 'dns');
    assert.equal(dns.status, 'pass');
    assert.match(dns.detail, /api\.claude-health\.test: A 127\.0\.0\.1; no AAAA/);
    assert.deepEqual(dns.data?.system, ['127.0.0.1']);
    assert.equal(checkOf(report, 'tcp').status, 'pass');
    assert.equal(checkOf(report, 'auth').status, 'pass');
    assert.ok(publicA.queries.some((q) => q.name === HOST && q.type === 'A'));
    assert.ok(publicA.queries.some((q) => q.name === HOST && q.type === 'AAAA'));
  });

  it('holds the key back from a plain-http name that is not loopback, unless that origin was allowed', async () => {
    system.set(HOST, { a: ['127.0.0.1'] });
    const report = await runDiagnostics(loopbackInput(`http://${HOST}:${sim.port}`, sim.statusPageUrl, { lookup: lookupVia(system.address) }), { only: ['auth'], timeoutMs: 8000 });
    const auth = checkOf(report, 'auth');
    assert.equal(auth.status, 'skip');
    assert.match(auth.detail, /^the key is not sent: the API base URL http:\/\/api\.claude-health\.test:\d+ uses plain http:\/\/ to another machine/);
    const config = checkOf(report, 'config');
    assert.equal(config.status, 'warn');
    assert.match(config.detail, /plain http:\/\/ to api\.claude-health\.test, so the key would travel unencrypted/);
  });

  it('fails with NXDOMAIN when nobody knows the name', async () => {
    const report = await dnsOnly('nowhere.claude-health.test', [publicA.address]);
    const dns = checkOf(report, 'dns');
    assert.equal(dns.status, 'fail');
    assert.match(dns.detail, /does not resolve \(NXDOMAIN\)/);
    assert.match(dns.hint ?? '', /spelling/);
    assert.match(dns.notes.join('\n'), /127\.0\.0\.1:\d+: NXDOMAIN/);
  });

  it('blames this machine\'s DNS when only the public resolvers know the name', async () => {
    publicA.set('blocked.claude-health.test', { a: ['203.0.113.20'] });
    const dns = checkOf(await dnsOnly('blocked.claude-health.test', [publicA.address]), 'dns');
    assert.equal(dns.status, 'fail');
    assert.match(dns.detail, /this machine's resolver says blocked\.claude-health\.test does not exist, but 127\.0\.0\.1:\d+ resolves it/);
    assert.equal(dns.headline, 'DNS fails: blocked.claude-health.test is blocked or missing in this machine\'s DNS');
  });

  it('warns when the system resolver disagrees with every public resolver', async () => {
    system.set('cdn.claude-health.test', { a: ['203.0.113.5'] });
    publicA.set('cdn.claude-health.test', { a: ['198.51.100.7'] });
    publicB.set('cdn.claude-health.test', { a: ['198.51.100.8'], aaaa: ['2001:db8::8'] });
    const dns = checkOf(await dnsOnly('cdn.claude-health.test', [publicA.address, publicB.address]), 'dns');
    assert.equal(dns.status, 'warn');
    assert.match(dns.detail, /resolvers disagree on cdn\.claude-health\.test: this machine says 203\.0\.113\.5, 127\.0\.0\.1:\d+ says 198\.51\.100\.7/);
    assert.ok(dns.hint);
    assert.match(dns.notes.join('\n'), /198\.51\.100\.8, 2001:db8::8/);
  });

  it('passes when at least one public resolver agrees', async () => {
    system.set('mixed.claude-health.test', { a: ['203.0.113.5'] });
    publicA.set('mixed.claude-health.test', { a: ['198.51.100.7'] });
    publicB.set('mixed.claude-health.test', { a: ['203.0.113.5'] });
    assert.equal(checkOf(await dnsOnly('mixed.claude-health.test', [publicA.address, publicB.address]), 'dns').status, 'pass');
  });

  it('flags a private answer for a public host as DNS interception', async () => {
    system.set('public.claude-health.test', { a: ['10.1.2.3'] });
    publicA.set('public.claude-health.test', { a: ['203.0.113.10'] });
    const dns = checkOf(await dnsOnly('public.claude-health.test', [publicA.address]), 'dns');
    assert.equal(dns.status, 'warn');
    assert.match(dns.detail, /resolves to 10\.1\.2\.3, a private-network address, public DNS says 203\.0\.113\.10: DNS interception/);
    assert.match(dns.hint ?? '', /hosts-file/);
  });

  it('flags a loopback answer for api.anthropic.com even without a comparison', async () => {
    system.set('api.anthropic.com', { a: ['127.0.0.1'] });
    const dns = checkOf(await dnsOnly('api.anthropic.com', []), 'dns');
    assert.equal(dns.status, 'warn');
    assert.match(dns.detail, /api\.anthropic\.com resolves to 127\.0\.0\.1, a loopback address/);
    assert.equal(dns.headline, 'DNS is intercepted: api.anthropic.com resolves to 127.0.0.1 here');
    assert.match(dns.notes.join('\n'), /Comparison with public resolvers is off/);
  });

  it('fails when a DNS filter answers 0.0.0.0', async () => {
    system.set('filtered.claude-health.test', { a: ['0.0.0.0'] });
    publicA.set('filtered.claude-health.test', { a: ['203.0.113.30'] });
    const dns = checkOf(await dnsOnly('filtered.claude-health.test', [publicA.address]), 'dns');
    assert.equal(dns.status, 'fail');
    assert.match(dns.detail, /resolves to 0\.0\.0\.0 here.*a DNS filter blocks it/);
  });

  it('accepts an internal name that public DNS does not know', async () => {
    system.set('gateway.corp.claude-health.test', { a: ['10.9.8.7'] });
    const dns = checkOf(await dnsOnly('gateway.corp.claude-health.test', [publicA.address]), 'dns');
    assert.equal(dns.status, 'pass');
    assert.match(dns.notes.join('\n'), /internal name/);
  });

  it('notes a public resolver that never answers, within the check\'s time', async () => {
    system.set('quiet.claude-health.test', { a: ['203.0.113.40'] });
    publicA.set('quiet.claude-health.test', 'silent');
    const started = performance.now();
    const dns = checkOf(await dnsOnly('quiet.claude-health.test', [publicA.address], 1500), 'dns');
    assert.ok(performance.now() - started < 1500 + 3000);
    assert.equal(dns.status, 'pass');
    assert.match(dns.detail, /public resolvers did not answer directly/);
    assert.match(dns.notes.join('\n'), /no answer \(timed out/);
  });

  it('lets TCP and the layers above start as soon as the system resolver answered, while a public resolver keeps quiet', async () => {
    system.set('early.claude-health.test', { a: ['127.0.0.1'] });
    publicA.set('early.claude-health.test', 'silent');
    const order: string[] = [];
    const report = await runDiagnostics(
      loopbackInput(`http://early.claude-health.test:${sim.port}`, sim.statusPageUrl, { lookup: lookupVia(system.address), dnsServers: [publicA.address] }),
      { only: ['http'], timeoutMs: 1500, onProgress: (check) => order.push(check.id) },
    );
    assert.equal(checkOf(report, 'http').status, 'pass');
    assert.equal(checkOf(report, 'dns').status, 'pass');
    assert.ok(order.indexOf('http') < order.indexOf('dns'), `finished in the order ${order.join(', ')}`);
  });

  it('needs no DNS for a loopback address and asks no resolver', async () => {
    const before = publicA.queries.length + system.queries.length;
    const report = await runDiagnostics(loopbackInput(sim.apiBaseUrl, sim.statusPageUrl, { dnsServers: [publicA.address], lookup: lookupVia(system.address) }), { only: ['dns'] });
    const dns = checkOf(report, 'dns');
    assert.equal(dns.status, 'pass');
    assert.equal(dns.detail, 'loopback host: no DNS needed');
    assert.equal(publicA.queries.length + system.queries.length, before);
  });

  it('is skipped with a reason when a proxy resolves for us', async () => {
    const proxy = await startConnectProxy();
    try {
      const report = await runDiagnostics(loopbackInput(`http://${HOST}:${sim.port}`, sim.statusPageUrl, { httpProxy: proxy.url, dnsServers: [publicA.address] }), { only: ['dns'] });
      const dns = checkOf(report, 'dns');
      assert.equal(dns.status, 'skip');
      assert.equal(dns.detail, `the proxy http://127.0.0.1:${proxy.port} resolves ${HOST} for us`);
    } finally {
      await proxy.close();
    }
  });
});

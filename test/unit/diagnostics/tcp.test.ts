// The TCP check: every resolved address, IPv4 and IPv6 apart, against real
// listeners and a refused port on loopback.
import assert from 'node:assert/strict';
import { tcpFailureFor } from '../../../src/core/diagnostics/checks/tcp';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { lookupVia } from '../../support/loopback/dns-lookup';
import { startDnsServer, type DnsServer } from '../../support/loopback/dns-server';
import { closedPort, startSilentServer, type LoopbackServer } from '../../support/loopback/servers';
import { checkOf, loopbackInput } from './support';

describe('diagnostics: tcp', () => {
  let dns: DnsServer;
  let listener: LoopbackServer;
  before(async () => {
    dns = await startDnsServer({ 'both.claude-health.test': { a: ['127.0.0.1'], aaaa: ['::1'] } });
    listener = await startSilentServer();
  });
  after(async () => {
    await Promise.all([dns.close(), listener.close()]);
  });

  function tcpOnly(host: string, port: number) {
    return runDiagnostics(loopbackInput(`http://${host}:${port}`, 'http://127.0.0.1:9/unused', { lookup: lookupVia(dns.address) }), { only: ['tcp'], timeoutMs: 8000 });
  }

  it('connects to each address, and warns when IPv6 fails while IPv4 works', async () => {
    // The listener is on 127.0.0.1 only, so ::1 refuses.
    const tcp = checkOf(await tcpOnly('both.claude-health.test', listener.port), 'tcp');
    assert.equal(tcp.status, 'warn');
    assert.match(tcp.detail, /IPv4 127\.0\.0\.1:\d+ in .*; IPv6 fails \(ECONNREFUSED\) while IPv4 works$/);
    assert.match(tcp.hint ?? '', /ipv4first/);
    const ipv4 = tcp.data?.ipv4 as { ok: boolean }[];
    const ipv6 = tcp.data?.ipv6 as { ok: boolean; code: string }[];
    assert.deepEqual(ipv4.map((a) => a.ok), [true]);
    assert.deepEqual(ipv6.map((a) => [a.ok, a.code]), [[false, 'ECONNREFUSED']]);
  });

  it('fails with its own hint when every address refuses', async () => {
    const port = await closedPort();
    const tcp = checkOf(await tcpOnly('both.claude-health.test', port), 'tcp');
    assert.equal(tcp.status, 'fail');
    assert.match(tcp.detail, /^connection refused by both\.claude-health\.test port \d+$/);
    assert.match(tcp.hint ?? '', /check the port in the base URL/);
    assert.match(tcp.notes.join('\n'), /\[::1\]:\d+ ECONNREFUSED/);
  });

  it('passes for a listener that accepts, whatever it does afterwards', async () => {
    const tcp = checkOf(await tcpOnly('127.0.0.1', listener.port), 'tcp');
    assert.equal(tcp.status, 'pass');
    assert.match(tcp.detail, /^127\.0\.0\.1 port \d+: IPv4 127\.0\.0\.1:\d+ in /);
  });

  it('gives refused, timed out and unreachable each their own next step (codes loopback cannot produce)', () => {
    const hints = ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].map((code) => tcpFailureFor(code, 'api.anthropic.com port 443', false));
    assert.match(hints[0]!.hint, /Nothing accepts connections there/);
    assert.match(hints[1]!.hint, /silently dropped: a firewall blocks/);
    assert.match(hints[1]!.headline, /time out \(firewall\?\)$/);
    assert.match(hints[2]!.hint, /no route there/);
    assert.equal(hints[3]!.hint, hints[2]!.hint);
    assert.equal(new Set(hints.slice(0, 3).map((h) => h.hint)).size, 3);
    assert.match(tcpFailureFor('ETIMEDOUT', 'the proxy', true).hint, /proxy does not answer/);
  });
});

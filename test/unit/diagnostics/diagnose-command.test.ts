// `claude-health diagnose` run in-process with a captured CliIo, against the
// simulator and a refused port; flags and their errors.
import assert from 'node:assert/strict';
import { runDiagnoseCommand, type DiagnoseFlags } from '../../../src/cli/diagnose-command';
import { UsageError } from '../../../src/cli/io';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { captureIo } from '../../support/capture-io';
import { startDnsServer, type DnsServer } from '../../support/loopback/dns-server';
import { closedPort } from '../../support/loopback/servers';
import { SENTINEL_KEY } from './support';

const captured = (env: Record<string, string | undefined> = { ANTHROPIC_API_KEY: SENTINEL_KEY }) => captureIo(env);

describe('claude-health diagnose', () => {
  let sim: RunningSimulator;
  let dns: DnsServer;
  before(async () => {
    sim = await startSimulator();
    dns = await startDnsServer();
  });
  after(async () => {
    await Promise.all([sim.close(), dns.close()]);
  });

  const local = (extra: DiagnoseFlags = {}): DiagnoseFlags => ({ 'base-url': sim.apiBaseUrl, 'status-url': sim.statusPageUrl, 'dns-servers': dns.address, ...extra });

  it('prints one JSON document and exits 0 when nothing failed', async () => {
    const io = captured();
    const code = await runDiagnoseCommand(local({ json: true }), io);
    assert.equal(code, 0, io.out);
    const document = JSON.parse(io.out);
    assert.deepEqual(Object.keys(document), ['checks', 'summary', 'startedAt', 'durationMs']);
    assert.equal(document.checks.length, 13);
    assert.match(document.checks.find((c: { id: string }) => c.id === 'config').detail, /from --base-url/);
    assert.match(document.checks.find((c: { id: string }) => c.id === 'config').notes.join('\n'), /from ANTHROPIC_API_KEY/);
    assert.equal(io.out.includes(SENTINEL_KEY), false);
    assert.equal(io.err, '');
  });

  it('prints Markdown with --markdown and exits 1 when a check failed', async () => {
    const port = await closedPort();
    const io = captured();
    const code = await runDiagnoseCommand(local({ 'base-url': `http://127.0.0.1:${port}`, 'timeout-ms': '5000', markdown: true }), io);
    assert.equal(code, 1);
    assert.match(io.out.split('\n')[0] ?? '', /^\*\*TCP fails: 127\.0\.0\.1 port \d+ refuses connections/);
  });

  it('scans the folder given with --workspace', async () => {
    const io = captured();
    await runDiagnoseCommand(local({ json: true, workspace: 'test/snippets' }), io);
    const sdk = JSON.parse(io.out).checks.find((c: { id: string }) => c.id === 'sdk-versions');
    assert.notEqual(sdk.status, 'skip');
  });

  it('sends the billed message only with --inference', async () => {
    const io = captured();
    await runDiagnoseCommand(local({ json: true, inference: true, model: 'claude-sonnet-4-5' }), io);
    const inference = JSON.parse(io.out).checks.find((c: { id: string }) => c.id === 'inference');
    assert.equal(inference.status, 'pass');
    assert.match(inference.detail, /^claude-sonnet-4-5 answered/);
  });

  it('prints what it found and exits 1 when stopped', async () => {
    const io = captured();
    const code = await runDiagnoseCommand(local({ json: true }), io, AbortSignal.abort());
    assert.equal(code, 1);
    assert.equal(JSON.parse(io.out).cancelled, true);
  });

  const bad: [string, DiagnoseFlags, RegExp][] = [
    ['a base URL that is not http(s)', { 'base-url': 'ftp://example.invalid' }, /^--base-url must start with https:\/\/ or http:\/\//],
    ['a DNS server that is not an address', { 'dns-servers': '1.1.1.1,resolver.example' }, /^--dns-servers takes IP addresses/],
    ['a timeout that is not a number', { 'timeout-ms': 'soon' }, /^--timeout-ms must be a whole number/],
    ['both output formats', { json: true, markdown: true }, /^--json and --markdown exclude each other$/],
    ['a missing workspace', { workspace: '/nonexistent/claude-health' }, /^--workspace must be an existing folder/],
    ['--model without --inference', { model: 'claude-haiku-4-5' }, /^--model only applies with --inference$/],
  ];
  for (const [what, flags, message] of bad) {
    it(`refuses ${what} with a UsageError`, async () => {
      await assert.rejects(runDiagnoseCommand(local(flags), captured()), (error: unknown) => error instanceof UsageError && message.test(error.message));
    });
  }

  it('turns the resolver comparison off with an empty --dns-servers', async () => {
    const io = captured();
    await runDiagnoseCommand(local({ json: true, 'dns-servers': '' }), io);
    assert.equal(JSON.parse(io.out).checks.find((c: { id: string }) => c.id === 'dns').status, 'pass');
  });
});

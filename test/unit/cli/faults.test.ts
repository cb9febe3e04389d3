// The CLI in-process against the same faults as the monitor's fault matrix:
// `status` and `probe` exit 1 with a one-line reason, within their deadline,
// and never print the key.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { captureIo } from '../../support/capture-io';
import { testCertificates } from '../../support/loopback/certificates';
import { startFaultFront, startProxyFront, type FaultFront, type FrontFault, type ProxyFault, type ProxyFront } from '../../support/loopback/fault-front';
import { SimClient } from '../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const TIMEOUT_MS = 1000;
/** A hang guard, not a speed check: far above the deadline on a loaded machine. */
const HANG_BOUND_MS = 15_000;

interface CliFault {
  name: string;
  front?: FrontFault;
  proxy?: ProxyFault;
  /** What the one-line reason says. */
  reason: RegExp;
  /** What the probe reports (its outcome and code). */
  probe: RegExp;
}

const CLI_FAULTS: readonly CliFault[] = [
  { name: 'refused', front: 'refuse', reason: /ECONNREFUSED/, probe: /network_error.*ECONNREFUSED/ },
  { name: 'reset mid-body', front: 'reset', reason: /ECONNRESET/, probe: /network_error.*ECONNRESET/ },
  { name: 'hang', front: 'hang', reason: /no complete answer|timed out|within/i, probe: /timeout/ },
  { name: 'untrusted certificate', front: 'untrusted-tls', reason: /TLS|certificate/i, probe: /network_error.*(SELF_SIGNED|CERT|UNABLE)/ },
  { name: 'redirect loop', front: 'redirect-loop', reason: /302/, probe: /bad_request.*302/ },
  { name: 'HTML 502 from a CDN', front: 'html-502', reason: /502/, probe: /server_error.*502/ },
  { name: 'proxy 407', proxy: 'proxy-407', reason: /credentials \(407/, probe: /network_error.*ERR_PROXY_TUNNEL/ },
  { name: 'proxy hang', proxy: 'proxy-hang', reason: /proxy|no complete answer|within/i, probe: /timeout|network_error/ },
  { name: 'proxy refused', proxy: 'proxy-refuse', reason: /ECONNREFUSED.*proxy|proxy.*ECONNREFUSED/i, probe: /network_error.*ECONNREFUSED/ },
];

describe('CLI under network faults', function () {
  this.timeout(60_000);
  let sim: SimClient;
  let plain: FaultFront;
  let secure: FaultFront;
  let proxy: ProxyFront;

  before(async () => {
    const certificates = testCertificates();
    sim = await SimClient.start({ scenario: 'healthy', requiredApiKey: SENTINEL_KEY });
    plain = await startFaultFront({ target: sim.url });
    // The CLI trusts the system's roots only: the test root is not among them, so only the
    // untrusted-tls fault reaches this front's TLS, and the proxy faults fail before it.
    secure = await startFaultFront({ target: sim.url, tls: { trusted: certificates.valid, untrusted: certificates.selfSigned } });
    proxy = await startProxyFront();
  });
  after(async () => {
    await Promise.all([plain.close(), secure.close(), proxy.close()]);
    await sim.close();
  });
  afterEach(async () => {
    await Promise.all([plain.setFault('none'), secure.setFault('none'), proxy.setFault('none')]);
  });

  async function run(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string; ms: number }> {
    const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY, ...env });
    const started = performance.now();
    const code = await main(argv, io);
    const ms = performance.now() - started;
    assertNoSentinel(io.out + io.err, `output of ${argv.join(' ')}`);
    return { code, out: io.out, err: io.err, ms };
  }

  function oneLine(text: string, where: string): string {
    const lines = text.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 1, `${where}: one line, not ${JSON.stringify(text)}`);
    return lines[0]!;
  }

  it('passes through the fronts when there is no fault', async () => {
    const status = await run(['status', '--status-url', `${plain.url}/api/v2/summary.json`, '--timeout-ms', String(TIMEOUT_MS)], {});
    assert.equal(status.code, 0, status.out + status.err);
    const probe = await run(['probe', '--base-url', plain.url, '--timeout-ms', String(TIMEOUT_MS)], {});
    assert.equal(probe.code, 0, probe.out + probe.err);
  });

  for (const fault of CLI_FAULTS) {
    it(`${fault.name}: status and probe exit 1 with the reason, within the deadline`, async () => {
      let front = plain;
      const env: Record<string, string> = {};
      const flags: string[] = ['--timeout-ms', String(TIMEOUT_MS)];
      if (fault.front === 'untrusted-tls') front = secure;
      if (fault.front) await front.setFault(fault.front);
      if (fault.proxy) {
        // https through the proxy, so the key may go: the tunnel fails before any TLS.
        front = secure;
        await proxy.setFault(fault.proxy);
        flags.push('--proxy', proxy.url);
        env.CLAUDE_HEALTH_PROXY_LOOPBACK = '1';
      }

      const status = await run(['status', '--status-url', `${front.url}/api/v2/summary.json`, ...flags], env);
      assert.equal(status.code, 1, status.out + status.err);
      assert.match(oneLine(status.err, 'status stderr'), new RegExp(`^claude-health status: .*${fault.reason.source}`, fault.reason.flags));
      assert.ok(status.ms < HANG_BOUND_MS, `status took ${Math.round(status.ms)} ms`);

      const probe = await run(['probe', '--json', '--base-url', front.url, ...flags], env);
      assert.equal(probe.code, 1, probe.out + probe.err);
      const json = JSON.parse(probe.out) as { outcome: string; networkCode: string | null; httpStatus: number | null; message: string };
      assert.match(`${json.outcome} ${json.networkCode ?? ''} ${json.httpStatus ?? ''} ${json.message}`, fault.probe);
      assert.ok(probe.ms < HANG_BOUND_MS, `probe took ${Math.round(probe.ms)} ms`);

      const text = await run(['probe', '--base-url', front.url, ...flags], env);
      assert.equal(text.code, 1);
      assert.match(oneLine(text.out, 'probe report'), new RegExp(`^probe models: ${json.outcome} in \\d+ ms - `));
    });
  }
});

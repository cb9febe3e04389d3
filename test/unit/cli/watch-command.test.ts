import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { EXIT_UNKNOWN, runWatchCommand } from '../../../src/cli/watch-command';
import type { VerdictJson } from '../../../src/cli/watch/output';
import { CLAUDE_API_COMPONENT_ID } from '../../../src/sim/components';
import type { Scenario } from '../../../src/sim/scenario';
import { captureIo } from '../../support/capture-io';
import { startHttpServer } from '../../support/loopback/servers';
import { SimClient } from '../../support/sim-client';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];
const green = { indicator: 'none' } as const;

/** Every request gets a 529 while the page stays green: only the probe can tell. */
const stormUnderGreenPage: Scenario = {
  name: 'storm-green-page',
  description: 'every request 529, page green',
  phases: [{ name: 'storm', faults: [{ kind: 'overloaded', probability: 1 }], statusPage: green }] };
/** The page announces maintenance; the API answers. */
const quietMaintenance: Scenario = {
  name: 'quiet-maintenance',
  description: 'maintenance announced, API answering',
  phases: [{ name: 'maintenance', statusPage: { indicator: 'maintenance', components: { [CLAUDE_API_COMPONENT_ID]: 'under_maintenance' } } }],
};

describe('claude-health watch against the simulator', function () {
  this.timeout(90_000);
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ scenario: 'healthy' });
  });
  after(async () => {
    await sim.close();
  });

  describe('--once', () => {

    const flags = (extra: Record<string, string | boolean> = {}) => ({ once: true, json: true, 'api-base-url': sim.url, 'status-page-url': sim.sim.statusPageUrl, ...extra });

    async function once(scenario: string | Scenario, env: Record<string, string> = { ANTHROPIC_API_KEY: SENTINEL_KEY }, extra: Record<string, string | boolean> = {}) {
      await sim.useScenario(scenario);
      const io = captureIo(env);
      const code = await runWatchCommand(flags(extra), io);
      assertNoSentinel(io.out + io.err, 'watch --once output');
      const verdict = JSON.parse(io.out) as VerdictJson;
      assert.equal(verdict.exitCode, code, 'the JSON carries the exit code');
      return { code, verdict, io };
    }

    it('exits 0 when the page is green and the probe succeeds', async () => {
      const { code, verdict } = await once('healthy');
      assert.equal(code, 0);
      assert.equal(verdict.state, 'operational');
      assert.equal(verdict.results[0]?.outcome, 'ok');
    });

    it('exits 1 on one 529 even while the page is green (one bad round counts)', async () => {
      const { code, verdict } = await once(stormUnderGreenPage);
      assert.equal(code, 1);
      assert.equal(verdict.state, 'degraded');
      assert.equal(verdict.page.state, 'operational');
      assert.equal(verdict.results[0]?.outcome, 'overloaded');
    });

    it('exits 1 during an outage the page reports', async () => {
      const { code, verdict } = await once('outage');
      assert.equal(code, 1);
      assert.equal(verdict.state, 'outage');
    });

    it('exits 1 during maintenance', async () => {
      const { code, verdict } = await once(quietMaintenance);
      assert.equal(code, 1);
      assert.equal(verdict.state, 'maintenance');
    });

    it('exits 3 without a key when the page is green: it cannot tell', async () => {
      const { code, verdict } = await once('healthy', {});
      assert.equal(code, EXIT_UNKNOWN);
      assert.equal(verdict.state, 'unconfigured');
      assert.deepEqual(verdict.results, []);
    });

    it('exits 1 without a key when the page reports trouble', async () => {
      const { code, verdict } = await once('outage', {});
      assert.equal(code, 1);
      assert.equal(verdict.state, 'outage');
    });

    it('exits 3 when the page cannot be read and no probe can run', async () => {
      const { code, verdict } = await once('healthy', {}, { 'status-page-url': `${sim.url}/no/such/page.json` });
      assert.equal(code, EXIT_UNKNOWN);
      assert.equal(verdict.page.state, 'unknown');
    });

    it('prints one line for people without --json', async () => {
      await sim.useScenario(stormUnderGreenPage);
      const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY });
      assert.equal(await runWatchCommand({ once: true, 'api-base-url': sim.url, 'status-page-url': sim.sim.statusPageUrl }, io), 1);
      assert.match(io.out, /^degraded: .*529 overloaded/);
      assertNoSentinel(io.out + io.err, 'watch --once output');
    });
  });

  describe('running', () => {
    /** Resolves when `predicate` holds for the output so far. */
    async function until(io: { out: string }, predicate: (out: string) => boolean): Promise<void> {
      const deadline = Date.now() + 60_000;
      while (!predicate(io.out)) {
        if (Date.now() > deadline) throw new Error(`no such output in time; so far:\n${io.out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    it('prints the metrics URL first, a JSON line per probe round, serves the metrics, and stops cleanly', async () => {
      await sim.useScenario(stormUnderGreenPage);
      const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY });
      const stop = new AbortController();
      const running = runWatchCommand(
        { json: true, 'metrics-port': '0', 'api-base-url': sim.url, 'status-page-url': sim.sim.statusPageUrl, 'probe-interval-seconds': '5' },
        io,
        { stop: stop.signal },
      );
      try {
        await until(io, (out) => out.includes('"event":"probe"'));
        const lines = io.out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
        assert.deepEqual(Object.keys(lines[0]!), ['metricsUrl']);
        const metricsUrl = String(lines[0]!.metricsUrl);
        assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
        const round = lines.find((line) => line.event === 'probe') as { results: { outcome: string }[]; window: { overloaded: number } };
        assert.equal(round.results[0]?.outcome, 'overloaded');
        assert.equal(round.window.overloaded, 1);
        const scrape = await (await fetch(metricsUrl)).text();
        assert.match(scrape, /^claude_health_requests_total\{source="probe",kind="overloaded",code="529"\} 1$/m);
        assert.match(scrape, /^claude_health_status_page_component\{component="[^"]+",component_id="k8w3r06qmzrp",status="operational"\} 1$/m);
        assert.match(scrape, /^claude_health_request_duration_seconds_count\{source="probe"\} 1$/m);
        assertNoSentinel(scrape, 'the scrape');
      } finally {
        stop.abort();
      }
      assert.equal(await running, 0);
      assertNoSentinel(io.out + io.err, 'watch output');
    });

    it('prints a line per health change and keeps a live line on a terminal', async () => {
      await sim.useScenario('healthy');
      const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY });
      const stop = new AbortController();
      const running = runWatchCommand({ 'api-base-url': sim.url, 'status-page-url': sim.sim.statusPageUrl }, io, { stop: stop.signal, live: true });
      try {
        await until(io, (out) => /\r\x1b\[2Koperational {2}\d+ ms {2}529×0 429×0 {2}page: operational/.test(out));
        assert.match(io.out, /^\S+Z unknown -> operational: status page: operational/m);
      } finally {
        stop.abort();
      }
      assert.equal(await running, 0);
      assert.ok(io.out.endsWith('\n'), 'the live line is ended on exit');
      assertNoSentinel(io.out + io.err, 'watch output');
    });

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`runs as a process, and on ${signal} closes the metrics server and exits 0`, async () => {
        await sim.useScenario('healthy');
        const child = spawn(process.execPath, [...cli, 'watch', '--json', '--metrics-port', '0', '--api-base-url', sim.url, '--status-page-url', sim.sim.statusPageUrl], {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', ANTHROPIC_API_KEY: SENTINEL_KEY },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        await until({ get out() { return out; } }, (text) => text.includes('"event":"probe"'));
        const { metricsUrl } = JSON.parse(out.split('\n')[0]!) as { metricsUrl: string };
        assert.equal((await fetch(metricsUrl)).status, 200);
        child.kill(signal);
        assert.equal(await exited, 0, err);
        await assert.rejects(fetch(metricsUrl), 'the metrics server is closed');
        assertNoSentinel(out + err, 'watch process output');
      });
    }
  });
});

describe('claude-health watch: flags and config files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claude-health-watch-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function usage(args: string[], expected: RegExp): Promise<string> {
    const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY });
    assert.equal(await main(['watch', ...args], io), 2, `${args.join(' ')}: ${io.err}`);
    assert.match(io.err, expected);
    assert.equal(io.err.trim().split('\n').length, 1, 'one line');
    assert.equal(io.out, '', 'nothing on stdout');
    assertNoSentinel(io.err, 'usage error');
    return io.err;
  }

  function config(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  it('refuses bad flags with a reason naming the flag', async () => {
    await usage(['--probe-interval-seconds', '3'], /--probe-interval-seconds must be a whole number from 5 to 3600, not "3"/);
    await usage(['--probe-interval-seconds', '1e3'], /--probe-interval-seconds must be a whole number/);
    await usage(['--probe-mode', 'chat'], /--probe-mode must be one of models, count_tokens, message/);
    await usage(['--probe-models', 'haiku please'], /--probe-models has an invalid entry "haiku please"/);
    await usage(['--status-page-components', ''], /--status-page-components is empty/);
    await usage(['--status-page-url', 'ftp://example.com/x'], /--status-page-url /);
    await usage(['--api-base-url', 'http://user:pw@127.0.0.1:1'], /--api-base-url /);
    await usage(['--health-degrade-after', '11'], /--health-degrade-after must be a whole number from 1 to 10/);
    await usage(['--notifications', 'loud'], /--notifications must be one of all, outages, off/);
    await usage(['--no-such-flag'], /unknown flag --no-such-flag; watch takes .*--probe-interval-seconds/);
    await usage(['--metrics-port', '70000'], /--metrics-port must be a whole number from 0 to 65535/);
    await usage(['--metrics-port', '0', '--metrics-host', 'example.com'], /--metrics-host must be an IP address/);
    await usage(['--metrics-host', '127.0.0.1'], /--metrics-host needs --metrics-port/);
    await usage(['--once', '--metrics-port', '0'], /--metrics-port serves a running watch/);
  });

  it('refuses the key over plain http to another machine unless allowed', async () => {
    await usage(['--once', '--api-base-url', 'http://192.0.2.1:8080'], /--allow-insecure-http/);
  });

  it('refuses bad config files, naming the file and the key', async () => {
    await usage(['--config', path.join(dir, 'missing.json')], /--config .*missing\.json cannot be read \(ENOENT\)/);
    await usage(['--config', config('broken.json', '{"probe.mode": ')], /broken\.json is not a settings file: the text is not valid JSON/);
    const passwd = await usage(['--config', config('passwd.json', 'root:x:0:0:root:/root:/bin/bash\n')], /passwd\.json is not a settings file/);
    assert.ok(!passwd.includes('root:x'), `nothing is quoted from a file that is not JSON: ${passwd}`);
    await usage(['--config', config('list.json', '["probe.mode"]')], /list\.json must hold a JSON object of settings/);
    await usage(['--config', config('unknown.json', '{"probe.modes": "models"}')], /unknown\.json: unknown setting "probe\.modes"; the settings are apiBaseUrl, /);
    await usage(['--config', config('range.json', '{"probe.intervalSeconds": 2}')], /range\.json: probe\.intervalSeconds must be between 5 and 3600/);
    await usage(['--config', config('type.json', '{"statusPage.components": "k8w3r06qmzrp"}')], /type\.json: statusPage\.components must be a list/);
    await usage(['--config', config('big.json', `{"notifications": "${'x'.repeat(70_000)}"}`)], /big\.json is larger than 64 KiB/);
  });

  it('takes settings from the config file, with or without the claudeHealth prefix, and lets flags override them', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    try {
      const file = config('ok.json', JSON.stringify({ 'claudeHealth.probe.mode': 'count_tokens', 'probe.models': ['claude-opus-4-5'], statusPageUrl: 'http://127.0.0.1:1/never-read' }));
      const io = captureIo({});
      const code = await runWatchCommand({ once: true, json: true, config: file, 'status-page-url': `${server.url}/summary.json` }, io);
      assert.equal(code, EXIT_UNKNOWN, 'no key, unreadable page');
      const verdict = JSON.parse(io.out) as VerdictJson;
      assert.match(verdict.page.reason, /503/, 'the flag replaced the file\'s status page URL');
    } finally {
      await server.close();
    }
  });

  it('documents the exit codes and every setting flag in its help', async () => {
    const io = captureIo({});
    assert.equal(await main(['watch', '--help'], io), 0);
    assert.match(io.out, /^\s+0\s+operational \(--once\)/m);
    assert.match(io.out, /^\s+1\s+--once: degraded, outage or maintenance/m);
    assert.match(io.out, /^\s+2\s+a bad flag or config file/m);
    assert.match(io.out, /^\s+3\s+--once: could not tell/m);
    assert.match(io.out, /--status-page-interval-seconds N\s+claudeHealth\.statusPage\.intervalSeconds, 5 to 3600/);
    const overview = captureIo({});
    assert.equal(await main(['--help'], overview), 0);
    assert.match(overview.out, /^ {2}watch\s+Run the monitor/m);
  });
});

// `claude-health diagnose` in a terminal: plain text that pastes into a shell
// as it reads, colour only on a TTY without NO_COLOR, hints in the CLI's own
// terms; --proxy and --allow-insecure-http like status and probe; and the
// config check's warning for the look-alike variable names.
import assert from 'node:assert/strict';
import { runDiagnoseCommand, type DiagnoseFlags } from '../../../src/cli/diagnose-command';
import { misnamedVariables } from '../../../src/core/diagnostics/checks/config';
import { tcpFailureFor } from '../../../src/core/diagnostics/checks/tcp';
import { INFERENCE_NOT_ENABLED, INFERENCE_NOT_ENABLED_CLI } from '../../../src/core/diagnostics/checks/inference';
import { ansiColour, colourFor, noColour } from '../../../src/core/diagnostics/render/ansi';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { renderText } from '../../../src/core/diagnostics/render/text';
import type { CheckResult, DiagnosticsReport } from '../../../src/core/diagnostics/types';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { captureIo } from '../../support/capture-io';
import { startConnectProxy, type ConnectProxy } from '../../support/loopback/connect-proxy';
import { closedPort } from '../../support/loopback/servers';

const KEY = 'sk-ant-api03-SENTINEL-diagnose-output-0123456789abcdefXYZW';
const ESC = '\u001b';

function check(id: CheckResult['id'], status: CheckResult['status'], detail: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { id, title: id, status, detail, durationMs: 12, notes: [], ...extra };
}

const REPORT: DiagnosticsReport = {
  checks: [
    check('config', 'pass', 'https://api.anthropic.com (the default)', { notes: ['Base URL: https://api.anthropic.com (the default).'] }),
    check('sdk-versions', 'warn', 'anthropic 0.40.0 is older than 0.47 [`pyproject.toml`]', {
      hint: 'Upgrade: pip install -U "anthropic>=0.47" (then re-run your tests).',
      notes: ['requirements.txt: anthropic==0.40.0 *pinned*'],
    }),
    check('status-page', 'fail', `an incident \u001b[2J\u001b]8;;https://evil.test\u0007named | here`, { hint: 'Follow https://status.claude.com for updates.' }),
  ],
  summary: 'Anthropic reports an outage: *API* down',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1500,
  cancelled: false,
};

describe('claude-health diagnose output', function () {
  this.timeout(30_000);

  describe('the plain-text renderer', () => {
    it('prints commands and names unescaped, so they paste into a shell as they read', () => {
      const text = renderText(REPORT);
      assert.ok(text.includes('pip install -U "anthropic>=0.47"'), text);
      assert.ok(text.includes('[`pyproject.toml`]'));
      assert.ok(text.includes('anthropic==0.40.0 *pinned*'));
      assert.ok(text.startsWith('Anthropic reports an outage: *API* down\n'));
      assert.equal(text.includes('\\'), false, 'no Markdown escapes');
      assert.doesNotMatch(text, /^#|\| --- \||\*\*|&gt;|&lt;/m);
      assert.ok(renderMarkdown(REPORT).includes('anthropic\\>=0.47') || renderMarkdown(REPORT).includes('anthropic&gt;=0.47'), 'the Markdown renderer still escapes');
    });

    it('lists every check on one line with its status, then the next step of each that did not pass', () => {
      const lines = renderText(REPORT).split('\n');
      assert.ok(lines.some((line) => /^ {2}pass {2}config +https:\/\/api\.anthropic\.com \(the default\) \(12 ms\)$/.test(line)), lines.join('\n'));
      assert.ok(lines.some((line) => /^ {2}WARN {2}sdk-versions/.test(line)));
      assert.ok(lines.some((line) => /^ {2}FAIL {2}status-page/.test(line)));
      assert.ok(lines.includes('  Next step: Follow https://status.claude.com for updates.'));
      assert.ok(lines.indexOf('status-page (status-page): FAIL') < lines.indexOf('sdk-versions (sdk-versions): WARN'), 'failures first');
    });

    it('blanks control characters from the network, so nothing reaches the terminal as an escape', () => {
      const text = renderText(REPORT);
      assert.equal(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text), false, JSON.stringify(text));
      assert.ok(text.includes('an incident  [2J ]8;;https://evil.test named | here'), text);
    });

    it('colours only when painted, and the same words either way', () => {
      const coloured = renderText(REPORT, ansiColour);
      assert.ok(coloured.includes(`${ESC}[31mFAIL${ESC}[39m`));
      assert.ok(coloured.includes(`${ESC}[33mWARN${ESC}[39m`));
      assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), renderText(REPORT, noColour));
    });

    it('paints on a terminal only, and never with NO_COLOR set', () => {
      assert.equal(colourFor(true, {}), ansiColour);
      assert.equal(colourFor(true, { NO_COLOR: '1' }), noColour);
      assert.equal(colourFor(false, {}), noColour);
      assert.equal(colourFor(undefined, {}), noColour);
      assert.equal(colourFor(true, { NO_COLOR: '' }), ansiColour, 'an empty NO_COLOR does not count (no-color.org)');
    });
  });

  describe('against the simulator', () => {
    let sim: RunningSimulator;
    let proxy: ConnectProxy;
    before(async () => {
      [sim, proxy] = await Promise.all([startSimulator(), startConnectProxy()]);
    });
    after(async () => {
      await Promise.all([sim.close(), proxy.close()]);
    });

    const local = (extra: DiagnoseFlags = {}): DiagnoseFlags => ({ 'base-url': sim.apiBaseUrl, 'status-url': sim.statusPageUrl, 'dns-servers': '', ...extra });
    const run = async (flags: DiagnoseFlags, env: Record<string, string | undefined> = {}, isTTY?: boolean) => {
      const capture = captureIo({ ANTHROPIC_API_KEY: KEY, ...env });
      const target = isTTY === undefined ? capture : Object.assign(capture, { isTTY });
      const code = await runDiagnoseCommand(flags, target);
      assert.equal(target.out.includes(KEY), false);
      assert.equal(target.out.includes('SENTINEL-diagnose'), false);
      return { code, out: target.out, err: target.err };
    };

    it('prints plain text by default: no Markdown, no colour when piped, and says --inference', async () => {
      const { code, out, err } = await run(local());
      assert.equal(code, 0, out);
      assert.equal(err, '');
      assert.ok(out.startsWith('All checks passed'), out);
      assert.equal(out.includes(ESC), false);
      assert.doesNotMatch(out, /\*\*|^#|\| --- \||\\/m);
      assert.ok(out.includes(INFERENCE_NOT_ENABLED_CLI), out);
      assert.equal(out.includes('enable message probes'), false);
    });

    it('colours on a terminal, and not with NO_COLOR', async () => {
      assert.ok((await run(local(), {}, true)).out.includes(`${ESC}[32mpass${ESC}[39m`));
      assert.equal((await run(local(), { NO_COLOR: '1' }, true)).out.includes(ESC), false);
    });

    it('keeps --markdown and --json as they were, the hint in the CLI\'s terms', async () => {
      const markdown = await run(local({ markdown: true }), {}, true);
      assert.match(markdown.out, /^\*\*All checks passed/);
      assert.equal(markdown.out.includes(ESC), false);
      const json = JSON.parse((await run(local({ json: true }), {}, true)).out) as DiagnosticsReport;
      assert.equal(json.checks.find((c) => c.id === 'inference')?.detail, INFERENCE_NOT_ENABLED_CLI);
      assert.notEqual(INFERENCE_NOT_ENABLED, INFERENCE_NOT_ENABLED_CLI);
    });

    it('goes through --proxy, and sends the key over plain http through it only with --allow-insecure-http', async () => {
      const viaProxy = { CLAUDE_HEALTH_PROXY_LOOPBACK: '1' };
      const before = proxy.requests.length;
      const without = JSON.parse((await run(local({ json: true, proxy: proxy.url }), viaProxy)).out) as DiagnosticsReport;
      const status = (report: DiagnosticsReport, id: string) => report.checks.find((c) => c.id === id)?.status;
      assert.equal(status(without, 'proxy'), 'pass');
      assert.ok(without.checks.find((c) => c.id === 'proxy')?.notes.includes(`Flag: --proxy http://127.0.0.1:${proxy.port}.`));
      assert.equal(status(without, 'auth'), 'skip', 'the key is not sent over plain http through a proxy without consent');
      assert.ok(proxy.requests.length > before, 'the requests went through the proxy');
      const allowed = JSON.parse((await run(local({ json: true, proxy: proxy.url, 'allow-insecure-http': true }), viaProxy)).out) as DiagnosticsReport;
      assert.equal(status(allowed, 'proxy'), 'pass');
      assert.equal(status(allowed, 'auth'), 'pass');
      assert.ok(proxy.requests.slice(before).every((r) => r.authority === `127.0.0.1:${sim.port}`), 'every tunnel went to the simulator');
    });

    it('says a dead --proxy plainly: no DNS for an IP address, its port named once, hints in the CLI\'s terms', async () => {
      const port = await closedPort();
      const dead = `http://127.0.0.1:${port}`;
      const { code, out } = await run(local({ proxy: dead, 'allow-insecure-http': true }), { CLAUDE_HEALTH_PROXY_LOOPBACK: '1' });
      assert.equal(code, 1);
      assert.match(out, new RegExp(`^ {2}skip {2}DNS +127\\.0\\.0\\.1 is an IP address: nothing to resolve \\(requests go through the proxy ${dead.replace(/\./g, '\\.')}\\)`, 'm'), out);
      assert.match(out, new RegExp(`^ {2}FAIL {2}TCP +connection refused by the proxy ${dead.replace(/\./g, '\\.')} \\(`, 'm'), out);
      assert.doesNotMatch(out, /resolves 127\.0\.0\.1 for us| port \d+ port \d+|:\d+ port \d+/);
      const invalid = await run(local({ json: true }), { CLAUDE_HEALTH_PROXY_LOOPBACK: '1', HTTP_PROXY: 'ftp://proxy.test' });
      const proxyCheck = (JSON.parse(invalid.out) as DiagnosticsReport).checks.find((c) => c.id === 'proxy')!;
      assert.equal(proxyCheck.status, 'fail');
      assert.match(proxyCheck.hint ?? '', /^Fix --proxy or HTTPS_PROXY\/HTTP_PROXY\/ALL_PROXY/);
    });

    it('warns in the config check when CLAUDE_API_KEY or CLAUDE_BASE_URL is set but the ANTHROPIC_ name is not', async () => {
      const secret = 'sk-ant-api03-SENTINEL-diagnose-output-misnamed-0123456789';
      const config = async (env: Record<string, string | undefined>) => {
        const { out } = await run(local({ json: true }), env);
        assert.equal(out.includes(secret), false, 'the look-alike key is never shown');
        return (JSON.parse(out) as DiagnosticsReport).checks.find((c) => c.id === 'config')!;
      };
      const misnamed = await config({ ANTHROPIC_API_KEY: undefined, CLAUDE_API_KEY: secret, CLAUDE_BASE_URL: 'https://gateway.example.test' });
      assert.equal(misnamed.status, 'fail', 'no key at all is still the failure');
      const all = [misnamed.detail, ...misnamed.notes].join('\n');
      assert.match(all, /CLAUDE_API_KEY is set but ANTHROPIC_API_KEY is not; the SDKs read only ANTHROPIC_API_KEY/);
      assert.match(all, /CLAUDE_BASE_URL is set but ANTHROPIC_BASE_URL is not/);
      const onlyBaseUrl = await config({ CLAUDE_BASE_URL: 'https://gateway.example.test' });
      assert.equal(onlyBaseUrl.status, 'warn');
      assert.equal(onlyBaseUrl.detail, 'CLAUDE_BASE_URL is set but ANTHROPIC_BASE_URL is not; the SDKs read only ANTHROPIC_BASE_URL');
      assert.equal(onlyBaseUrl.hint, 'Rename CLAUDE_BASE_URL to ANTHROPIC_BASE_URL (export ANTHROPIC_BASE_URL=... in the shell profile or the CI secrets).');
      assert.equal((await config({ CLAUDE_API_KEY: secret })).status, 'pass', 'both set: the SDKs find ANTHROPIC_API_KEY');
    });

    it('refuses --allow-insecure-http with a value, and a bad --proxy, naming the flag', async () => {
      await assert.rejects(runDiagnoseCommand(local({ proxy: 'ftp://proxy.test' }), captureIo({})), /^UsageError: --proxy takes a proxy URL/);
      await assert.rejects(runDiagnoseCommand(local({ 'allow-insecure-http': 'yes' }), captureIo({})), /^UsageError: --allow-insecure-http takes no value$/);
    });
  });

  it('names the proxy setting of the surface the report is read on', () => {
    assert.match(tcpFailureFor('ETIMEDOUT', 'api.anthropic.com port 443', false, '--proxy').hint, /set the proxy \(--proxy or HTTPS_PROXY\)\.$/);
    assert.match(tcpFailureFor('ETIMEDOUT', 'api.anthropic.com port 443', false).hint, /set the proxy \(http\.proxy or HTTPS_PROXY\)\.$/);
  });

  it('finds look-alike names only when the real one is missing or blank', () => {
    assert.deepEqual(misnamedVariables({}), []);
    assert.deepEqual(misnamedVariables({ CLAUDE_API_KEY: ' ', CLAUDE_BASE_URL: '' }), []);
    assert.equal(misnamedVariables({ CLAUDE_API_KEY: 'x', ANTHROPIC_API_KEY: ' ' }).length, 1);
    assert.equal(misnamedVariables({ CLAUDE_API_KEY: 'x', ANTHROPIC_API_KEY: 'y' }).length, 0);
  });
});

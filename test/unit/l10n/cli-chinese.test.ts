// The CLI in Simplified Chinese, chosen as a terminal chooses it (LANG, or
// --locale): a refused port and a self-signed certificate are explained in
// Chinese, the JSON keeps its English keys, ids and statuses, and no English
// sentence is left in the Chinese report.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { captureIo } from '../../support/capture-io';
import { testCertificates } from '../../support/loopback/certificates';
import { closedPort, startHttpsServer, type LoopbackServer } from '../../support/loopback/servers';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

/** Four lower-case English words in a row: a sentence nobody translated (names, codes and flags do not look like this). */
const ENGLISH_RUN = /\b[a-z]{2,}(?: [a-z]{2,}){3}\b/g;

/** English left in Chinese text, outside URLs, inline code and quoted server messages. */
function untranslatedEnglish(text: string): string[] {
  const stripped = text.replace(/https?:\/\/\S+/g, ' ').replace(/`[^`]*`/g, ' ').replace(/"[^"]*"/g, ' ');
  return [...stripped.matchAll(ENGLISH_RUN)].map((m) => m[0]);
}

describe('the CLI in Simplified Chinese', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let tls: LoopbackServer;
  before(async () => {
    sim = await startSimulator();
    const certs = testCertificates();
    tls = await startHttpsServer({ key: certs.selfSigned.key, cert: certs.selfSigned.cert });
  });
  after(async () => {
    await Promise.all([sim.close(), tls.close()]);
  });

  async function diagnose(env: Record<string, string>, ...args: string[]) {
    const io = captureIo({ ANTHROPIC_API_KEY: SENTINEL_KEY, ...env });
    const code = await main(['diagnose', '--status-url', sim.statusPageUrl, '--dns-servers', '', ...args], io);
    assertNoSentinel(io.out + io.err, 'diagnose output');
    return { code, out: io.out, err: io.err };
  }

  it('explains a refused port in Chinese with LANG=zh_CN.UTF-8', async () => {
    const port = await closedPort();
    const { code, out } = await diagnose({ LANG: 'zh_CN.UTF-8' }, '--base-url', `http://127.0.0.1:${port}`);
    assert.equal(code, 1);
    assert.match(out, new RegExp(`^TCP 失败：127\\.0\\.0\\.1 端口 ${port} 拒绝连接`));
    assert.match(out, /下一步： 那里没有程序接受连接：检查 Base URL 中的端口/);
    assert.match(out, /失败 {2}TCP/);
    assert.deepEqual(untranslatedEnglish(out), [], 'English left in the Chinese report');
  });

  it('explains a self-signed certificate in Chinese, and --locale wins over LANG', async () => {
    const { code, out } = await diagnose({ LANG: 'en_US.UTF-8' }, '--locale', 'zh-CN', '--base-url', tls.url);
    assert.equal(code, 1);
    assert.match(out, /^TLS 失败：127\.0\.0\.1 提供的是自签名证书/);
    assert.match(out, /DEPTH_ZERO_SELF_SIGNED_CERT：127\.0\.0\.1 提供的是自签名证书/);
    assert.match(out, /NODE_EXTRA_CA_CERTS=\/path\/to\/cert\.pem/, 'commands and variables stay as they are');
    assert.deepEqual(untranslatedEnglish(out), [], 'English left in the Chinese report');
  });

  it('keeps English for LC_ALL=C even when LANG is Chinese (POSIX precedence)', async () => {
    const port = await closedPort();
    const { out } = await diagnose({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, '--base-url', `http://127.0.0.1:${port}`);
    assert.match(out, /^TCP fails: 127\.0\.0\.1 port \d+ refuses connections/);
  });

  it('keeps JSON keys, ids and statuses in English; only the text is Chinese', async () => {
    const port = await closedPort();
    const { out } = await diagnose({ LANG: 'zh_CN.UTF-8' }, '--json', '--base-url', `http://127.0.0.1:${port}`);
    const report = JSON.parse(out) as { summary: string; checks: { id: string; status: string; title: string; hint?: string }[] };
    const tcp = report.checks.find((check) => check.id === 'tcp');
    assert.ok(tcp);
    assert.equal(tcp.status, 'fail');
    assert.match(tcp.hint ?? '', /^那里没有程序接受连接/);
    assert.match(report.summary, /^TCP 失败/);
    for (const key of ['checks', 'durationMs', 'startedAt', 'summary']) assert.ok(key in report, `JSON key ${key}`);
    assert.deepEqual(report.checks.map((check) => check.id).slice(0, 4), ['config', 'proxy', 'dns', 'tcp']);
  });

  it('refuses an unknown --locale with a usage error naming the flag', async () => {
    const io = captureIo({});
    assert.equal(await main(['diagnose', '--locale', 'fr'], io), 2);
    assert.match(io.err, /--locale must be en or zh-CN, not "fr"/);
    const missing = captureIo({});
    assert.equal(await main(['status', '--locale'], missing), 2);
    assert.match(missing.err, /--locale needs a value/);
  });

  it('lists --locale among the global flags of the help', async () => {
    const io = captureIo({});
    assert.equal(await main(['--help'], io), 0);
    assert.match(io.out, /Global flags[\s\S]*--locale LOCALE/);
    const command = captureIo({});
    assert.equal(await main(['diagnose', '--help'], command), 0);
    assert.match(command.out, /--locale LOCALE/);
  });
});

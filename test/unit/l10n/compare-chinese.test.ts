// The official endpoint beside a relay, in Simplified Chinese: `diagnose
// --compare --locale zh-cn` against two simulators on loopback (the relay
// strips the API's headers and adds latency) prints the table, the flags and
// the verdicts in Chinese, within 80 terminal columns; the JSON keeps every
// key, id and status the English run has, only its sentences are Chinese.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { buildEntry } from '../../../src/core/diagnostics/compare/entry';
import { comparisonView } from '../../../src/core/diagnostics/render/comparison';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { renderText } from '../../../src/core/diagnostics/render/text';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { translatorFor } from '../../../src/core/l10n';
import { displayWidth } from '../../../src/core/text/display-width';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { captureIo } from '../../support/capture-io';
import { lookupVia } from '../../support/loopback/dns-lookup';
import { startDnsServer, type DnsServer } from '../../support/loopback/dns-server';
import { startRelayFront, type RelayFront } from '../../support/loopback/relay-front';
import { closedPort } from '../../support/loopback/servers';
import { assertNoSentinel, SENTINEL_KEY } from '../core/support/sentinel';

const RELAY_KEY = 'sk-relay-ZHRELAYSENTINEL-0123456789abcdefQRST';
const HAN = /\p{Script=Han}/u;

/** The comparison's table: from its heading to the blank line before the verdicts. */
function tableOf(out: string, heading: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no "${heading}" section:\n${out}`);
  const end = lines.indexOf('', start + 2);
  return lines.slice(start, end);
}

/** The JSON with every string that is a sentence replaced, so the two languages can be compared for shape and ids. */
function shape(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => shape(item, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, k)]));
  if (typeof value === 'number') return ['durationMs', 'p50', 'p95', 'connectMs', 'handshakeMs', 'ms'].includes(key) ? 'number' : value;
  if (typeof value === 'string' && ['detail', 'text', 'summary', 'title', 'hint', 'startedAt', 'notes', 'requestId', 'issuer'].includes(key)) return 'text';
  return value;
}

describe('diagnose --compare in Simplified Chinese', function () {
  this.timeout(60_000);
  let official: RunningSimulator;
  let relayed: RunningSimulator;
  let configured: RelayFront;
  let relay: RelayFront;
  let dns: DnsServer;
  before(async () => {
    [official, relayed, dns] = await Promise.all([startSimulator({ requiredApiKey: SENTINEL_KEY }), startSimulator({ requiredApiKey: RELAY_KEY }), startDnsServer()]);
    configured = await startRelayFront(official.apiBaseUrl);
    relay = await startRelayFront(relayed.apiBaseUrl, { stripHeaders: true, delayMs: 50 });
  });
  after(async () => {
    await Promise.all([official.close(), relayed.close(), configured.close(), relay.close(), dns.close()]);
  });

  const env = { ANTHROPIC_API_KEY: SENTINEL_KEY, RELAY_API_KEY: RELAY_KEY };
  const args = (...extra: string[]) => [
    'diagnose',
    '--base-url',
    configured.url,
    '--status-url',
    official.statusPageUrl,
    '--dns-servers',
    '',
    '--compare',
    `relay=${relay.url},RELAY_API_KEY`,
    '--compare',
    `bare=${relay.url}`,
    ...extra,
  ];

  async function run(argv: string[], extraEnv: Record<string, string> = {}) {
    const io = captureIo({ ...env, ...extraEnv });
    const code = await main(argv, io);
    assertNoSentinel(io.out + io.err, 'diagnose --compare output');
    assert.equal(io.out.includes('ZHRELAYSENTINEL'), false, 'the relay key is never printed');
    return { code, out: io.out, err: io.err };
  }

  it('prints the table, its flags and the verdicts in Chinese, within 80 columns, with --locale zh-cn', async () => {
    const { code, out, err } = await run(args('--locale', 'zh-cn'));
    assert.equal(code, 0, err);
    const table = tableOf(out, '并排对比');
    for (const line of table) assert.ok(displayWidth(line) <= 80, `${displayWidth(line)} columns: ${line}`);
    const text = table.join('\n');
    assert.match(text, /^ +已配置 +relay +bare$/m, 'the configured column is named in Chinese; the names as given');
    for (const label of ['Base URL', 'DNS', 'TCP 连接', 'TLS 握手', '证书签发者', 'HTTP 状态码', 'request-id', 'anthropic-ratelimit-*', '延迟 p50 / p95']) {
      assert.match(text, new RegExp(`^  ${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `, 'm'), label);
    }
    assert.match(text, /^ {2}request-id +有 +无（被剥离？） +无（被剥离？）$/m);
    assert.match(text, /^ {2}anthropic-ratelimit-\* +有 +无（被剥离？） +未检查（无 Key）$/m);
    assert.match(text, /^ {2}DNS +127\.0\.0\.1 \(本机回/m, 'a loopback answer is flagged in Chinese (the cell wraps in a narrow column)');
    assert.match(text, /无（http:\/\/）/);
    assert.match(out, /^ {2}通过 {2}已配置 +可用：Key 已接受，p50 \d+ ms$/m);
    assert.match(out, /^ {2}警告 {2}relay +可用：Key 已接受，p50 \d+ ms（相对已配置 [+−]\d+ ms）；没有返回 request-id（中转剥离了它/m);
    assert.match(out, /没有返回 anthropic-ratelimit-\* 响应头（中转剥离了它们，看不到剩余额度）/);
    assert.match(out, /^ {2}警告 {2}bare +有应答，p50 \d+ ms（相对已配置 [+−]\d+ ms）；没有 Key，未检查鉴权/m);
    assert.match(out, /^ {2}- bare: 未指定 Key 变量：只检查鉴权以下的各层$/m);
    assert.ok(!/Side by side|works: key accepted|stripped\?|not checked/.test(out), 'no English left in the comparison');
  });

  it('keeps the JSON keys, ids, statuses and results of the English run; only the sentences change', async () => {
    const zh = await run(args('--json'), { LANG: 'zh_CN.UTF-8' });
    const en = await run(args('--json'), { LANG: 'C' });
    assert.equal(zh.code, 0, zh.err);
    const zhDocument = JSON.parse(zh.out) as { comparison: { name: string; role: string; verdict: { status: string; text: string }; notes: string[] }[] };
    const enDocument = JSON.parse(en.out) as typeof zhDocument;
    assert.deepEqual(shape(zhDocument.comparison), shape(enDocument.comparison));
    assert.deepEqual(
      zhDocument.comparison.map((e) => [e.name, e.role, e.verdict.status]),
      [
        ['configured', 'configured', 'pass'],
        ['relay', 'comparison', 'warn'],
        ['bare', 'comparison', 'warn'],
      ],
    );
    assert.match(zhDocument.comparison[1]!.verdict.text, /^可用：Key 已接受/);
    assert.match(enDocument.comparison[1]!.verdict.text, /^works: key accepted/);
    assert.match(zhDocument.comparison[2]!.notes[0] ?? '', HAN);
  });

  it('writes the Markdown table in Chinese', async () => {
    const { out } = await run(args('--markdown', '--locale', 'zh-CN'));
    assert.match(out, /^## 并排对比$/m);
    assert.match(out, /^\| {2}\| \*\*已配置\*\* \| \*\*relay\*\* \| \*\*bare\*\* \|$/m);
    assert.match(out, /^\| 结论 \| ✅ 可用：Key 已接受/m);
    assert.match(out, /^- \*\*bare\*\*: 未指定 Key 变量/m);
  });

  it('names the failing layer of an unreachable relay in Chinese, with exit 1', async () => {
    const port = await closedPort();
    const { code, out } = await run(['diagnose', '--locale', 'zh-cn', '--base-url', configured.url, '--status-url', official.statusPageUrl, '--dns-servers', '', '--compare', `dead=http://127.0.0.1:${port}`]);
    assert.equal(code, 1);
    assert.match(out, /^ {2}失败 {2}dead +TCP 失败：127\.0\.0\.1 端口 \d+ 拒绝连接/m);
    assert.match(tableOf(out, '并排对比').join('\n'), /^ {2}TCP 连接 +\d+ ms +失败（ECONNREFUSED）$/m);
  });

  it('flags fake-IP and polluted DNS answers in Chinese, keeping fake-IP as the tools call it', async () => {
    dns.set('fake.claude-health.test', { a: ['198.18.0.7'] });
    dns.set('api.anthropic.com', { a: ['10.1.2.3'] });
    const zh = translatorFor('zh-cn');
    const dnsEntry = async (name: string, host: string) =>
      buildEntry({
        name,
        baseUrl: `https://${host}`,
        role: 'comparison',
        keySource: null,
        t: zh,
        report: await runDiagnostics({ apiBaseUrlSetting: `https://${host}`, env: {}, dnsServers: [], lookup: lookupVia(dns.address), locale: 'zh-cn' }, { only: ['dns'], timeoutMs: 8000 }),
      });
    const comparison = [await dnsEntry('fake', 'fake.claude-health.test'), await dnsEntry('official', 'api.anthropic.com')];
    const report = { checks: [], summary: 's', startedAt: '', durationMs: 0, cancelled: false, comparison };
    assert.match(renderMarkdown(report, zh), /^\| DNS \| 198\.18\.0\.7 \(fake-IP\) \| 10\.1\.2\.3 \(内网, 疑似污染\) \|$/m);
    assert.match(renderText(report, undefined, zh), /^ {2}DNS +198\.18\.0\.7 \(fake-IP\) +10\.1\.2\.3 \(内网, 疑似污染\)$/m);
    assert.equal(comparison[0]!.verdict.text, '未采样：在延迟采样之前运行已结束（超出时间预算或被取消）');
  });

  it("gives the editor's report the same table in words, in the reader's language", async () => {
    const { out } = await run(args('--json', '--locale', 'zh-cn'));
    const entries = (JSON.parse(out) as { comparison: Parameters<typeof comparisonView>[0] }).comparison;
    const view = comparisonView(entries, translatorFor('zh-cn'));
    assert.equal(view.heading, '并排对比');
    assert.deepEqual(view.table.heads, ['已配置', 'relay', 'bare']);
    assert.deepEqual(
      view.table.rows.find((row) => row.label === 'request-id')?.cells,
      ['有', '无（被剥离？）', '无（被剥离？）'],
    );
    assert.equal(view.verdictLabel, '结论');
    assert.deepEqual(view.verdicts.map((verdict) => verdict.status), ['pass', 'warn', 'warn']);
    assert.deepEqual(view.notes, [{ endpoint: 'bare', text: '未指定 Key 变量：只检查鉴权以下的各层' }]);
    assert.equal(comparisonView(entries).table.heads[0], 'configured', 'English by default');
  });
});

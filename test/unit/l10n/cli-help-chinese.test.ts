// The CLI's help and usage errors in Simplified Chinese, as a terminal with
// LANG=zh_CN.UTF-8 gets them: every flag described in Chinese with the flag
// itself as typed, wrapped at 80 display columns (a Chinese character takes
// two), and a bad value refused in Chinese naming the flag the user typed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { HELP_WIDTH } from '../../../src/cli/help';
import { main } from '../../../src/cli/main';
import { translatorFor } from '../../../src/core/l10n';
import { displayWidth } from '../../../src/core/text/display-width';
import { captureIo } from '../../support/capture-io';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];
const CHINESE = { LANG: 'zh_CN.UTF-8' };
const HAN = /\p{Script=Han}/u;

async function run(argv: string[], env: Record<string, string> = CHINESE) {
  const io = captureIo(env);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

function assertFits(text: string, what: string): void {
  for (const line of text.split('\n')) assert.ok(displayWidth(line) <= HELP_WIDTH, `${what}: ${displayWidth(line)} columns: ${line}`);
}

/** The help's lines for one flag: its label line and the description lines under it, joined without the line breaks. */
function flagEntry(help: string, label: string): string {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${label}  `) || line === `  ${label}`);
  assert.ok(start >= 0, `no line for ${label}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith(' '.repeat(26)));
  return [lines[start]!.slice(2 + label.length), ...rest.slice(0, end < 0 ? rest.length : end)].map((line) => line.trim()).join('');
}

describe('claude-health help and usage errors in Simplified Chinese', function () {
  this.timeout(60_000);

  it('diagnose --help, run as a process with LANG=zh_CN.UTF-8: Chinese descriptions, flags as typed, within 80 columns', () => {
    const result = spawnSync(process.execPath, [...cli, 'diagnose', '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', ...CHINESE } });
    assert.equal(result.status, 0, result.stderr);
    const help = result.stdout;
    assertFits(help, 'diagnose --help');
    assert.match(help, /^usage: claude-health diagnose \[flags\]$/m);
    assert.match(help, /^参数：$/m);
    assert.match(help, /^退出码：$/m);
    for (const label of ['--base-url URL', '--compare NAME=URL[,KEY_ENV]', '--proxy URL', '--allow-insecure-http', '--inference', '--locale LOCALE', '-h, --help']) {
      assert.match(flagEntry(help, label), HAN, `${label} is described in Chinese`);
    }
    assert.match(flagEntry(help, '--compare NAME=URL[,KEY_ENV]'), /中转.*KEY_ENV/, 'relay is 中转; KEY_ENV stays as it is');
    assert.match(flagEntry(help, '--proxy URL'), /HTTPS_PROXY、HTTP_PROXY 或 ALL_PROXY/);
    assert.ok(!/Proxy for every request|Also run the network checks/.test(help), 'no English description left');
  });

  it('watch --help: every setting flag described in Chinese, the setting names and exit code 3 kept, within 80 columns', async () => {
    const { code, out } = await run(['watch', '--help']);
    assert.equal(code, 0);
    assertFits(out, 'watch --help');
    assert.equal(flagEntry(out, '--probe-interval-seconds N').replace(/\s+/g, ''), 'claudeHealth.probe.intervalSeconds，5到3600（默认60）。');
    assert.match(flagEntry(out, '--once'), HAN);
    assert.match(out, /^ {2}3 {2}--once：无法判断/m);
  });

  for (const name of Object.keys(COMMANDS)) {
    it(`${name} --help in Chinese lists every flag as typed, each described, within 80 columns`, async () => {
      const { code, out } = await run([name, '--help']);
      assert.equal(code, 0);
      assertFits(out, `${name} --help`);
      const zh = COMMANDS[name]!.help(translatorFor('zh-cn'));
      for (const [flag, described] of Object.entries(zh.flags)) {
        const label = `--${flag}${described.value ? ` ${described.value}` : ''}`;
        assert.equal(flagEntry(out, label).replace(/\s+/g, ''), described.description.replace(/\s+/g, ''), `${name} --help shows the Chinese description of --${flag}`);
        assert.match(described.description, HAN, `--${flag} of ${name} is translated`);
      }
    });
  }

  it('the overview in Chinese names every command, the exit codes and --locale, within 80 columns', async () => {
    const { code, out } = await run(['--help']);
    assert.equal(code, 0);
    assertFits(out, 'overview');
    for (const name of Object.keys(COMMANDS)) assert.match(out, new RegExp(`^  ${name} +\\S`, 'm'));
    assert.match(out, /^命令：$/m);
    assert.match(out, /^ {2}2 {2}用法或配置错误/m);
    assert.match(out, /^ {2}--locale LOCALE {2,}\S/m);
  });

  it('refuses a bad value in Chinese, naming the flag the user typed and what is valid', async () => {
    const cases: [argv: string[], expected: RegExp][] = [
      [['status', '--status-url', 'notaurl'], /^claude-health status: --status-url 不是有效的 URL："notaurl"\n$/],
      [['status', '--url', 'ftp://x.example'], /^claude-health status: --url 必须以 https:\/\/ 或 http:\/\/ 开头："ftp:\/\/x\.example"\n$/],
      [['probe', '--timeout-ms', 'soon'], /^claude-health probe: --timeout-ms 必须是 100 到 600000 之间的整数（单位：毫秒），而不是 "soon"\n$/],
      [['diagnose', '--json', '--markdown'], /^claude-health diagnose: --json 和 --markdown 不能同时使用\n$/],
      [['diagnose', '--compare', 'relay=notaurl'], /^claude-health diagnose: --compare relay：URL 不是有效的 URL："notaurl"\n$/],
      [['snippet', '--lang', 'cobol'], /^claude-health snippet: 未知的 --lang "cobol"；可选：python/],
      [['watch', '--probe-mode', 'often'], /^claude-health watch: .*--probe-mode/],
      [['status', '--colour'], /^claude-health status: 未知参数 --colour；status 接受 --json, /],
      [['status', '--locale', 'fr'], /^claude-health: --locale 必须是 en 或 zh-CN，而不是 "fr"\n$/],
      [['fly'], /^claude-health: 未知命令 "fly"；可用命令：status, probe/],
    ];
    for (const [argv, expected] of cases) {
      const { code, out, err } = await run(argv, { ...CHINESE, ANTHROPIC_API_KEY: 'sk-ant-test' });
      assert.equal(code, 2, argv.join(' '));
      assert.equal(out, '');
      assert.match(err, expected, argv.join(' '));
    }
  });

  it("refuses watch's setting values in Chinese, from a flag or a config file, without the extension's remedy", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'claude-health-zh-'));
    try {
      const file = path.join(dir, 'watch.json');
      writeFileSync(file, JSON.stringify({ 'probe.intervalSeconds': 1 }));
      const fromFile = await run(['watch', '--config', file]);
      assert.equal(fromFile.code, 2);
      assert.equal(fromFile.err, `claude-health watch: ${file}: probe.intervalSeconds 必须在 5 到 3600 之间\n`);
      const fromFlag = await run(['watch', '--probe-models', 'bad model!']);
      assert.equal(fromFlag.code, 2);
      assert.equal(fromFlag.err, 'claude-health watch: --probe-models 有一项无效："bad model!"\n');
      const boolean = await run(['watch', '--sources-claude-code', 'maybe']);
      assert.match(boolean.err, /^claude-health watch: --sources-claude-code 必须是 true, false 之一，而不是 "maybe"\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps English for the same errors without a Chinese locale', async () => {
    const { code, err } = await run(['status', '--status-url', 'notaurl'], {});
    assert.equal(code, 2);
    assert.equal(err, 'claude-health status: --status-url is not a valid URL: "notaurl"\n');
  });
});

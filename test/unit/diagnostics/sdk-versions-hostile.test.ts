// The workspace scan against files built to hurt it: inputs that made the old
// patterns backtrack for minutes, huge and binary files, deep JSON, symlink
// loops, FIFOs, folders named like manifests, and trees too big for the
// budget. Each must end (mocha's timeout is the only clock here) with a
// stated outcome.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { ScanBudget } from '../../../src/core/diagnostics/sdk-scan/budget';
import { MAX_LINE_CHARS } from '../../../src/core/diagnostics/sdk-scan/lines';
import { scanManifest } from '../../../src/core/diagnostics/sdk-scan/manifests';
import { findRetryWrappers } from '../../../src/core/diagnostics/sdk-scan/retry-wrappers';
import { scanWorkspace } from '../../../src/core/diagnostics/sdk-scan/scan';
import { MAX_SPEC_CHARS, parseSpec } from '../../../src/core/diagnostics/sdk-scan/versions';
import { walkWorkspace } from '../../../src/core/diagnostics/sdk-scan/walk';
import { checkOf, loopbackInput } from './support';

const specs = (text: string, name: string) => scanManifest(name, text, name).map((f) => `${f.package} ${f.spec.raw}`);

describe('sdk-scan: inputs that used to backtrack', () => {
  it('reads a yarn.lock header followed by 40 lines of 12 spaces and x (8 lines took 57 s)', () => {
    const junk = `@anthropic-ai/sdk@^1:\n${'            x\n'.repeat(40)}`;
    assert.deepEqual(specs(junk, 'yarn.lock'), []);
    assert.deepEqual(specs(`${junk}  version "1.2.3"\n`, 'yarn.lock'), ['@anthropic-ai/sdk 1.2.3'], 'a version line later in the entry still counts');
  });

  it('reads "anthropic==a" with 200 more ",==a" clauses and " x" (22 took 1.9 s, doubling per clause)', () => {
    const clauses = `anthropic==a${',==a'.repeat(200)}`;
    assert.deepEqual(specs(`${clauses} x\n`, 'requirements.txt'), []);
    const found = scanManifest('requirements.txt', `${clauses}\n`, 'requirements.txt');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.spec.raw.length, MAX_SPEC_CHARS, 'a hostile spec is shown cut short');
  });

  const hostile: [string, string, string][] = [
    ['pnpm-lock.yaml', 'pnpm-lock.yaml', '\n'.repeat(300_000)],
    ['pnpm-lock.yaml of whitespace-only lines', 'pnpm-lock.yaml', ' \t \n'.repeat(100_000)],
    ['pom.xml with 40,000 unclosed <dependency>', 'pom.xml', '<dependency>'.repeat(40_000)],
    ['pom.xml with one close after 40,000 opens', 'pom.xml', `${'<dependency><groupId>'.repeat(40_000)}</dependency>`],
    ['pyproject.toml with 40,000 "anthropic[', 'pyproject.toml', '"anthropic['.repeat(40_000)],
    ['pyproject.toml with a Poetry table never closed', 'pyproject.toml', `anthropic = {${' version = '.repeat(40_000)}`],
    ['uv.lock of 100,000 [[package]] headers', 'uv.lock', '[[package]]\n'.repeat(100_000)],
    ['go.mod with the module name 20,000 times on one line', 'go.mod', 'github.com/anthropics/anthropic-sdk-go/v'.repeat(20_000)],
    ['build.gradle with 30,000 unclosed coordinates', 'build.gradle', '"com.anthropic:'.repeat(30_000)],
    ['requirements.txt with a 500 KB line of spaces', 'requirements.txt', `anthropic${' '.repeat(500_000)}#x`],
    ['package.json nested 200,000 deep', 'package.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
    ['package-lock.json nested 200,000 deep and cut short', 'package-lock.json', `{"packages":${'{"a":'.repeat(100_000)}`],
    ['yarn.lock of one 1 MB line', 'yarn.lock', `"@anthropic-ai/sdk@${'^1 '.repeat(350_000)}":`],
    ['binary bytes as a lock file', 'yarn.lock', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)).toString('utf8')],
  ];
  for (const [title, name, text] of hostile) {
    it(`finishes on ${title}, finding nothing`, () => {
      assert.deepEqual(specs(text, name), []);
    });
  }

  it('finishes on Python, TypeScript and Go sources of 300,000 blank lines', () => {
    assert.deepEqual(findRetryWrappers('a.py', `${'\n'.repeat(300_000)}client.messages.create(`), []);
    assert.deepEqual(findRetryWrappers('a.ts', `"@anthropic-ai/sdk"${' \n'.repeat(300_000)}x.messages.create(`), []);
    assert.deepEqual(findRetryWrappers('a.go', `github.com/anthropics/anthropic-sdk-go${'\t\n'.repeat(300_000)}c.Messages.New(`), []);
  });

  it('finishes on a file where every line is an SDK call inside a retry loop', () => {
    const block = 'for i in range(3):\n    try:\n        client.messages.create(x)\n    except Exception:\n        pass\n';
    assert.equal(findRetryWrappers('a.py', `import anthropic\n${block.repeat(20_000)}`).length, 20_000);
  });

  it('finishes on version specs built to backtrack', () => {
    for (const text of [`${' '.repeat(100_000)}!`, `==${' '.repeat(100_000)}1!`, `1${'.1'.repeat(50_000)}!`, `${'9'.repeat(100_000)}`, `^${'1.'.repeat(50_000)}`]) {
      const spec = parseSpec(text);
      assert.ok(spec.raw.length <= MAX_SPEC_CHARS);
    }
  });

  it('cuts long lines, so a spec past the cap is not read', () => {
    assert.deepEqual(specs(`${' '.repeat(MAX_LINE_CHARS)}anthropic==0.1.0\n`, 'requirements.txt'), []);
  });

  it('ignores prototype names in package.json', () => {
    const json = '{"__proto__":{"dependencies":{"@anthropic-ai/sdk":"0.1.0"}},"constructor":{"dependencies":{"@anthropic-ai/sdk":"0.2.0"}}}';
    assert.deepEqual(specs(json, 'package.json'), []);
    assert.deepEqual(specs('{"packages":{"__proto__":{"version":"1"}}}', 'package-lock.json'), []);
  });

  it('still finds the SDK in a package-lock.json cut short by the read cap', () => {
    const entry = '    "node_modules/@anthropic-ai/sdk": {\n      "version": "0.39.0",\n      "resolved": "https://registry.npmjs.org/x"\n    },\n';
    const filler = '    "node_modules/left-pad": {\n      "version": "1.0.0"\n    },\n'.repeat(100);
    assert.deepEqual(specs(`{\n  "lockfileVersion": 3,\n  "packages": {\n${filler}${entry}${filler}`, 'package-lock.json'), ['@anthropic-ai/sdk 0.39.0']);
  });

  it('keeps reading the usual spellings line by line', () => {
    assert.deepEqual(specs('"@anthropic-ai/sdk@^0.30.0", "@anthropic-ai/sdk@npm:^0.31":\n  version: 0.31.2\n', 'yarn.lock'), ['@anthropic-ai/sdk 0.31.2']);
    assert.deepEqual(specs("importers:\n  .:\n    dependencies:\n      '@anthropic-ai/sdk':\n        specifier: ^1.0.0\n        version: 1.0.4\n", 'pnpm-lock.yaml'), ['@anthropic-ai/sdk 1.0.4']);
    assert.deepEqual(specs('-r base.txt\nanthropic[vertex] >= 0.40, <0.50 ; python_version > "3.8"  # comment\n', 'requirements-dev.in'), ['anthropic >= 0.40, <0.50']);
    assert.deepEqual(specs('anthropic-bedrock==1.0\nanthropic\n', 'requirements.txt'), ['anthropic ']);
    assert.deepEqual(specs('[tool.poetry.dependencies]\nanthropic = { version = "^0.45", extras = ["vertex"] }\n', 'pyproject.toml'), ['anthropic ^0.45']);
    assert.deepEqual(specs('[[package]]\nname = "anthropic"\nsource = "x"\nversion = "0.52.1"\n\n[[package]]\nname = "httpx"\nversion = "0.1"\n', 'poetry.lock'), ['anthropic 0.52.1']);
    assert.deepEqual(specs('require github.com/anthropics/anthropic-sdk-go/v2 v2.0.1 // indirect\n', 'go.mod'), ['github.com/anthropics/anthropic-sdk-go v2.0.1']);
  });
});

describe('sdk-scan: hostile workspaces', () => {
  const roots: string[] = [];
  function folder(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'claude-health-hostile-'));
    roots.push(root);
    return root;
  }
  after(() => {
    for (const root of roots) {
      chmodSync(root, 0o755);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('walks past symlink loops, FIFOs, folders named like manifests and unreadable files', async () => {
    const root = folder();
    mkdirSync(path.join(root, 'app', 'package.json'), { recursive: true });
    writeFileSync(path.join(root, 'app', 'package.json', 'requirements.txt'), 'anthropic==0.60.0\n');
    symlinkSync(root, path.join(root, 'app', 'loop'));
    symlinkSync(path.join(root, 'app', 'missing'), path.join(root, 'dangling.txt'));
    symlinkSync('/dev/zero', path.join(root, 'go.mod'));
    execFileSync('mkfifo', [path.join(root, 'requirements.txt')]);
    writeFileSync(path.join(root, 'pom.xml'), '<dependency>');
    chmodSync(path.join(root, 'pom.xml'), 0o000);
    mkdirSync(path.join(root, 'locked'));
    writeFileSync(path.join(root, 'locked', 'uv.lock'), '');
    chmodSync(path.join(root, 'locked'), 0o000);
    const walked = await walkWorkspace(root, new AbortController().signal);
    assert.ok(walked.files.some((f) => f.relative === 'app/package.json/requirements.txt'));
    assert.ok(!walked.files.some((f) => ['go.mod', 'requirements.txt', 'app/loop'].includes(f.relative)));
    chmodSync(path.join(root, 'locked'), 0o755);
  });

  it('reads manifests saved with a byte-order mark, in UTF-8 or UTF-16 (PowerShell\'s pip freeze)', async () => {
    const root = folder();
    mkdirSync(path.join(root, 'web'));
    writeFileSync(path.join(root, 'requirements.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('anthropic==0.40.0\r\n', 'utf16le')]));
    writeFileSync(path.join(root, 'web', 'package.json'), `\ufeff${JSON.stringify({ dependencies: { '@anthropic-ai/sdk': '1.2.0' } })}`);
    const report = await runDiagnostics(loopbackInput('http://127.0.0.1:9', 'http://127.0.0.1:9/unused', { workspaceFolder: root }), { only: ['sdk-versions'] });
    const sdks = (checkOf(report, 'sdk-versions').data?.sdks as { package: string; spec: string }[]).map((s) => `${s.package} ${s.spec}`).sort();
    assert.deepEqual(sdks, ['@anthropic-ai/sdk 1.2.0', 'anthropic ==0.40.0']);
  });

  it('reads a 5 MB manifest only up to its cap', async () => {
    const root = folder();
    writeFileSync(path.join(root, 'requirements.txt'), `${'x\n'.repeat(2_500_000)}anthropic==0.1.0\n`);
    const walked = await walkWorkspace(root, new AbortController().signal);
    assert.equal(walked.bytes, 512 * 1024);
  });

  it('lists at most its entry cap from a folder of 2,500 files', async () => {
    const root = folder();
    for (let i = 0; i < 2500; i++) writeFileSync(path.join(root, `f${i}.txt`), '');
    const walked = await walkWorkspace(root, new AbortController().signal, { maxEntries: 1000, maxDepth: 8, maxManifests: 10, maxSources: 10, maxBytesPerFile: 1024, maxTotalBytes: 1024 * 1024 });
    assert.equal(walked.stoppedBecause, 'more than 1000 entries');
  });

  it('lists a bounded number of findings from files that name the SDK thousands of times', async () => {
    const root = folder();
    writeFileSync(path.join(root, 'build.gradle'), Array.from({ length: 5000 }, (_, i) => `implementation "com.anthropic:artifact-${i}:1.0.${i}"`).join('\n'));
    const block = 'for i in range(3):\n    try:\n        client.messages.create(x)\n    except Exception:\n        pass\n';
    writeFileSync(path.join(root, 'app.py'), `import anthropic\n${block.repeat(3000)}`);
    const report = await runDiagnostics(loopbackInput('http://127.0.0.1:9', 'http://127.0.0.1:9/unused', { workspaceFolder: root }), { only: ['sdk-versions'] });
    const check = checkOf(report, 'sdk-versions');
    assert.equal(check.status, 'warn');
    assert.ok(check.notes.length <= 90, `${check.notes.length} notes`);
    assert.match(check.notes.join('\n'), /\.\.\.and 4960 more SDK references not listed\./);
    assert.match(check.detail, /^found com\.anthropic:artifact-0 1\.0\.0, .* and 495 more; /);
    assert.deepEqual(check.data?.omitted, { sdks: 4500, retryWrappers: 2500 });
    assert.ok(check.detail.length < 1000, `detail of ${check.detail.length} characters`);
  });

  describe('a tree of 3,000 files under a time budget', () => {
    let root: string;
    before(() => {
      root = folder();
      for (let d = 0; d < 30; d++) {
        const dir = path.join(root, `pkg${String(d).padStart(2, '0')}`);
        mkdirSync(dir);
        writeFileSync(path.join(dir, 'requirements.txt'), 'anthropic==0.40.0\n');
        for (let i = 0; i < 99; i++) writeFileSync(path.join(dir, `m${i}.py`), 'import anthropic\nfor i in range(3):\n    client.messages.create(x)\n    except Exception:\n');
      }
    });

    it('stops when its budget runs out and says the result is partial', async () => {
      let tick = 0;
      const budget = new ScanBudget(() => tick++, 500);
      const scan = await scanWorkspace(root, { budget, budgetMs: 500, limits: { maxEntries: 20_000, maxDepth: 8, maxManifests: 5000, maxSources: 5000, maxBytesPerFile: 4096, maxTotalBytes: 64 * 1024 * 1024 } });
      assert.equal(scan.stoppedBecause, 'the time budget of 0.5 s ran out');
      assert.ok(scan.files > 0 && scan.files < 3000, `${scan.files} files scanned`);
    });

    it('stops at once when cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      const scan = await scanWorkspace(root, { budget: new ScanBudget(() => 0, Infinity, controller.signal), budgetMs: 1000 });
      assert.equal(scan.stoppedBecause, 'cancelled');
      assert.equal(scan.files, 0);
    });

    it('reports a partial scan in the check\'s detail and data', async () => {
      let now = 0;
      // Each look at the stopwatch moves it 25 ms: the scan's budget (inside the check's 10 s) runs out part-way.
      const stopwatch = { now: () => (now += 25) };
      const report = await runDiagnostics(loopbackInput('http://127.0.0.1:9', 'http://127.0.0.1:9/unused', { workspaceFolder: root }), { only: ['sdk-versions'], stopwatch });
      const check = checkOf(report, 'sdk-versions');
      assert.equal(check.status, 'warn', 'what was scanned is still reported');
      assert.match(check.detail, /; partial scan, stopped early: the time budget of \d+(\.\d)? s ran out$/);
      assert.equal(check.data?.partial, true);
      assert.ok((check.data?.files as number) < 3000);
    });
  });
});

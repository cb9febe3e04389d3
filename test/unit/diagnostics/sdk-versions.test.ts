// The workspace scan on real folders written by the test: manifests and lock
// files of each ecosystem, folders that must be skipped, retry wrappers, caps.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { findRetryWrappers } from '../../../src/core/diagnostics/sdk-scan/retry-wrappers';
import { olderThan, parseSpec } from '../../../src/core/diagnostics/sdk-scan/versions';
import { walkWorkspace } from '../../../src/core/diagnostics/sdk-scan/walk';
import type { CheckResult } from '../../../src/core/diagnostics/types';
import { checkOf, loopbackInput } from './support';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'claude-health-ws-'));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

async function scan(root: string): Promise<CheckResult> {
  const report = await runDiagnostics(loopbackInput('http://127.0.0.1:9', 'http://127.0.0.1:9/unused', { workspaceFolder: root }), { only: ['sdk-versions'] });
  return checkOf(report, 'sdk-versions');
}

const roots: string[] = [];
function make(files: Record<string, string>): string {
  const root = workspace(files);
  roots.push(root);
  return root;
}

describe('diagnostics: sdk-versions', () => {
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('warns about a Python SDK older than 0.47 (no OverloadedError) with the file and the fix', async () => {
    const check = await scan(make({ 'requirements.txt': 'requests==2.32.0\nanthropic==0.40.0  # pinned\n' }));
    assert.equal(check.status, 'warn');
    assert.match(check.detail, /found anthropic ==0\.40\.0; 1 problem: requirements\.txt: anthropic ==0\.40\.0: older than 0\.47, so it has no anthropic\.OverloadedError/);
    assert.match(check.hint ?? '', /pip install -U "anthropic>=0\.47"/);
  });

  it('lets a lock file decide over a range: uv.lock with a recent version passes', async () => {
    const check = await scan(make({
      'pyproject.toml': '[project]\nname = "app"\ndependencies = [\n  "anthropic>=0.30",\n]\n',
      'uv.lock': 'version = 1\n\n[[package]]\nname = "anthropic"\nversion = "0.52.1"\nsource = { registry = "https://pypi.org/simple" }\n',
    }));
    assert.equal(check.status, 'pass');
    assert.match(check.detail, /found anthropic 0\.52\.1/);
    assert.match(check.notes.join('\n'), /pyproject\.toml: anthropic >=0\.30 \(range\)/);
  });

  it('reads Poetry\'s caret: ^0.45 can only be 0.45.x, which is too old', async () => {
    const check = await scan(make({ 'svc/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nanthropic = "^0.45"\n' }));
    assert.equal(check.status, 'warn');
    assert.match(check.detail, /svc\/pyproject\.toml: anthropic \^0\.45/);
  });

  it('notes a TypeScript SDK before 1.0 without warning', async () => {
    const check = await scan(make({
      'package.json': JSON.stringify({ dependencies: { '@anthropic-ai/sdk': '^0.39.0' } }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/@anthropic-ai/sdk': { version: '0.39.0' } } }),
    }));
    assert.equal(check.status, 'pass');
    assert.match(check.detail, /found @anthropic-ai\/sdk 0\.39\.0/);
    assert.match(check.notes.join('\n'), /Note: package-lock\.json: @anthropic-ai\/sdk 0\.39\.0: before 1\.0, which send anthropic-version 2023-06-01 with x-api-key/);
  });

  it('finds the Go, Java (Maven and Gradle), yarn and pnpm spellings', async () => {
    const check = await scan(make({
      'go/go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/anthropics/anthropic-sdk-go v1.4.0\n)\n',
      'java/pom.xml': '<project><dependencies><dependency><groupId>com.anthropic</groupId><artifactId>anthropic-java</artifactId><version>2.3.0</version></dependency></dependencies></project>',
      'kt/build.gradle.kts': 'dependencies {\n  implementation("com.anthropic:anthropic-java:2.5.1")\n}\n',
      'web/yarn.lock': '"@anthropic-ai/sdk@^1.2.0":\n  version "1.2.3"\n  resolved "https://registry.yarnpkg.com/x"\n',
      'web2/pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n  '@anthropic-ai/sdk@1.5.0':\n    resolution: {integrity: sha512-x}\n",
    }));
    assert.equal(check.status, 'pass');
    const sdks = (check.data?.sdks as { package: string; spec: string }[]).map((s) => `${s.package} ${s.spec}`).sort();
    assert.deepEqual(sdks, [
      '@anthropic-ai/sdk 1.2.3',
      '@anthropic-ai/sdk 1.5.0',
      'com.anthropic:anthropic-java 2.3.0',
      'com.anthropic:anthropic-java 2.5.1',
      'github.com/anthropics/anthropic-sdk-go v1.4.0',
    ]);
  });

  it('skips node_modules, .git and virtual environments under any name', async () => {
    const check = await scan(make({
      'node_modules/dep/package.json': JSON.stringify({ dependencies: { '@anthropic-ai/sdk': '0.1.0' } }),
      '.git/requirements.txt': 'anthropic==0.1.0\n',
      'venv/requirements.txt': 'anthropic==0.1.0\n',
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/lib/requirements.txt': 'anthropic==0.1.0\n',
      'app/main.py': 'print("hello")\n',
    }));
    assert.equal(check.status, 'pass');
    assert.match(check.detail, /^no official Claude SDK found \(1 manifest and source files in/);
  });

  it('warns about a tenacity retry around messages.create while the SDK still retries, and not once max_retries=0 is set', async () => {
    const wrapped = [
      'import anthropic',
      'from tenacity import retry, stop_after_attempt',
      '',
      'client = anthropic.Anthropic()',
      '',
      '@retry(stop=stop_after_attempt(5))',
      'def ask(prompt):',
      '    return client.messages.create(model="claude-haiku-4-5", max_tokens=10, messages=[{"role": "user", "content": prompt}])',
      '',
    ].join('\n');
    const check = await scan(make({ 'requirements.txt': 'anthropic==0.60.0\n', 'app/ask.py': wrapped }));
    assert.equal(check.status, 'warn');
    assert.match(check.detail, /app\/ask\.py:8: tenacity around an SDK call whose own retries are on \(max_retries=0 is not set in this file\): up to 3 x N attempts/);
    assert.match(check.hint ?? '', /Create the client with max_retries=0/);
    const fixed = await scan(make({ 'app/ask.py': wrapped.replace('anthropic.Anthropic()', 'anthropic.Anthropic(max_retries=0)') }));
    assert.equal(fixed.status, 'pass');
    assert.deepEqual((fixed.data?.retryWrappers as { sdkRetriesOff: boolean }[]).map((w) => w.sdkRetriesOff), [true]);
  });

  it('recognises hand-written loops and wrapper libraries in TypeScript and Go', () => {
    const ts = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'export async function ask() {',
      '  for (let attempt = 0; attempt < 5; attempt++) {',
      '    try {',
      "      return await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [] });",
      '    } catch (error) {',
      '      await sleep(1000);',
      '    }',
      '  }',
      '}',
      'export const again = () => pRetry(() => client.messages.create({ model: "m", max_tokens: 1, messages: [] }), { retries: 3 });',
    ].join('\n');
    assert.deepEqual(
      findRetryWrappers('src/ask.ts', ts).map((f) => [f.line, f.wrapper, f.sdkRetriesOff]),
      [
        [6, 'loop', false],
        [12, 'p-retry', false],
      ],
    );
    const go = [
      'import "github.com/anthropics/anthropic-sdk-go"',
      'func ask() {',
      '\tfor attempt := 0; attempt < 3; attempt++ {',
      '\t\tmsg, err := client.Messages.New(ctx, params)',
      '\t\tif err != nil {',
      '\t\t\tcontinue',
      '\t\t}',
      '\t}',
      '}',
    ].join('\n');
    assert.deepEqual(findRetryWrappers('ask.go', go).map((f) => [f.line, f.wrapper]), [[4, 'loop']]);
  });

  it('does not count a decorator on a different function, or a call without a wrapper', () => {
    const python = [
      'from anthropic import Anthropic',
      'from tenacity import retry',
      '@retry',
      'def fetch_weather():',
      '    return requests.get("https://example.invalid")',
      '',
      'def ask(client):',
      '    return client.messages.create(model="m", max_tokens=1, messages=[])',
    ].join('\n');
    assert.deepEqual(findRetryWrappers('ask.py', python), []);
  });

  it('is skipped without a workspace folder, or with one that does not exist', async () => {
    const none = checkOf(await runDiagnostics(loopbackInput('http://127.0.0.1:9', 'http://127.0.0.1:9/unused'), { only: ['sdk-versions'] }), 'sdk-versions');
    assert.equal(none.status, 'skip');
    assert.equal(none.detail, 'no workspace folder open');
    const missing = await scan(path.join(tmpdir(), 'claude-health-no-such-folder'));
    assert.equal(missing.status, 'skip');
  });

  it('stops at its caps and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`src/file${String(i).padStart(2, '0')}.py`] = 'import anthropic\n';
    const root = make(files);
    const walked = await walkWorkspace(root, new AbortController().signal, { maxEntries: 100, maxDepth: 4, maxManifests: 10, maxSources: 5, maxBytesPerFile: 1024, maxTotalBytes: 1024 * 1024 });
    assert.equal(walked.files.length, 5);
    assert.equal(walked.stoppedBecause, 'the first 5 source files only');
    const tiny = await walkWorkspace(root, new AbortController().signal, { maxEntries: 5, maxDepth: 4, maxManifests: 10, maxSources: 50, maxBytesPerFile: 1024, maxTotalBytes: 1024 * 1024 });
    assert.equal(tiny.stoppedBecause, 'more than 5 entries');
  });
});

describe('version specs', () => {
  const cases: [string, string, ReturnType<typeof olderThan>][] = [
    ['0.40.0', '0.47.0', 'older'],
    ['==0.47.0', '0.47.0', 'not-older'],
    ['^0.45', '0.47.0', 'older'],
    ['^0.45.1', '0.47.0', 'older'],
    ['^0.47.0', '0.47.0', 'not-older'],
    ['~=0.45', '0.47.0', 'maybe-older'],
    ['~=0.45.2', '0.47.0', 'older'],
    ['>=0.40', '0.47.0', 'maybe-older'],
    ['>=0.40,<0.46', '0.47.0', 'older'],
    ['>=0.50', '0.47.0', 'not-older'],
    ['~0.46.3', '0.47.0', 'older'],
    ['^0.39.0', '1.0.0', 'older'],
    ['^1.2.0', '1.0.0', 'not-older'],
    ['v1.4.0', '1.0.0', 'not-older'],
    ['*', '1.0.0', 'unknown'],
    ['', '1.0.0', 'unknown'],
  ];
  for (const [spec, threshold, expected] of cases) {
    it(`"${spec}" against ${threshold}: ${expected}`, () => {
      assert.equal(olderThan(parseSpec(spec), parseSpec(threshold).exact!), expected);
    });
  }
});

// The Python retry wrappers (sync `python` and asyncio `python-async`), every variant,
// rendered as a user gets them, type-checked with mypy --strict, and run with the
// official `anthropic` SDK from PyPI against the simulator through the shared wrapper
// cases (spec/wrapper-cases.ts).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SNIPPET_TEMPLATES } from '../../src/core/snippets/templates-on-disk';
import { renderCode } from '../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetVariant } from '../../src/core/snippets/types';
import { pythonLanguage, type PythonFlavor } from './python/driver-process';
import { runWrapperSpec } from './spec/run-wrapper-spec';
import { ensurePythonToolchain, PYTHON_SNIPPET_DIR, SNIPPETS_TOOLS_DIR, type PythonToolchain } from './support/python-toolchain';

const execFileAsync = promisify(execFile);

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-python-snippets-0123456789';

const FLAVORS: { language: Extract<SnippetLanguage, 'python' | 'python-async'>; flavor: PythonFlavor; packageName: string }[] = [
  { language: 'python', flavor: 'sync', packageName: 'wrappers_sync' },
  { language: 'python-async', flavor: 'async', packageName: 'wrappers_async' },
];

const moduleName = (variant: SnippetVariant): string => variant.replace('-', '_');


/** Writes the rendered wrappers as two packages beside the driver, as a user's project would hold them. */
function writeProject(dir: string): void {
  for (const { language, packageName } of FLAVORS) {
    mkdirSync(path.join(dir, packageName));
    writeFileSync(path.join(dir, packageName, '__init__.py'), '');
    for (const variant of SNIPPET_VARIANTS) {
      const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === variant);
      assert.ok(template, `no ${language}/${variant} template in src/core/snippets/templates`);
      writeFileSync(path.join(dir, packageName, `${moduleName(variant)}.py`), renderCode(template, DEFAULT_SNIPPET_POLICY));
    }
  }
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'driver.py'), path.join(dir, 'driver.py'));
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'mypy.ini'), path.join(dir, 'mypy.ini'));
}

async function runMypy(python: string, dir: string): Promise<{ ok: boolean; output: string }> {
  const args = ['-m', 'mypy', '--config-file', 'mypy.ini', '--cache-dir', path.join(SNIPPETS_TOOLS_DIR, 'mypy-cache'), '.'];
  try {
    const { stdout, stderr } = await execFileAsync(python, args, { cwd: dir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** The environment of the driver: the simulator's address, a sentinel key, no proxy, nothing inherited. */
function driverEnv(simUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ANTHROPIC_API_KEY: SENTINEL_KEY,
    ANTHROPIC_BASE_URL: simUrl,
    NO_PROXY: '*',
  };
}

describe('Python retry wrappers against the simulator', function () {
  let toolchain: PythonToolchain;
  let projectDir: string;
  let mypy: { ok: boolean; output: string };

  before(async function () {
    this.timeout(900_000); // a cold start installs the SDK and mypy into the venv
    toolchain = await ensurePythonToolchain();
    projectDir = mkdtempSync(path.join(tmpdir(), 'claude-health-python-snippets-'));
    writeProject(projectDir);
    mypy = await runMypy(toolchain.python, projectDir);
  });

  after(function () {
    if (projectDir) rmSync(projectDir, { recursive: true, force: true });
  });

  for (const { language, flavor } of FLAVORS) {
    describe(language, function () {
      it('type-checks with mypy --strict against the pinned SDK', function () {
        assert.ok(mypy.ok, mypy.output);
        assert.match(mypy.output, /Success: no issues found/);
      });

      runWrapperSpec(
        pythonLanguage({ language, flavor, python: () => toolchain.python, projectDir: () => projectDir, env: driverEnv, sentinelKey: SENTINEL_KEY }),
      );
    });
  }
});

// The Python retry wrappers (sync `python` and asyncio `python-async`), every variant,
// rendered as a user gets them, type-checked with mypy --strict, and run with the
// official `anthropic` SDK from PyPI against the simulator through the shared wrapper
// cases (spec/wrapper-cases.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pythonLanguage } from './python/driver-process';
import { PYTHON_FLAVORS, PYTHON_SENTINEL_KEY, pythonDriverEnv, writePythonProject } from './python/python-project';
import { runWrapperSpec } from './spec/run-wrapper-spec';
import { ensurePythonToolchain, SNIPPETS_TOOLS_DIR, type PythonToolchain } from './support/python-toolchain';

const execFileAsync = promisify(execFile);

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

describe('Python retry wrappers against the simulator', function () {
  let toolchain: PythonToolchain;
  let projectDir: string;
  let mypy: { ok: boolean; output: string };

  before(async function () {
    this.timeout(900_000); // a cold start installs the SDK and mypy into the venv
    toolchain = await ensurePythonToolchain();
    projectDir = mkdtempSync(path.join(tmpdir(), 'claude-health-python-snippets-'));
    writePythonProject(projectDir);
    mypy = await runMypy(toolchain.python, projectDir);
  });

  after(function () {
    if (projectDir) rmSync(projectDir, { recursive: true, force: true });
  });

  for (const { language, flavor } of PYTHON_FLAVORS) {
    describe(language, function () {
      it('type-checks with mypy --strict against the pinned SDK', function () {
        assert.ok(mypy.ok, mypy.output);
        assert.match(mypy.output, /Success: no issues found/);
      });

      runWrapperSpec(
        pythonLanguage({ language, flavor, python: () => toolchain.python, projectDir: () => projectDir, env: (simUrl) => pythonDriverEnv(simUrl, PYTHON_SENTINEL_KEY), sentinelKey: PYTHON_SENTINEL_KEY }),
      );
    });
  }
});

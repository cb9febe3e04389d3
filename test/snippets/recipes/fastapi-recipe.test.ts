// The FastAPI recipe: rendered as a user gets it into a package app/ beside the asyncio
// concurrency wrapper it imports (rendered with a quick policy), type-checked with mypy
// --strict together with its tests, and run by its own unittest tests through FastAPI's
// TestClient (test/snippets/python/recipe/test_fastapi_recipe.py) against the simulator,
// its capacity model included.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SimClient } from '../../support/sim-client';
import { pythonDriverEnv } from '../python/python-project';
import { ensurePythonToolchain, PYTHON_SNIPPET_DIR, SNIPPETS_TOOLS_DIR } from '../support/python-toolchain';
import { renderedRecipe, renderedWrapper, writeRecipeProject, type RecipeProject } from './recipe-project';

const execFileAsync = promisify(execFile);
const KEY = 'sk-ant-api03-SENTINEL-fastapi-recipe-0123456789';
const PY_TESTS = [
  'test_answers_with_the_whole_reply',
  'test_rides_out_overloads',
  'test_answers_503_with_retry_after_when_the_budget_runs_out',
  'test_passes_a_rate_limit_on_with_the_servers_retry_after',
  'test_answers_502_at_once_without_echoing_the_error',
  'test_refuses_bad_input_without_calling_the_api',
  'test_a_caller_that_waits_past_its_deadline_for_a_slot_is_told_to_come_back',
  'test_turns_a_caller_away_at_once_when_too_many_wait',
  'test_never_sends_more_than_the_limit_and_answers_everyone',
  'test_absorbs_the_529s_of_a_capacity_below_its_limit',
];

async function run(python: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(python, args, { cwd, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('FastAPI recipe (TestClient, against the simulator)', function () {
  let sim: SimClient;
  let project: RecipeProject;
  let mypy: { ok: boolean; output: string };
  let tests: { ok: boolean; output: string };

  before(async function () {
    this.timeout(900_000); // a cold start installs the SDK, FastAPI and mypy into the venv
    const { python } = await ensurePythonToolchain();
    sim = await SimClient.start({ requiredApiKey: KEY });
    project = writeRecipeProject('fastapi', {
      'app/__init__.py': '',
      'app/main.py': renderedRecipe('fastapi'),
      'app/claude_retry.py': renderedWrapper('fastapi'),
      'test_fastapi_recipe.py': readFileSync(path.join(PYTHON_SNIPPET_DIR, 'recipe', 'test_fastapi_recipe.py'), 'utf8'),
      'mypy.ini': readFileSync(path.join(PYTHON_SNIPPET_DIR, 'mypy.ini'), 'utf8'),
    });
    const env = { ...pythonDriverEnv(sim.url, KEY), PYTHONWARNINGS: 'ignore::DeprecationWarning' };
    mypy = await run(python, ['-m', 'mypy', '--config-file', 'mypy.ini', '--cache-dir', path.join(SNIPPETS_TOOLS_DIR, 'mypy-cache'), '.'], project.dir, env);
    tests = await run(python, ['-m', 'unittest', '-v', 'test_fastapi_recipe'], project.dir, env);
  });

  after(async () => {
    await sim?.close();
    project?.dispose();
  });

  it('type-checks with mypy --strict, with its tests, against the pinned SDK and FastAPI', function () {
    assert.ok(mypy.ok, mypy.output);
    assert.match(mypy.output, /Success: no issues found/);
  });

  for (const name of PY_TESTS) {
    it(`passes ${name}`, function () {
      assert.match(tests.output, new RegExp(`^${name} \\(test_fastapi_recipe\\.\\w+\\.${name}\\)[^\\n]* \\.\\.\\. ok$`, 'm'), tests.output);
    });
  }

  it('runs every test it has, all passing, and never prints the key', function () {
    assert.ok(tests.ok, tests.output);
    assert.match(tests.output, new RegExp(`Ran ${PY_TESTS.length} tests`));
    assert.ok(!tests.output.includes(KEY));
  });
});

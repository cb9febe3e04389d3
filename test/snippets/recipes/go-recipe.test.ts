// The Go net/http recipe: rendered as a user gets it (only its clauderetry import path
// changed, to this module's), built with go vet and gofmt in the Go snippet project
// beside the basic wrapper (rendered with a quick policy), and tested by its own
// httptest tests (test/snippets/go/recipe/handler_test.go) against the simulator.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SimClient } from '../../support/sim-client';
import { buildGoProject, goDriverEnv, goSources, goTest, GO_SNIPPET_DIR, type CheckResult, type GoBuild } from '../support/go-toolchain';
import { renderAll } from '../support/rendered-wrappers';
import { renderedRecipe, renderedWrapper } from './recipe-project';

const KEY = 'sk-ant-api03-SENTINEL-go-recipe-0123456789abcdef';
const USER_IMPORT = '"example.com/yourapp/clauderetry"';
const GO_TESTS = [
  'TestAnswersWithTheWholeReply',
  'TestRidesOutOverloads',
  'TestAnswers503WithRetryAfterWhenTheBudgetRunsOut',
  'TestPassesARateLimitOnWithTheServersRetryAfter',
  'TestAnswers502AtOnceWithoutEchoingTheError',
  'TestRefusesBadInputWithoutCallingTheAPI',
];

describe('Go net/http recipe (httptest, against the simulator)', function () {
  let sim: SimClient;
  let build: GoBuild;
  let result: CheckResult;
  const recipe = renderedRecipe('go-http');

  before(async function () {
    this.timeout(900_000); // a cold module cache downloads the SDK from the Go module proxy
    sim = await SimClient.start({ requiredApiKey: KEY });
    assert.ok(recipe.includes(USER_IMPORT), `the recipe imports ${USER_IMPORT}`);
    build = await buildGoProject({
      ...goSources(renderAll('go')),
      'recipe/clauderetry/clauderetry.go': renderedWrapper('go-http'),
      'recipe/chat/handler.go': recipe.replace(USER_IMPORT, '"snippetdriver/recipe/clauderetry"'),
      'recipe/chat/handler_test.go': readFileSync(path.join(GO_SNIPPET_DIR, 'recipe', 'handler_test.go'), 'utf8'),
    });
    result = await goTest('./recipe/chat/', goDriverEnv(sim.url, KEY));
  });

  after(async () => {
    await sim?.close();
  });

  it('passes go vet and gofmt with its tests', function () {
    assert.ok(build.vet.ok, build.vet.output);
    assert.ok(build.gofmt.ok, build.gofmt.output);
  });

  for (const name of GO_TESTS) {
    it(`passes ${name}`, function () {
      assert.match(result.output, new RegExp(`--- PASS: ${name} `), result.output);
    });
  }

  it('runs every test it has, all passing, and never prints the key', function () {
    assert.ok(result.ok, result.output);
    const ran = [...result.output.matchAll(/^=== RUN\s+(Test\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(ran.sort(), [...GO_TESTS].sort());
    assert.ok(!result.output.includes(KEY));
  });
});

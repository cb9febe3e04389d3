// TypeScript retry wrappers: rendered, compiled with tsc --strict against @anthropic-ai/sdk,
// and run against the simulator through the shared wrapper cases (spec/wrapper-cases.ts).
import assert from 'node:assert/strict';
import { nodeLanguage } from './node/node-language';
import { buildSnippetProject, type SnippetProject } from './node/snippet-project';
import { runWrapperSpec } from './spec/run-wrapper-spec';
import { ensureNodeToolchain } from './support/node-toolchain';

describe('typescript retry wrappers (@anthropic-ai/sdk, against the simulator)', function () {
  let project: SnippetProject;

  before(async function () {
    this.timeout(600_000); // a cold toolchain install downloads from the npm registry
    project = await buildSnippetProject('typescript', await ensureNodeToolchain());
  });

  after(() => project?.dispose());

  it('compiles under tsc --strict against the real SDK types', function () {
    assert.equal(project.typeCheck.exitCode, 0, project.typeCheck.output);
    assert.equal(project.typeCheck.output, '');
  });

  runWrapperSpec(nodeLanguage('typescript', () => project));
});

// JavaScript retry wrappers: rendered as plain ES modules, checked with tsc --checkJs against
// @anthropic-ai/sdk's types, and run as rendered against the simulator through the shared
// wrapper cases (spec/wrapper-cases.ts).
import assert from 'node:assert/strict';
import { nodeLanguage } from './node/node-language';
import { buildSnippetProject, type SnippetProject } from './node/snippet-project';
import { runWrapperSpec } from './spec/run-wrapper-spec';
import { ensureNodeToolchain } from './support/node-toolchain';

describe('javascript retry wrappers (@anthropic-ai/sdk, against the simulator)', function () {
  let project: SnippetProject;

  before(async function () {
    this.timeout(600_000); // a cold toolchain install downloads from the npm registry
    project = await buildSnippetProject('javascript', await ensureNodeToolchain());
  });

  after(() => project?.dispose());

  it('passes tsc --checkJs --strict against the real SDK types', function () {
    assert.equal(project.typeCheck.exitCode, 0, project.typeCheck.output);
    assert.equal(project.typeCheck.output, '');
  });

  runWrapperSpec(nodeLanguage('javascript', () => project));
});

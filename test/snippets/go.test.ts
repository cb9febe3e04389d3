// The Go retry wrappers, every variant, built with the official SDK from the Go module
// proxy (version pinned in test/snippets/go/go.mod.tmpl), checked by go vet and gofmt, and
// run against the simulator. Each variant becomes its own package of one module, keeping
// the snippet's `package clauderetry` clause exactly as a user gets it.
import { buildGoProject, GO_PROJECT_DIR, goDriverEnv, goSources } from './support/go-toolchain';
import { COMPILED_CAPABILITIES, describeCompiledWrappers, SENTINEL_KEY } from './support/compiled-wrapper-suite';

describeCompiledWrappers({
  language: 'go',
  title: 'Go retry wrappers (github.com/anthropics/anthropic-sdk-go, against the simulator)',
  packageLine: /^\/\/ Package clauderetry [^\n]*\n(\/\/[^\n]*\n)*package clauderetry\n/,
  capabilities: COMPILED_CAPABILITIES,
  // Every API error is the one *anthropic.Error type (an alias of the internal apierror.Error), told apart by its status.
  sdkErrors: Object.fromEntries(
    (['bad-request', 'authentication', 'permission-denied', 'not-found', 'request-too-large', 'spend-limit', 'overloaded', 'status'] as const).map((kind) => [kind, '*apierror.Error']),
  ),
  checks: ['go vet', 'gofmt -l'],
  async build(rendered) {
    const build = await buildGoProject(goSources(rendered));
    return {
      command: build.driver,
      args: [],
      cwd: GO_PROJECT_DIR,
      env: (simUrl) => goDriverEnv(simUrl, SENTINEL_KEY),
      sdkVersion: build.sdkVersion,
      checks: { 'go vet': build.vet, 'gofmt -l': build.gofmt },
    };
  },
});

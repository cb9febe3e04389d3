// The Go retry wrappers as the compiled-wrapper suite builds and drives them: every variant
// its own package of one module, keeping the snippet's `package clauderetry` clause.
import { buildGoProject, GO_PROJECT_DIR, goDriverEnv } from '../support/go-toolchain';
import { COMPILED_CAPABILITIES, SENTINEL_KEY, type CompiledLanguage } from '../support/compiled-wrapper-suite';

export const GO_LANGUAGE: CompiledLanguage = {
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
    const build = await buildGoProject({
      'basic/clauderetry.go': rendered.basic,
      'circuitbreaker/clauderetry.go': rendered['circuit-breaker'],
      'fallback/clauderetry.go': rendered.fallback,
      'streaming/clauderetry.go': rendered.streaming,
      'concurrency/clauderetry.go': rendered.concurrency,
    });
    return {
      command: build.driver,
      args: [],
      cwd: GO_PROJECT_DIR,
      env: (simUrl) => goDriverEnv(simUrl, SENTINEL_KEY),
      sdkVersion: build.sdkVersion,
      checks: { 'go vet': build.vet, 'gofmt -l': build.gofmt },
    };
  },
};

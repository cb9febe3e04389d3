// The Java retry wrappers as the compiled-wrapper suite builds and drives them. All variants
// are a class ClaudeRetry in package claude.retry; to build them side by side, each gets a
// sub-package (claude.retry.basic, ...), the only line that differs from what a user gets.
import assert from 'node:assert/strict';
import { buildJavaProject, JAVA_PROJECT_DIR, javaDriverEnv } from '../support/java-toolchain';
import { COMPILED_CAPABILITIES, SENTINEL_KEY, type CompiledLanguage } from '../support/compiled-wrapper-suite';
import { SNIPPET_VARIANTS, type SnippetVariant } from '../../../src/core/snippets/types';

const PACKAGE_LINE = 'package claude.retry;\n';

function inSubPackage(code: string, variant: SnippetVariant): string {
  assert.ok(code.startsWith(PACKAGE_LINE), `the ${variant} template must start with "${PACKAGE_LINE.trim()}"`);
  return `package claude.retry.${variant.replace('-', '')};\n${code.slice(PACKAGE_LINE.length)}`;
}

export const JAVA_LANGUAGE: CompiledLanguage = {
  language: 'java',
  title: 'Java retry wrappers (com.anthropic:anthropic-java, against the simulator)',
  packageLine: /^package claude\.retry;\n[\s\S]*\npublic final class ClaudeRetry \{/,
  capabilities: {
    ...COMPILED_CAPABILITIES,
    // The SDK's streaming call blocks in OkHttp's read, which only the client's own read
    // timeout ends; the wrapper cannot cut it at the deadline without closing the client.
    hungStreamEndsAtDeadline: false,
  },

  sdkErrors: {
    'bad-request': 'com.anthropic.errors.BadRequestException',
    authentication: 'com.anthropic.errors.UnauthorizedException',
    'permission-denied': 'com.anthropic.errors.PermissionDeniedException',
    'not-found': 'com.anthropic.errors.NotFoundException',
    'spend-limit': 'com.anthropic.models.EnforcedSpendLimitReachedException',
  },
  checks: ['javac -Xlint:all -Werror'],
  async build(rendered) {
    const sources: Record<string, string> = {};
    for (const variant of SNIPPET_VARIANTS) {
      sources[`claude/retry/${variant.replace('-', '')}/ClaudeRetry.java`] = inSubPackage(rendered[variant], variant);
    }
    // The compile runs with -Xlint:all -Werror (see the pom): a warning fails the build itself.
    const build = await buildJavaProject(sources);
    return {
      command: 'java',
      args: build.javaArgs,
      cwd: JAVA_PROJECT_DIR,
      env: (simUrl) => javaDriverEnv(simUrl, SENTINEL_KEY),
      sdkVersion: build.sdkVersion,
      checks: { 'javac -Xlint:all -Werror': { ok: build.lintFlags, output: build.output } },
    };
  },
};

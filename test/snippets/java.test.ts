// The Java retry wrappers, every variant, compiled by Maven with javac -Xlint:all -Werror
// against the official SDK from Maven Central (version pinned in
// test/snippets/java/pom.xml.tmpl), and run against the simulator. All four variants are
// a class ClaudeRetry in package claude.retry; to build them side by side, each gets a
// sub-package (claude.retry.basic, ...), the only line that differs from what a user gets.
import { buildJavaProject, JAVA_PROJECT_DIR, javaDriverEnv, javaSources } from './support/java-toolchain';
import { COMPILED_CAPABILITIES, describeCompiledWrappers, SENTINEL_KEY } from './support/compiled-wrapper-suite';

describeCompiledWrappers({
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
    // The compile runs with -Xlint:all -Werror (see the pom): a warning fails the build itself.
    const build = await buildJavaProject(javaSources(rendered));
    return {
      command: 'java',
      args: build.javaArgs,
      cwd: JAVA_PROJECT_DIR,
      env: (simUrl) => javaDriverEnv(simUrl, SENTINEL_KEY),
      sdkVersion: build.sdkVersion,
      checks: { 'javac -Xlint:all -Werror': { ok: build.lintFlags, output: build.output } },
    };
  },
});

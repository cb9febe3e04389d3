// The Java retry wrappers, every variant, compiled by Maven with javac -Xlint:all -Werror
// against the official SDK from Maven Central (version pinned in
// test/snippets/java/pom.xml.tmpl), and run against the simulator. All four variants are
// a class ClaudeRetry in package claude.retry; to build them side by side, each gets a
// sub-package (claude.retry.basic, ...), the only line that differs from what a user gets.
import { JAVA_LANGUAGE } from './java/java-language';
import { describeCompiledWrappers } from './support/compiled-wrapper-suite';

describeCompiledWrappers(JAVA_LANGUAGE);

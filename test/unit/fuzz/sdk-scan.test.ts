// Property tests for the workspace scan's parsers: on any text (structured
// junk, binary, runs of grammar tokens up to 64 KB) they return findings or
// nothing, never throw, and finish; mocha's timeout is the hang guard.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isManifest, scanManifest } from '../../../src/core/diagnostics/sdk-scan/manifests';
import { findRetryWrappers } from '../../../src/core/diagnostics/sdk-scan/retry-wrappers';
import { MAX_SPEC_CHARS, olderThan, parseSpec, parseVersion } from '../../../src/core/diagnostics/sdk-scan/versions';
import { binaryText, fuzz, pumped, STRUCTURAL_TOKENS, tokenRuns } from '../../support/fuzz';

const MANIFEST_NAMES = [
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pyproject.toml', 'poetry.lock', 'uv.lock', 'go.mod', 'pom.xml',
  'build.gradle', 'build.gradle.kts', 'requirements.txt', 'requirements-dev.in',
];

/** What each format's patterns look for, so generated text exercises their partial matches. */
const GRAMMAR_TOKENS = [
  ...STRUCTURAL_TOKENS,
  '@anthropic-ai/sdk@', '@anthropic-ai/sdk', '"@anthropic-ai/sdk": {', '"node_modules/@anthropic-ai/sdk": {', '"version": "', 'version', 'version:', 'specifier:', "'/@anthropic-ai/sdk@",
  'anthropic', '"anthropic', 'anthropic[', '==', '===', '~=', '>=', '<', '!=', ',==a', ' x', 'a', '1', '.', '0.45.1', 'v1', '^', '~', '||',
  '[[package]]', 'name = "anthropic"', 'version = "', 'anthropic = {', 'github.com/anthropics/anthropic-sdk-go', '/v2 ', ' v1.2.3',
  '<dependency>', '</dependency>', '<groupId>com.anthropic</groupId>', '<version>', '</version>', '<artifactId>', '"com.anthropic:', 'anthropic-java:',
  '            x\n', '  version "', '{"dependencies":', '[', '{"a":',
];

const SOURCE_TOKENS = [
  ...STRUCTURAL_TOKENS,
  'import anthropic\n', 'from anthropic import Anthropic\n', "import Anthropic from '@anthropic-ai/sdk';\n", '"github.com/anthropics/anthropic-sdk-go"\n', 'import com.anthropic.client;\n',
  'client.messages.create(', '.messages.stream(', '.Messages.New(', '.messages().create(', '@retry', '@backoff.on_exception', 'pRetry(', 'retry.Do(', '@Retryable',
  'for i in range(3):', 'while True:', 'for (let i = 0;', 'for attempt := 0;', 'for (int i = 0;', 'except', 'catch (e) {', 'if err != nil {', 'def f():', 'async def g():',
  'max_retries=0', 'maxRetries: 0', '    ', '\t', '//', '#', '/*', '*',
];

// pumped() finds the old patterns' blow-ups within a few dozen cases (pnpm-lock: 26 s on one 64 KB case).
const adversarial = fc.oneof(pumped(GRAMMAR_TOKENS, 64 * 1024), tokenRuns(GRAMMAR_TOKENS, 64 * 1024), binaryText(16 * 1024), fc.string({ unit: 'binary', maxLength: 2000 }));

describe('fuzz: manifest parsers', () => {
  it('never throw, and show at most a capped spec, on generated text up to 64 KB', () => {
    fuzz(
      fc.property(fc.constantFrom(...MANIFEST_NAMES), adversarial, (name, text) => {
        assert.ok(isManifest(name));
        for (const found of scanManifest(name, text, name)) {
          assert.ok(found.spec.raw.length <= MAX_SPEC_CHARS);
          assert.ok(['typescript', 'python', 'go', 'java'].includes(found.ecosystem));
        }
      }),
      60,
    );
  });

  it('find nothing in files that never name the SDK', () => {
    const unrelated = tokenRuns(STRUCTURAL_TOKENS.concat(['version', '==', '1.2.3', 'name = "requests"', '<dependency>', '</dependency>', 'react@^18:']), 16 * 1024);
    fuzz(
      fc.property(fc.constantFrom(...MANIFEST_NAMES), unrelated, (name, text) => {
        assert.deepEqual(scanManifest(name, text, name), []);
      }),
      60,
    );
  });

  it('keep finding a requirement line whatever junk surrounds it', () => {
    const junkLine = fc.string({ maxLength: 80 }).map((line) => line.replace(/[\r\n]/g, '').replace(/^\s*anthropic/i, 'x'));
    fuzz(
      fc.property(fc.array(junkLine, { maxLength: 30 }), fc.array(junkLine, { maxLength: 30 }), fc.constantFrom('0.40.0', '0.52.1', '1.0.0'), (before, after, version) => {
        const text = [...before.map((l) => `# ${l}`), `anthropic==${version}`, ...after].join('\n');
        assert.deepEqual(scanManifest('requirements.txt', text, 'requirements.txt').map((f) => f.spec.raw), [`==${version}`]);
      }),
      60,
    );
  });
});

describe('fuzz: retry-wrapper finder', () => {
  it('never throws on generated sources up to 64 KB, and only reports lines that exist', () => {
    fuzz(
      fc.property(fc.constantFrom('a.py', 'a.ts', 'a.go', 'A.java'), fc.oneof(pumped(SOURCE_TOKENS, 64 * 1024), tokenRuns(SOURCE_TOKENS, 64 * 1024)), (file, text) => {
        const lineCount = text.split('\n').length;
        for (const found of findRetryWrappers(file, text)) {
          assert.ok(found.line >= 1 && found.line <= lineCount, `line ${found.line} of ${lineCount}`);
        }
      }),
      60,
    );
  });
});

describe('fuzz: version specs', () => {
  it('never throw, and always give a verdict', () => {
    const specText = fc.oneof(pumped(['1', '0', '.', ' ', '\t', '^', '~=', '>=', '==', 'v', ',', '||', '-', 'a', '!'], 8 * 1024), tokenRuns(['1', '0', '.', ' ', '\t', '^', '~', '~=', '>=', '<', '<=', '==', '=', 'v', ',', '||', '-', '+', 'a', '*', '!'], 8 * 1024, 500), fc.string({ maxLength: 200 }));
    fuzz(
      fc.property(specText, fc.tuple(fc.nat(3), fc.nat(60), fc.nat(9)), (text, threshold) => {
        const spec = parseSpec(text);
        assert.ok(spec.raw.length <= MAX_SPEC_CHARS);
        assert.ok(['older', 'maybe-older', 'not-older', 'unknown'].includes(olderThan(spec, threshold)));
        const version = parseVersion(text);
        if (version) assert.equal(version.length, 3);
      }),
      150,
    );
  });
});

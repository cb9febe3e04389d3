// Each language's snippet driver, built and started exactly as the snippet tests do it
// (test/snippets): the rendered wrappers against the real SDK of the language. The
// capacity benchmark runs its strategies through WrapperDriver.limiter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SnippetLanguage } from '../../src/core/snippets/types';
import { GO_LANGUAGE } from '../../test/snippets/go/go-language';
import { JAVA_LANGUAGE } from '../../test/snippets/java/java-language';
import { nodeLanguage } from '../../test/snippets/node/node-language';
import { buildSnippetProject } from '../../test/snippets/node/snippet-project';
import { pythonLanguage } from '../../test/snippets/python/driver-process';
import { PYTHON_FLAVORS, PYTHON_SENTINEL_KEY, pythonDriverEnv, writePythonProject } from '../../test/snippets/python/python-project';
import { type WrapperDriver } from '../../test/snippets/spec/wrapper-driver';
import { startCompiledDriver, type CompiledLanguage } from '../../test/snippets/support/compiled-wrapper-suite';
import { renderAll } from '../../test/snippets/support/rendered-wrappers';
import { ensureNodeToolchain } from '../../test/snippets/support/node-toolchain';
import { ensurePythonToolchain } from '../../test/snippets/support/python-toolchain';

export interface PreparedLanguage {
  start(simUrl: string): Promise<WrapperDriver>;
  dispose(): void;
}

async function preparePython(language: 'python' | 'python-async'): Promise<PreparedLanguage> {
  const toolchain = await ensurePythonToolchain();
  const dir = mkdtempSync(path.join(tmpdir(), 'claude-health-capacity-python-'));
  writePythonProject(dir);
  const flavor = PYTHON_FLAVORS.find((f) => f.language === language)!.flavor;
  const lang = pythonLanguage({ language, flavor, python: () => toolchain.python, projectDir: () => dir, env: (simUrl) => pythonDriverEnv(simUrl, PYTHON_SENTINEL_KEY), sentinelKey: PYTHON_SENTINEL_KEY });
  return { start: (simUrl) => lang.startDriver(simUrl), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

async function prepareNode(language: 'typescript' | 'javascript'): Promise<PreparedLanguage> {
  const project = await buildSnippetProject(language, await ensureNodeToolchain());
  if (project.typeCheck.exitCode !== 0) throw new Error(`the ${language} snippet project does not compile:\n${project.typeCheck.output}`);
  const lang = nodeLanguage(language, () => project);
  return { start: (simUrl) => lang.startDriver(simUrl), dispose: () => project.dispose() };
}

async function prepareCompiled(lang: CompiledLanguage): Promise<PreparedLanguage> {
  const built = await lang.build(renderAll(lang.language));
  return { start: (simUrl) => startCompiledDriver(built, simUrl), dispose: () => undefined };
}

/** Builds the language's project (installing its toolchain on a cold machine). */
export function prepareLanguage(language: SnippetLanguage): Promise<PreparedLanguage> {
  switch (language) {
    case 'python':
    case 'python-async':
      return preparePython(language);
    case 'typescript':
    case 'javascript':
      return prepareNode(language);
    case 'go':
      return prepareCompiled(GO_LANGUAGE);
    case 'java':
      return prepareCompiled(JAVA_LANGUAGE);
  }
}

// The Python snippet project as a user would hold it: the rendered wrappers as two packages
// (wrappers_sync, wrappers_async) beside the driver, and the environment the driver runs in.
// Used by the snippet tests and the capacity benchmark.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_VARIANTS, type SnippetLanguage, type SnippetVariant } from '../../../src/core/snippets/types';
import { PYTHON_SNIPPET_DIR } from '../support/python-toolchain';
import { type PythonFlavor } from './python-project';

export const PYTHON_SENTINEL_KEY = 'sk-ant-api03-SENTINEL-python-snippets-0123456789';

export const FLAVORS: { language: Extract<SnippetLanguage, 'python' | 'python-async'>; flavor: PythonFlavor; packageName: string }[] = [
  { language: 'python', flavor: 'sync', packageName: 'wrappers_sync' },
  { language: 'python-async', flavor: 'async', packageName: 'wrappers_async' },
];

const moduleName = (variant: SnippetVariant): string => variant.replace('-', '_');

/** Writes the rendered wrappers as two packages beside the driver, as a user's project would hold them. */
export function writePythonProject(dir: string): void {
  for (const { language, packageName } of FLAVORS) {
    mkdirSync(path.join(dir, packageName));
    writeFileSync(path.join(dir, packageName, '__init__.py'), '');
    for (const variant of SNIPPET_VARIANTS) {
      const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === variant);
      assert.ok(template, `no ${language}/${variant} template in src/core/snippets/templates`);
      writeFileSync(path.join(dir, packageName, `${moduleName(variant)}.py`), renderCode(template, DEFAULT_SNIPPET_POLICY));
    }
  }
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'driver.py'), path.join(dir, 'driver.py'));
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'mypy.ini'), path.join(dir, 'mypy.ini'));
}

/** The environment of the driver: the simulator's address, a sentinel key, no proxy, nothing inherited. */
export function pythonDriverEnv(simUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ANTHROPIC_API_KEY: PYTHON_SENTINEL_KEY,
    ANTHROPIC_BASE_URL: simUrl,
    NO_PROXY: '*',
  };
}

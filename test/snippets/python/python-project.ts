// The Python project the snippet suite and the storm bench run: the rendered wrappers as
// two packages (wrappers_sync, wrappers_async) beside driver.py, as a user's project
// would hold them, and the environment the driver runs in.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type SnippetLanguage, type SnippetVariant } from '../../../src/core/snippets/types';
import { renderAll } from '../support/rendered-wrappers';
import { PYTHON_SNIPPET_DIR } from '../support/python-toolchain';

export type PythonFlavor = 'sync' | 'async';

/** The key the snippet suite and the benches give the driver, to prove it never shows. */
export const PYTHON_SENTINEL_KEY = 'sk-ant-api03-SENTINEL-python-snippets-0123456789';

export const PYTHON_FLAVORS: { language: Extract<SnippetLanguage, 'python' | 'python-async'>; flavor: PythonFlavor; packageName: string }[] = [
  { language: 'python', flavor: 'sync', packageName: 'wrappers_sync' },
  { language: 'python-async', flavor: 'async', packageName: 'wrappers_async' },
];

const moduleName = (variant: SnippetVariant): string => variant.replace('-', '_');

export function writePythonProject(dir: string): void {
  for (const { language, packageName } of PYTHON_FLAVORS) {
    mkdirSync(path.join(dir, packageName));
    writeFileSync(path.join(dir, packageName, '__init__.py'), '');
    for (const [variant, code] of Object.entries(renderAll(language))) {
      writeFileSync(path.join(dir, packageName, `${moduleName(variant as SnippetVariant)}.py`), code);
    }
  }
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'driver.py'), path.join(dir, 'driver.py'));
  cpSync(path.join(PYTHON_SNIPPET_DIR, 'mypy.ini'), path.join(dir, 'mypy.ini'));
}

/** The environment of the driver: the simulator's address, the key, no proxy, nothing inherited. */
export function pythonDriverEnv(simUrl: string, apiKey: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ANTHROPIC_API_KEY: apiKey,
    ANTHROPIC_BASE_URL: simUrl,
    NO_PROXY: '*',
  };
}

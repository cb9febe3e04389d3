// The SDK is loaded at the first probe only (the build turns the dynamic import
// into a separate bundle); a static value import anywhere in src/core would pull
// it into the extension's activation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { typeScriptFiles as sources } from '../../support/source-files';

const root = join(__dirname, '..', '..', '..');

describe('the SDK stays lazy', () => {
  it('has no static value import of @anthropic-ai/sdk under src/core or src/cli', () => {
    const offenders: string[] = [];
    for (const file of [...sources(join(root, 'src', 'core')), ...sources(join(root, 'src', 'cli'))]) {
      const text = readFileSync(file, 'utf8');
      const staticImport = /^\s*import\s+(?!type\b)[^;]*?from\s+['"]@anthropic-ai\/sdk(\/[^'"]*)?['"]/m.test(text);
      const required = /require\(\s*['"]@anthropic-ai\/sdk/.test(text);
      if (staticImport || required) offenders.push(relative(root, file));
    }
    assert.deepEqual(offenders, []);
  });

  it('loads it with a dynamic import in the probe', () => {
    const text = readFileSync(join(root, 'src', 'core', 'probe', 'run-probe.ts'), 'utf8');
    assert.match(text, /import\('@anthropic-ai\/sdk'\)/);
  });
});

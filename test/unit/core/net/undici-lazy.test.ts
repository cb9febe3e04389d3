// undici is loaded at the first request from a bundle of its own (like the
// SDK); a static value import anywhere in the extension's sources would put it
// back on the activation path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { typeScriptFiles as sources } from '../../../support/source-files';
import * as bundleEntry from '../../../../src/undici-bundle';

const root = join(__dirname, '..', '..', '..', '..');

describe('undici stays lazy', () => {
  it('has no static value import of undici in the extension, core or CLI sources', () => {
    const offenders: string[] = [];
    const files = [...sources(join(root, 'src', 'core')), ...sources(join(root, 'src', 'cli')), ...sources(join(root, 'src', 'vscode')), join(root, 'src', 'extension.ts')];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const staticImport = /^\s*import\s+(?!type\b)[^;]*?from\s+['"]undici(\/[^'"]*)?['"]/m.test(text);
      const required = /require\(\s*['"]undici/.test(text);
      if (staticImport || required) offenders.push(relative(root, file));
    }
    assert.deepEqual(offenders, []);
  });

  it('has a bundle entry that gives the transport every part it uses', () => {
    const entry = bundleEntry as Record<string, unknown>;
    for (const name of ['fetch', 'Agent', 'Client', 'Pool', 'ProxyAgent', 'buildConnector']) assert.equal(typeof entry[name], 'function', name);
    const transport = readFileSync(join(root, 'src', 'core', 'net', 'undici-route.ts'), 'utf8') + readFileSync(join(root, 'src', 'core', 'net', 'node-fetch.ts'), 'utf8');
    const used = new Set([...transport.matchAll(/\bundici\.(\w+)/g)].map((match) => match[1]));
    for (const name of used) assert.equal(typeof entry[name as string], 'function', `the transport uses undici.${name}`);
  });
});

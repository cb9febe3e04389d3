// The README's settings and commands tables stay true to package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const localized = (value: string) => value.replace(/^%(.+)%$/, (_m, key: string) => nls[key] as string);

describe('README tables', () => {
  it('list every setting with its real default and scope, and nothing else', () => {
    const properties: Record<string, { default: unknown; scope?: string }> = pkg.contributes.configuration.properties;
    for (const [key, schema] of Object.entries(properties)) {
      const row = `| \`${key}\` | \`${JSON.stringify(schema.default)}\` | ${schema.scope ?? 'window'} |`;
      assert.ok(readme.includes(row), `README lacks the row ${row}`);
    }
    const documented = [...readme.matchAll(/^\| `(claudeHealth\.[\w.]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented.sort(), Object.keys(properties).sort());
  });

  it('list every command under its palette title', () => {
    for (const command of pkg.contributes.commands) {
      const row = `| ${localized(command.category)}: ${localized(command.title)} | \`${command.command}\` |`;
      assert.ok(readme.includes(row), `README lacks the row ${row}`);
    }
  });
});

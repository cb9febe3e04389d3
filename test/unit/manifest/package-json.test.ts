// package.json declares what the core reads: same keys, same defaults, safe scopes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, NUMERIC_RANGES, SETTING_KEYS } from '../../../src/core/settings';
import { DEFAULT_SNIPPET_POLICY } from '../../../src/core/snippets/types';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const properties: Record<string, { default: unknown; scope?: string; minimum?: number; maximum?: number; markdownDescription?: string }> = pkg.contributes.configuration.properties;

describe('package.json contributions', () => {
  it('declares every monitor setting with the core default and range', () => {
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      const declared = properties[`claudeHealth.${key}`];
      assert.ok(declared, `claudeHealth.${key} is declared`);
      const expected = DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS];
      assert.deepEqual(declared.default, field === 'apiBaseUrl' ? '' : expected, `default of claudeHealth.${key}`);
      const range = NUMERIC_RANGES[field as keyof typeof NUMERIC_RANGES];
      if (range) assert.deepEqual([declared.minimum, declared.maximum], [range.min, range.max], `range of claudeHealth.${key}`);
    }
  });

  it('declares the snippet policy defaults', () => {
    for (const key of ['maxAttempts', 'deadlineSeconds', 'baseDelayMs', 'maxDelayMs', 'fallbackModel'] as const) {
      assert.equal(properties[`claudeHealth.snippets.${key}`]?.default, DEFAULT_SNIPPET_POLICY[key], key);
    }
  });

  it('keeps every setting that decides where the key goes, or what is billed, out of workspace reach', () => {
    for (const key of ['apiBaseUrl', 'statusPageUrl', 'probe.mode', 'probe.models', 'probe.intervalSeconds', 'diagnostics.dnsServers']) {
      assert.ok(['machine', 'application'].includes(properties[`claudeHealth.${key}`]?.scope ?? 'window'), `claudeHealth.${key} scope`);
    }
  });

  it('has a localized string for every %placeholder%, and commands in the Claude Health category', () => {
    const placeholders = [...JSON.stringify(pkg.contributes).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(placeholders.length > 20);
    for (const key of placeholders) assert.equal(typeof nls[key], 'string', key);
    for (const command of pkg.contributes.commands) {
      assert.match(command.command, /^claudeHealth\.[a-z][A-Za-z]+$/);
      assert.equal(nls[command.category.slice(1, -1)], 'Claude Health');
    }
  });

  it('names a contributed snippet file that the build writes, for each language', () => {
    for (const entry of pkg.contributes.snippets) assert.match(entry.path, /^\.\/dist\/snippets\/[a-z]+\.code-snippets$/);
  });
});

// package.json declares what the core reads: same keys, same defaults, safe scopes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLAUDE_HEALTH_SETTINGS, CONNECTION_SETTINGS, DEFAULT_SETTINGS, NUMERIC_RANGES, SETTING_KEYS, workspaceCanSet } from '../../../src/core/settings';
import { DEFAULT_SNIPPET_POLICY } from '../../../src/core/snippets/types';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const properties: Record<string, { type: string; default: unknown; scope?: string; minimum?: number; maximum?: number; enum?: string[]; markdownDescription?: string }> =
  pkg.contributes.configuration.properties;

/** The JSON schema type package.json must give each kind of setting. */
const SCHEMA_TYPES = { number: 'number', enum: 'string', list: 'array', url: 'string', model: 'string', text: 'string', boolean: 'boolean', endpoints: 'array' } as const;

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

  it('declares exactly the settings the settings module reads, each with its type, default, range, choices and scope', () => {
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(CLAUDE_HEALTH_SETTINGS).sort());
    for (const [name, spec] of Object.entries(CLAUDE_HEALTH_SETTINGS)) {
      const declared = properties[name]!;
      assert.equal(declared.type, SCHEMA_TYPES[spec.kind], `type of ${name}`);
      assert.deepEqual(declared.default, spec.default, `default of ${name}`);
      assert.equal(declared.scope ?? 'window', spec.scope, `scope of ${name}`);
      if (spec.kind === 'number') assert.deepEqual([declared.minimum, declared.maximum], [spec.min, spec.max], `range of ${name}`);
      else assert.deepEqual([declared.minimum, declared.maximum], [undefined, undefined], `${name} has no range`);
      assert.deepEqual(declared.enum, spec.kind === 'enum' ? spec.values : undefined, `choices of ${name}`);
    }
  });

  it('keeps everything that can hide an outage or cost money out of workspace reach, and says so in the description', () => {
    const workspaceSettable = Object.entries(CLAUDE_HEALTH_SETTINGS)
      .filter(([, spec]) => workspaceCanSet(spec.scope))
      .map(([name]) => name)
      .sort();
    assert.deepEqual(workspaceSettable, [
      'claudeHealth.diagnostics.timeoutMs',
      'claudeHealth.snippets.baseDelayMs',
      'claudeHealth.snippets.deadlineSeconds',
      'claudeHealth.snippets.fallbackModel',
      'claudeHealth.snippets.maxAttempts',
      'claudeHealth.snippets.maxDelayMs',
    ]);
    for (const name of Object.keys(CLAUDE_HEALTH_SETTINGS).filter((key) => !workspaceSettable.includes(key))) {
      const description = nls[String(properties[name]!.markdownDescription).slice(1, -1)] as string;
      assert.match(description, /Machine scope: a workspace cannot change it/, name);
    }
  });

  it('relies on VS Code to keep its own network settings out of workspace reach', () => {
    for (const [name, spec] of Object.entries(CONNECTION_SETTINGS)) {
      assert.match(name, /^http\./);
      assert.equal(workspaceCanSet(spec.scope), false, name);
      assert.equal(properties[name], undefined, `${name} is VS Code's, not ours to declare`);
    }
  });

  it('declares the snippet policy defaults', () => {
    for (const key of ['maxAttempts', 'deadlineSeconds', 'baseDelayMs', 'maxDelayMs', 'fallbackModel'] as const) {
      assert.equal(properties[`claudeHealth.snippets.${key}`]?.default, DEFAULT_SNIPPET_POLICY[key], key);
    }
  });

  it('keeps every setting that decides where the key goes, or what is billed, out of workspace reach', () => {
    for (const key of ['apiBaseUrl', 'statusPageUrl', 'probe.mode', 'probe.models', 'probe.intervalSeconds', 'diagnostics.dnsServers', 'diagnostics.compareEndpoints']) {
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

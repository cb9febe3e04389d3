// What the .vsix ships, as vsce itself lists it: the bundles the extension
// loads, its snippets, media and the documents the marketplace shows; never
// sources, tests, templates, source maps, the CLI or the simulator's scripts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Exactly these, and nothing else, may ship. */
const SHIPPED = [
  /^package\.json$/,
  /^package\.nls\.json$/,
  /^package\.nls\.zh-cn\.json$/,
  /^l10n\/bundle\.l10n(\.zh-cn)?\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^media\/icon\.png$/,
  /^media\/walkthrough\/(zh-cn\/)?[a-z-]+\.md$/,
  /^dist\/(extension|anthropic-sdk|undici|snippet-catalog|panels|l10n-zh-cn|simulator)\.js$/,
  /^dist\/webview\/(history|report)\.(js|css)$/,
  /^dist\/snippets\/[a-z]+\.code-snippets$/,
];

/** The extension cannot run without these. */
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/icon.png', 'dist/extension.js', 'dist/anthropic-sdk.js', 'dist/undici.js', 'dist/snippet-catalog.js', 'dist/panels.js', 'dist/l10n-zh-cn.js', 'dist/simulator.js', 'dist/webview/history.js', 'dist/webview/report.js', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json'];

describe('the packaged extension (vsce ls)', function () {
  this.timeout(120_000);
  let files: string[];

  before(() => {
    // vsce lists what is on disk: build first when a contributor runs this layer alone.
    if (!existsSync(path.join(root, 'dist', 'extension.js'))) execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'ignore' });
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    files = out.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  });

  it('ships only the bundles, snippets, media and documents', () => {
    const stray = files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
    assert.deepEqual(stray, [], 'files that should not ship');
  });

  it('ships everything the extension needs to run', () => {
    for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is missing from the package`);
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { path: string }[] } };
    for (const { path: snippetPath } of manifest.contributes.snippets) {
      assert.ok(files.includes(snippetPath.replace(/^\.\//, '')), `${snippetPath}, contributed in package.json, is missing from the package`);
    }
  });
});

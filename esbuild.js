// Bundles the extension and the CLI. The Anthropic SDK goes into a bundle of its
// own (dist/anthropic-sdk.js) that is required only at the first probe, and
// undici into dist/undici.js, required at the first request, so the
// extension's activation never pays for parsing them.
'use strict';
const esbuild = require('esbuild');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Rewrites `import('@anthropic-ai/sdk')` to the sibling bundle, kept external. */
const sdkAsSiblingBundle = {
  name: 'sdk-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './anthropic-sdk.js', external: true }));
  },
};

/** undici (the proxy-aware transport), likewise: loaded at the first request. */
const undiciAsSiblingBundle = {
  name: 'undici-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * The snippet templates, likewise: a sibling bundle required on first use. From source,
 * catalog.ts imports templates-on-disk (which reads the files); bundled, that import is
 * the catalog built below from templates-inlined.ts, where the text loader holds them.
 */
const catalogAsSiblingBundle = {
  name: 'catalog-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /\/templates-on-disk(\.js)?$/ }, () => ({ path: './snippet-catalog.js', external: true }));
  },
};

/**
 * The webview panels' host code (history, diagnostics report), likewise: loaded
 * when a panel first opens. Activation registers only the commands and the
 * panel serializer that import it.
 */
const panelsAsSiblingBundle = {
  name: 'panels-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /\/vscode\/panels\/index(\.js)?$/ }, () => ({ path: './panels.js', external: true }));
  },
};

/**
 * The core's Chinese catalogue, likewise: required by translate.ts the first time a
 * Chinese translator is made, so an English window or CLI never parses it.
 */
const chineseCatalogueAsSiblingBundle = {
  name: 'chinese-catalogue-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/zh-cn$/ }, (args) =>
      args.importer.endsWith(path.join('core', 'l10n', 'translate.ts')) ? { path: './l10n-zh-cn.js', external: true } : undefined,
    );
  },
};

/** The simulator, for Start Local Simulator: loaded when that command first runs. */
const simulatorAsSiblingBundle = {
  name: 'simulator-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /\/sim\/in-extension(\.js)?$/ }, () => ({ path: './simulator.js', external: true }));
  },
};

const common = {
  absWorkingDir: __dirname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const snippetCatalogBuild = {
  ...common,
  entryPoints: ['src/core/snippets/templates-inlined.ts'],
  outfile: 'dist/snippet-catalog.js',
  loader: { '.tmpl': 'text' },
  minify: true,
  sourcemap: false,
};

/** The scripts and styles that run inside the webviews: browser bundles, never loaded by the extension host. */
const webviewBuild = {
  absWorkingDir: __dirname,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  entryPoints: { history: 'src/webview/history/main.ts', report: 'src/webview/report/main.ts' },
  outdir: 'dist/webview',
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [sdkAsSiblingBundle, undiciAsSiblingBundle, catalogAsSiblingBundle, panelsAsSiblingBundle, chineseCatalogueAsSiblingBundle, simulatorAsSiblingBundle] },
  { ...common, entryPoints: ['src/vscode/panels/index.ts'], outfile: 'dist/panels.js', external: ['vscode'], plugins: [sdkAsSiblingBundle, undiciAsSiblingBundle, catalogAsSiblingBundle, chineseCatalogueAsSiblingBundle] },
  { ...common, entryPoints: ['src/core/l10n/zh-cn/index.ts'], outfile: 'dist/l10n-zh-cn.js' },
  { ...common, entryPoints: ['src/sim/in-extension.ts'], outfile: 'dist/simulator.js', plugins: [chineseCatalogueAsSiblingBundle] },
  webviewBuild,
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [sdkAsSiblingBundle, undiciAsSiblingBundle, catalogAsSiblingBundle, chineseCatalogueAsSiblingBundle] },
  { ...common, entryPoints: ['src/sdk-bundle.ts'], outfile: 'dist/anthropic-sdk.js', minify: true, sourcemap: false },
  { ...common, entryPoints: ['src/undici-bundle.ts'], outfile: 'dist/undici.js', minify: true, sourcemap: false },
  snippetCatalogBuild,
];

/** dist/snippets/*.code-snippets (contributes.snippets), from the same templates and table as the catalog. */
function writeContributedSnippets() {
  const args = ['--import', 'tsx', 'scripts/write-contributed-snippets.ts'];
  const result = spawnSync(process.execPath, args, { cwd: __dirname, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`writing the contributed snippets failed: node ${args.join(' ')}`);
}

async function main() {
  writeContributedSnippets();
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
    console.log('[watch] build finished, watching for changes');
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  require('node:fs').chmodSync(path.join(__dirname, 'dist', 'cli.js'), 0o755);
}

// Required (not run) by the test that checks the shipped catalog against the template files.
module.exports = { snippetCatalogBuild, webviewBuild };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

// Bundles the extension and the CLI. The Anthropic SDK goes into a bundle of its
// own (dist/anthropic-sdk.js) that is required only at the first probe, so the
// extension's activation never pays for parsing it.
'use strict';
const esbuild = require('esbuild');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Rewrites `import('@anthropic-ai/sdk')` to the sibling bundle, kept external. */
const sdkAsSiblingBundle = {
  name: 'sdk-as-sibling-bundle',
  setup(build) {
    build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './anthropic-sdk.js', external: true }));
  },
};

const common = {
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

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [sdkAsSiblingBundle] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [sdkAsSiblingBundle] },
  { ...common, entryPoints: ['src/sdk-bundle.ts'], outfile: 'dist/anthropic-sdk.js', minify: true, sourcemap: false },
];

async function main() {
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

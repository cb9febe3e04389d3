// For contributors with desktop VS Code: `npx vscode-test` runs the integration
// tests (test/integration) inside a VS Code extension host, against the build in
// dist/ (run `npm run build` first). The machines this project's CI runs on
// cannot download desktop VS Code; there, `npm run test:e2e` runs the packaged
// extension in code-server instead (scripts/e2e.mjs).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'test/integration/**/*.test.ts',
  workspaceFolder: 'test/fixtures/sample-workspace',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: {
    ui: 'bdd',
    // Loads the TypeScript test files directly, as the other layers do.
    require: ['tsx/cjs'],
    timeout: 20000,
  },
});

// For contributors with desktop VS Code: `npx vscode-test` runs the integration
// tests (test/integration) inside a VS Code extension host, against the build in
// dist/ (run `npm run build` first). The machines this project's CI runs on
// cannot download desktop VS Code; there, `npm run test:e2e` runs the packaged
// extension in code-server instead (scripts/e2e.mjs).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@vscode/test-cli';

// A fresh profile whose settings keep every request on this machine: port 9 on
// loopback is closed, so the monitor's probes and polls fail fast and locally.
const userDataDir = mkdtempSync(path.join(tmpdir(), 'claude-health-integration-'));
mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
writeFileSync(
  path.join(userDataDir, 'User', 'settings.json'),
  JSON.stringify({
    'claudeHealth.apiBaseUrl': 'http://127.0.0.1:9',
    'claudeHealth.statusPageUrl': 'http://127.0.0.1:9/api/v2/summary.json',
    'claudeHealth.diagnostics.dnsServers': [],
    'security.workspace.trust.enabled': false,
  }),
);

export default defineConfig({
  label: 'integration',
  files: 'test/integration/**/*.test.ts',
  workspaceFolder: 'test/fixtures/sample-workspace',
  launchArgs: ['--disable-extensions', `--user-data-dir=${userDataDir}`],
  env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: '' },
  mocha: {
    ui: 'bdd',
    // Loads the TypeScript test files directly, as the other layers do.
    require: ['tsx/cjs'],
    timeout: 20000,
  },
});

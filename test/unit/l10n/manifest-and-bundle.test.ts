// The extension's own strings in Simplified Chinese: package.nls.zh-cn.json for
// the manifest, l10n/bundle.l10n.zh-cn.json for vscode.l10n.t. The English
// bundle is generated from the sources (npm run l10n); this test regenerates it
// so a new vscode.l10n.t string cannot ship untranslated or unlisted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { translationProblems } from '../../support/message-shape';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;

describe('localised manifest and l10n bundles', function () {
  this.timeout(60_000);

  it('package.json points VS Code at the l10n folder', () => {
    assert.equal(readJson('package.json').l10n, './l10n');
  });

  it('l10n/bundle.l10n.json is what npm run l10n generates from the sources (run it after adding a vscode.l10n.t string)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'claude-health-l10n-'));
    try {
      const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, './src'], { cwd: root, stdio: 'ignore' });
      const generated = JSON.parse(readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      assert.deepEqual(readJson('l10n/bundle.l10n.json'), generated, 'l10n/bundle.l10n.json is stale: run npm run l10n');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('l10n/bundle.l10n.zh-cn.json translates every string of the English bundle, placeholders intact, nothing extra', () => {
    assert.deepEqual(translationProblems(readJson('l10n/bundle.l10n.json'), readJson('l10n/bundle.l10n.zh-cn.json'), 'zh-cn bundle'), []);
  });

  it('package.nls.zh-cn.json translates every manifest string, code and command links intact, nothing extra', () => {
    assert.deepEqual(translationProblems(readJson('package.nls.json'), readJson('package.nls.zh-cn.json'), 'package.nls.zh-cn.json'), []);
  });

  it('each walkthrough step has its Markdown page in English and in Chinese, both on disk', () => {
    const pkg = readJson('package.json') as unknown as { contributes: { walkthroughs: { steps: { id: string; media: { markdown: string } }[] }[] } };
    const english = readJson('package.nls.json');
    const chinese = readJson('package.nls.zh-cn.json');
    for (const step of pkg.contributes.walkthroughs.flatMap((w) => w.steps)) {
      const key = step.media.markdown.replace(/^%(.+)%$/, '$1');
      assert.notEqual(key, step.media.markdown, `walkthrough step ${step.id}: its markdown path is localised through package.nls`);
      for (const [table, file] of [['en', english[key]], ['zh-cn', chinese[key]]] as const) {
        assert.ok(file && existsSync(path.join(root, file)), `walkthrough step ${step.id}: ${table} page ${String(file)} exists`);
      }
      assert.match(readFileSync(path.join(root, chinese[key]!), 'utf8'), /[\u4e00-\u9fff]/, `${chinese[key]} is in Chinese`);
    }
  });
});

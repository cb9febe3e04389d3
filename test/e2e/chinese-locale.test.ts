// VS Code started with the Chinese display language (code-server --locale
// zh-cn) and no Chinese language pack installed. What VS Code does then, found
// by this test: it resolves the display language back to English, reports
// vscode.env.language as "en", and applies neither package.nls.zh-cn.json nor
// l10n/bundle.l10n.zh-cn.json. The extension follows: the whole window stays
// in one language, English, rather than half-translated. A hand-made language
// pack that declares zh-cn with no translations of VS Code did not change that
// either (tried; code-server kept English). With the real Marketplace pack the
// same bundles apply; the unit tests hold every string's translation and the
// CLI test runs the Chinese catalogue end to end.
import assert from 'node:assert/strict';
import { sessionPerSuite, STATUS_ITEM_ID } from './support/session';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-zh-cn-4b1d7e2a9c6f3e80';

describe('Claude Health in VS Code started with --locale zh-cn and no language pack', function () {
  const open = sessionPerSuite({ env: { ANTHROPIC_API_KEY: SENTINEL_KEY }, requiredApiKey: SENTINEL_KEY, locale: 'zh-cn' });

  it('keeps the status bar, its tooltip and the palette in English, like VS Code itself', async function () {
    const { workbench } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await item.waitForText((text) => /^Claude \d+(\.\d+)? ?m?s$/.test(text), 60_000, 'operational with a latency');
    const tooltip = await item.tooltip();
    assert.match(tooltip, /Claude API: Operational/);
    assert.ok(!/[\u4e00-\u9fff]/.test(tooltip), `the tooltip mixes in Chinese:\n${tooltip}`);
    assert.ok(!tooltip.includes(SENTINEL_KEY), 'the tooltip shows the API key');
    assert.ok(await workbench.paletteLists('Claude Health: Run Connection Diagnostics'), 'the palette lists the English title');
    assert.ok(!(await workbench.paletteLists('Claude Health: 运行连接诊断')), 'the palette lists the Chinese title without a language pack');
  });
});

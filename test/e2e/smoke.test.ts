// The packaged extension in a real VS Code (code-server in Chromium), pointed at
// a simulator this test starts: it activates, shows its health in the status bar,
// counts a storm of 529 overloads, and keeps the key out of everything it shows.
import assert from 'node:assert/strict';
import { contributedCommands, paletteTitle } from './support/manifest';
import { sessionPerSuite, STATUS_ITEM_ID } from './support/session';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-smoke-7f3a9c1d5b2e8f40';

/** "Claude 120ms" or "Claude 1.2s": operational, with the latency of the last good probe. */
const OPERATIONAL_TEXT = /^Claude \d+(\.\d+)? ?m?s$/;

function overloadedCount(text: string): number {
  const match = /529×(\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

describe('Claude Health in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({ env: { ANTHROPIC_API_KEY: SENTINEL_KEY }, requiredApiKey: SENTINEL_KEY });

  it('activates: the status item appears and every command is in the palette', async function () {
    const { workbench } = open();
    await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    const expected = contributedCommands().filter((command) => command.alwaysInPalette).map((command) => command.paletteTitle);
    assert.ok(expected.length > 0, 'package.json contributes no command');
    const missing: string[] = [];
    for (const title of expected) if (!(await workbench.paletteLists(title))) missing.push(title);
    assert.deepEqual(missing, [], `the palette does not list ${missing.join(', ')}`);
  });

  it('shows an operational API with its latency, and says why in the tooltip', async function () {
    const { workbench, sim } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    const text = await item.waitForText((t) => OPERATIONAL_TEXT.test(t), 60_000, 'operational with a latency');
    assert.match(text, OPERATIONAL_TEXT);
    assert.deepEqual(await item.icons(), ['pass']);
    assert.equal(await item.kind(), 'standard');
    // A screen reader hears the state in words, not the icon.
    const heard = workbench.statusBarItemLabelled(/^Claude API: Operational/);
    assert.equal(await heard.locator.getAttribute('id'), await item.locator.getAttribute('id'));
    const tooltip = await item.tooltip();
    assert.match(tooltip, /Claude API: Operational/);
    assert.ok(!tooltip.includes(SENTINEL_KEY), 'the tooltip shows the API key');
    // Both sources come from the simulator, so the settings reached the extension.
    const routes = Object.keys((await sim.state()).requests);
    assert.ok(routes.some((route) => route.includes(' /v1/')), `the simulator saw no probe; it saw ${routes.join(', ')}`);
    assert.ok(routes.some((route) => route.includes('/api/v2/')), `the simulator saw no status page request; it saw ${routes.join(', ')}`);
    assert.ok(tooltip.includes(sim.url), `the tooltip does not name the simulator ${sim.url} as the probed host`);
    // The Python file: this workspace has no node_modules, so the TypeScript one shows red squiggles.
    await workbench.openFile('summarize.py');
    assert.match(await workbench.activeEditorText(), /client\.messages\.create\(/);
    await item.showTooltip();
    await workbench.screenshot('operational');
    await item.hideTooltip();
  });

  it('counts a storm of 529 overloads: degraded, and the count rises while it lasts', async function () {
    const { workbench, sim } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await item.waitForText((t) => OPERATIONAL_TEXT.test(t), 60_000, 'operational before the storm');
    // Every other request overloaded: two of any three probes fail, which is
    // degraded with the default hysteresis (2 of the last 3), and never the three
    // failures in a row that would make it an outage.
    await sim.script(Array.from({ length: 200 }, (_, i) => ({ kind: i % 2 === 0 ? ('overloaded' as const) : ('ok' as const) })));
    try {
      // Probes run every 5 s; Refresh asks for one now, as a person would.
      await workbench.runCommand(paletteTitle('claudeHealth.refresh'));
      const first = await item.waitForText((t) => overloadedCount(t) > 0, 30_000, 'a 529 count');
      await workbench.runCommand(paletteTitle('claudeHealth.refresh'));
      const later = await item.waitForText((t) => overloadedCount(t) > overloadedCount(first) && /^Claude degraded\b/.test(t), 40_000, 'a rising 529 count and a degraded state');
      assert.ok(overloadedCount(later) > overloadedCount(first), `529 count did not rise: "${first}" then "${later}"`);
      assert.deepEqual(await item.icons(), ['warning']);
      assert.equal(await item.kind(), 'warning');
      const tooltip = await item.showTooltip();
      await workbench.screenshot('storm');
      await item.hideTooltip();
      assert.match(tooltip, /Claude API: Degraded/);
      assert.match(tooltip, /got 529 overloaded|failed \(529 overloaded/);
      assert.match(tooltip, /Last \d+ min: .*529×[1-9]/);
    } finally {
      await sim.reset();
    }
    // Once the overloads stop, health recovers after the configured good probes.
    await workbench.runCommand(paletteTitle('claudeHealth.refresh'));
    await item.waitForText((t) => t.startsWith('Claude') && !/degraded|outage/.test(t), 60_000, 'recovery after the storm');
  });

  it('Show Log opens the Claude Health output channel, and the key is in none of it', async function () {
    const { workbench } = open();
    await workbench.runCommand(paletteTitle('claudeHealth.showLog'));
    await workbench.waitForOutputChannel('Claude Health');
    const log = await workbench.outputPanelText();
    assert.ok(log.trim().length > 0, 'the Claude Health log is empty');
    assert.ok(!log.includes(SENTINEL_KEY), 'the log shows the API key');
    const page = await workbench.page.locator('body').innerText();
    assert.ok(!page.includes(SENTINEL_KEY), 'the window shows the API key');
    await workbench.screenshot('output-log');
  });
});

describe('Claude Health: Set API Key, in VS Code (code-server)', function () {
  const storedKey = 'sk-ant-api03-SENTINEL-e2e-setkey-41c09e77d2ab5f63';
  // No key in the environment: the extension starts unconfigured.
  const open = sessionPerSuite({ env: {}, requiredApiKey: storedKey });

  it('says "no key" until a key is set, and the tooltip says how to set one', async function () {
    const { workbench } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await item.waitForText((t) => t === 'Claude no key', 60_000, '"no key" before a key is set');
    assert.deepEqual(await item.icons(), ['key']);
    assert.equal(await item.kind(), 'standard');
    assert.match(await item.ariaLabel(), /^Claude API: Not configured/);
    const tooltip = await item.showTooltip();
    await workbench.screenshot('no-key');
    await item.hideTooltip();
    assert.match(tooltip, /Claude API: Not configured/);
    assert.match(tooltip, /no API key set: probes are off \(run "Claude Health: Set API Key" or set ANTHROPIC_API_KEY\)/);
    // The status page is still read without a key, and its components shown.
    assert.match(tooltip, /Watched components/);
    assert.match(tooltip, /Claude API \(api\.anthropic\.com\): operational/);
  });

  it('asks for the key in an input box, stores it, and probes with it', async function () {
    const { workbench, sim } = open();
    const item = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await item.waitForText((t) => /no key/.test(t), 60_000, '"no key" before a key is set');
    assert.deepEqual(await item.icons(), ['key']);

    const title = paletteTitle('claudeHealth.setApiKey');
    await workbench.runCommand(title);
    await workbench.answerInputBox(title, storedKey);
    const saved = await workbench.waitForNotification(/API key saved/);
    assert.equal(saved.severity, 'info');
    assert.ok(!saved.message.includes(storedKey), 'the confirmation shows the whole key');

    await item.waitForText((t) => OPERATIONAL_TEXT.test(t), 60_000, 'operational once the key is set');
    const answered = (await sim.requests()).filter((request) => request.path.startsWith('/v1/') && request.status === 200);
    assert.ok(answered.length > 0, 'no probe reached the simulator with the stored key');
    const page = await workbench.page.locator('body').innerText();
    assert.ok(!page.includes(storedKey), 'the window shows the API key');
  });
});

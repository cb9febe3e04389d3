// Start/Stop Traffic Tap in a real VS Code (code-server): the tap starts on a
// loopback port and says where; requests an app sends through it reach the
// simulator, and their 529s show in the status bar (probes hit /v1/models
// only, so every 529 counted here came through the tap); Stop closes it.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { paletteTitle } from './support/manifest';
import { sessionPerSuite, STATUS_ITEM_ID } from './support/session';
import { UI_TIMEOUT_MS } from './support/workbench';

const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-e2e-tap-5e1f0a9c3d7b2468';
const TAP_ITEM_ID = 'claudeHealth.trafficTap';

function overloadedCount(text: string): number {
  const match = /529×(\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

function postMessage(baseUrl: string): Promise<number> {
  const url = new URL(baseUrl);
  const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'Hello' }] });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: 'POST', path: '/v1/messages', agent: false, headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': SENTINEL_KEY } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('Claude Health traffic tap in VS Code (code-server), against the simulator', function () {
  const open = sessionPerSuite({ env: { ANTHROPIC_API_KEY: SENTINEL_KEY }, requiredApiKey: SENTINEL_KEY });

  it('starts from the palette, counts the 529s an app gets through it, and stops', async function () {
    const { workbench, sim } = open();
    const status = await workbench.statusBarItem(STATUS_ITEM_ID).waitUntilVisible();
    await status.waitForText((t) => /^Claude \d/.test(t), 60_000, 'operational before the tap starts');
    await workbench.runCommand(paletteTitle('claudeHealth.startTrafficTap'));
    const started = await workbench.waitForNotification(/Traffic tap running at/, 30_000);
    const tapUrl = /http:\/\/127\.0\.0\.1:\d+/.exec(started.message)?.[0];
    assert.ok(tapUrl, `no tap URL in "${started.message}"`);
    assert.ok(started.message.includes(sim.url), `the tap does not forward to the simulator: "${started.message}"`);
    const tapItem = await workbench.statusBarItem(TAP_ITEM_ID).waitUntilVisible(UI_TIMEOUT_MS);
    assert.match(await tapItem.text(), /Tap/);

    const before = overloadedCount(await status.text());
    await sim.script([{ kind: 'overloaded', times: 3, paths: ['/v1/messages'] }]);
    const statuses = [await postMessage(tapUrl), await postMessage(tapUrl), await postMessage(tapUrl), await postMessage(tapUrl)];
    assert.deepEqual(statuses, [529, 529, 529, 200]);
    const counted = await status.waitForText((t) => overloadedCount(t) >= before + 3, 30_000, 'the three 529s the app got');
    assert.ok(!counted.includes(SENTINEL_KEY));

    await workbench.runCommand(paletteTitle('claudeHealth.stopTrafficTap'));
    await tapItem.locator.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await assert.rejects(postMessage(tapUrl), (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED');
  });
});

// One models-mode probe against a local server that answers with `handler`:
// for answers the simulator does not give.
import assert from 'node:assert/strict';
import type { RequestListener } from 'node:http';
import type { Clock } from '../../../../src/core/clock';
import { createNodeFetch } from '../../../../src/core/net/node-fetch';
import { runProbe } from '../../../../src/core/probe/run-probe';
import type { ProbeResult } from '../../../../src/core/probe/types';
import { assertNoSentinel, SENTINEL_KEY } from './sentinel';
import { startHttpServer } from '../../../support/loopback/servers';

export async function probeLocalServer(handler: RequestListener, clock: Clock, timeoutMs: number): Promise<ProbeResult> {
  const server = await startHttpServer(handler);
  const transport = createNodeFetch({ env: {} });
  try {
    const [result] = await runProbe({ mode: 'models', models: [], apiKey: SENTINEL_KEY, baseUrl: server.url, timeoutMs, fetch: transport.fetch, clock });
    assert.ok(result);
    assertNoSentinel(JSON.stringify(result), 'result');
    return result;
  } finally {
    transport.close();
    await server.close();
  }
}

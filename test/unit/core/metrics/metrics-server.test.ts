import assert from 'node:assert/strict';
import * as net from 'node:net';
import { createHealthMetrics } from '../../../../src/core/metrics/health-metrics';
import { startMetricsServer, type MetricsServer } from '../../../../src/core/metrics/metrics-server';

async function get(url: string, init?: RequestInit): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('metrics server', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves /metrics on 127.0.0.1 at the port asked for, 0 picking a free one', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const answer = await get(server.url);
    assert.equal(answer.status, 200);
    assert.match(answer.type ?? '', /^text\/plain; version=0\.0\.4/);
    assert.match(answer.text, /^# TYPE claude_health_state gauge$/m);
  });

  it('answers junk with 404 or 405 and keeps serving', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    const origin = server.url.replace(/\/metrics$/, '');
    for (const path of ['/', '/metrics/', '/metricsx', '/../etc/passwd', `/${'a'.repeat(4000)}`]) {
      assert.equal((await get(origin + path)).status, 404, path);
    }
    assert.equal((await get(server.url, { method: 'POST', body: 'x' })).status, 405);
    assert.equal((await get(`${server.url}?name[]=x`)).status, 200, 'a query is ignored');
    // Not HTTP at all.
    const garbage = await new Promise<string>((resolve) => {
      const socket = net.connect(server!.port, '127.0.0.1', () => socket.write('\x00\x01\x02 not http\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    assert.match(garbage, /^HTTP\/1\.1 400/);
    assert.equal((await get(server.url)).status, 200);
  });

  it('serves other scrapers while a slow client dribbles its request', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    const slow = net.connect(server.port, '127.0.0.1', () => slow.write('GET /metrics HTTP/1.1\r\nHost: x\r\n'));
    slow.on('error', () => undefined);
    try {
      assert.equal((await get(server.url)).status, 200);
    } finally {
      slow.destroy();
    }
  });

  it('answers 500 concurrent scrapes', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    for (let i = 0; i < 100; i++) metrics.recordRequest({ source: 'probe', kind: 'ok', httpStatus: 200, latencyMs: i * 10, at: Date.now() });
    server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    const answers = await Promise.all(Array.from({ length: 500 }, () => get(server!.url)));
    assert.equal(answers.filter((a) => a.status === 200).length, 500);
    assert.ok(answers.every((a) => a.text.includes('claude_health_request_duration_seconds_count{source="probe"} 100')));
  });

  it('brackets an IPv6 host in its URL', async () => {
    const metrics = createHealthMetrics({ processMetrics: false });
    server = await startMetricsServer({ registry: metrics.registry, port: 0, host: '::1' }).catch(() => undefined);
    if (!server) return assert.fail('::1 could not be bound on this machine');
    assert.match(server.url, /^http:\/\/\[::1\]:\d+\/metrics$/);
    assert.equal((await get(server.url)).status, 200);
  });
});

// The seam later sources plug into, and the transport slot the composition root holds.
import assert from 'node:assert/strict';
import type { Health } from '../../../../src/core/health';
import { TransportSlot, type MonitorSource, type SourceSink } from '../../../../src/core/monitor';
import { createNodeFetch, type NodeFetch } from '../../../../src/core/net/node-fetch';
import { ManualClock } from '../../../support/manual-clock';
import { sourceOnlyMonitor } from '../support/source-only-monitor';
import { startHttpServer } from '../../../support/loopback/servers';

/** A source that reports what the test hands it, as a transcript reader or a traffic tap would. */
function handFedSource(name: 'tap' | 'claude-code', captured: { sink?: SourceSink }) {
  return (sink: SourceSink): MonitorSource => {
    captured.sink = sink;
    return { name, inFlight: undefined, start() {}, updateSettings() {}, resume() {}, runNow() {}, dispose() {} };
  };
}

describe('monitor sources', () => {
  it('folds the observations of a plugged-in source into the window, the verdict and the health', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const captured: { sink?: SourceSink } = {};
    const monitor = sourceOnlyMonitor(clock, [handFedSource('tap', captured)]);
    const changes: [Health['state'], Health['state']][] = [];
    monitor.onDidChangeHealth((previous, next) => changes.push([previous.state, next.state]));
    const sink = captured.sink!;
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      sink.record([{ source: 'tap', at: clock.now(), outcome: 'overloaded', latencyMs: 40, httpStatus: 529 }]);
    }
    sink.reportChange();
    const snapshot = monitor.snapshot();
    assert.equal(snapshot.window.overloaded, 3);
    assert.equal(snapshot.probe.verdict, 'failing');
    assert.deepEqual(changes, [['unknown', 'outage']]);
    sink.restart('tap');
    assert.equal(monitor.snapshot().probe.verdict, 'none', 'a restart starts the verdict over');
    monitor.dispose();
  });
});

describe('transport slot', () => {
  it('sends new requests through the replacement, and closes the old transport only after its requests ended', async () => {
    let release: (() => void) | undefined;
    const server = await startHttpServer((req, res) => {
      if (req.url === '/slow') release = () => res.end('slow done');
      else res.end('quick');
    });
    const closed: string[] = [];
    const tracked = (name: string): NodeFetch => {
      const real = createNodeFetch({ env: {} });
      return { fetch: real.fetch, route: real.route, close: () => (closed.push(name), real.close()) };
    };
    const slot = new TransportSlot(tracked('first'));
    try {
      const slow = slot.fetch(`${server.url}/slow`).then((response) => response.text());
      while (!release) await new Promise((resolve) => setImmediate(resolve));
      let ended!: () => void;
      slot.replace(tracked('second'), new Promise<void>((resolve) => (ended = resolve)));
      assert.equal(await (await slot.fetch(`${server.url}/quick`)).text(), 'quick');
      assert.deepEqual(closed, [], 'the first transport stays open while its request runs');
      release();
      assert.equal(await slow, 'slow done', 'the request in flight was not reset');
      ended();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(closed, ['first']);
      slot.close();
      slot.close();
      assert.deepEqual(closed, ['first', 'second'], 'closing twice closes once');
      slot.replace(tracked('late'), Promise.resolve());
      assert.deepEqual(closed, ['first', 'second', 'late'], 'a transport handed in after close is closed at once');
    } finally {
      slot.close();
      await server.close();
    }
  });
});

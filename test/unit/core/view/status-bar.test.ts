import assert from 'node:assert/strict';
import { renderStatusBar } from '../../../../src/core/view/status-bar';
import type { ProbeEvent } from '../../../../src/core/signals/probe-log';
import { makeSnapshot, NOW, okResult } from '../support/views';

const at = (secondsAgo: number, outcome: ProbeEvent['outcome'], latencyMs = 300): ProbeEvent => ({ at: NOW - secondsAgo * 1000, outcome, latencyMs });

describe('status bar', () => {
  it('shows the state icon and latency when fine', () => {
    const model = renderStatusBar(makeSnapshot());
    assert.deepEqual(model, { text: '$(pass) Claude 312ms', background: 'none', stale: false, accessibilityLabel: 'Claude API: Operational' });
  });

  it('labels 529 and 429 counts of the window by code, whenever there were any', () => {
    const events = [at(600, 'overloaded'), at(500, 'overloaded'), at(400, 'rate_limited'), at(300, 'overloaded'), at(5, 'ok', 280), at(1200, 'overloaded')];
    const fine = renderStatusBar(makeSnapshot({ events, lastRound: [okResult({ latencyMs: 280 })] }));
    assert.equal(fine.text, '$(pass) Claude 280ms 529×3 429×1');
    const degraded = renderStatusBar(makeSnapshot({ events, health: { state: 'degraded', reasons: ['x'] } }));
    assert.equal(degraded.text, '$(warning) Claude degraded 529×3 429×1');
    assert.equal(degraded.background, 'warning');
    assert.match(degraded.accessibilityLabel, /recent errors 529 times 3 429 times 1/);
  });

  it('gives each state its codicon and background', () => {
    const cases = [
      ['outage', '$(error) Claude outage', 'error'],
      ['maintenance', '$(tools) Claude maintenance', 'warning'],
      ['unknown', '$(question) Claude', 'none'],
      ['unconfigured', '$(key) Claude no key', 'none'],
    ] as const;
    for (const [state, text, background] of cases) {
      const model = renderStatusBar(makeSnapshot({ health: { state, reasons: ['r'] }, events: [] }));
      assert.equal(model.text, text, state);
      assert.equal(model.background, background, state);
    }
  });

  it('marks data older than two intervals as stale', () => {
    const fresh = renderStatusBar(makeSnapshot({ dataAt: NOW - 119_000 }));
    assert.equal(fresh.stale, false);
    const stale = renderStatusBar(makeSnapshot({ dataAt: NOW - 121_000 }));
    assert.equal(stale.stale, true);
    assert.equal(stale.text, '$(pass) Claude 312ms (stale)');
  });
});

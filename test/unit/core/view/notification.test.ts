import assert from 'node:assert/strict';
import type { Health, HealthState } from '../../../../src/core/health';
import { decideNotification } from '../../../../src/core/view/notification';

const h = (state: HealthState, reason = `reason for ${state}`): Health => ({ state, reasons: [reason] });

describe('notification decision', () => {
  it('says nothing without a transition, at startup, or when off', () => {
    assert.equal(decideNotification(h('outage'), h('outage', 'other words'), 'all'), undefined);
    assert.equal(decideNotification(undefined, h('outage'), 'all'), undefined);
    assert.equal(decideNotification(h('operational'), h('outage'), 'off'), undefined);
  });

  it('with "outages", tells about entering and leaving an outage only', () => {
    const down = decideNotification(h('operational'), h('outage', 'status page: operational, but 3 of the last 3 probes got 529 overloaded'), 'outages');
    assert.deepEqual(down, {
      severity: 'error',
      message: 'Claude API: outage. status page: operational, but 3 of the last 3 probes got 529 overloaded',
      actions: [
        { title: 'Run Diagnostics', command: 'claudeHealth.runDiagnostics' },
        { title: 'Open Status Page', command: 'claudeHealth.openStatusPage' },
      ],
    });
    assert.equal(decideNotification(h('outage'), h('operational'), 'outages')?.severity, 'info');
    assert.equal(decideNotification(h('operational'), h('degraded'), 'outages'), undefined);
  });

  it('with "all", tells about every move into or out of trouble, not about unknown or startup noise', () => {
    assert.equal(decideNotification(h('operational'), h('degraded'), 'all')?.severity, 'warning');
    assert.equal(decideNotification(h('operational'), h('maintenance'), 'all')?.severity, 'warning');
    assert.match(decideNotification(h('degraded'), h('operational'), 'all')?.message ?? '', /^Claude API recovered \(was degraded\)/);
    assert.equal(decideNotification(h('unknown'), h('operational'), 'all'), undefined);
    assert.equal(decideNotification(h('operational'), h('unknown'), 'all'), undefined);
    assert.equal(decideNotification(h('operational'), h('unconfigured'), 'all'), undefined);
  });
});

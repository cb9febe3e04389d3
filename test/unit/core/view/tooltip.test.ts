import assert from 'node:assert/strict';
import type { StatusSnapshot } from '../../../../src/core/statuspage/types';
import { TOOLTIP_COMMAND_IDS } from '../../../../src/core/view/commands';
import { escapeMarkdown, link } from '../../../../src/core/view/markdown';
import { renderTooltip } from '../../../../src/core/view/tooltip';
import { calmSnapshot, makeSnapshot, NOW, okResult } from '../support/views';

const UTC = { timeZone: 'UTC' };

function hostileSnapshot(): StatusSnapshot {
  return {
    ...calmSnapshot(),
    incidents: [
      {
        id: 'i1',
        name: 'Errors [click](command:workbench.action.quit) **now** $(alert) <img src=x>',
        status: 'identified',
        impact: 'major',
        updatedAt: '2026-01-01T11:55:00.000Z',
        url: 'https://stspg.io/abc(1)',
        latestUpdate: { status: 'identified', body: 'We found `it` | table | ![img](http://x)', createdAt: '2026-01-01T11:55:00.000Z' },
        componentIds: ['k8w3r06qmzrp'],
      },
    ],
    maintenances: [
      {
        id: 'm1',
        name: 'DB maintenance',
        status: 'scheduled',
        impact: 'maintenance',
        scheduledFor: '2026-01-02T02:00:00.000Z',
        scheduledUntil: '2026-01-02T03:00:00.000Z',
        url: 'https://stspg.io/m1',
        componentIds: ['k8w3r06qmzrp'],
        active: false,
      },
    ],
  };
}

describe('tooltip', () => {
  it('has state and reasons, components, incidents, maintenance, last probe, counts, headroom, sparkline, age and command links', () => {
    const events = [
      { at: NOW - 300_000, outcome: 'ok' as const, latencyMs: 200 },
      { at: NOW - 240_000, outcome: 'overloaded' as const, latencyMs: 90, httpStatus: 529 },
      { at: NOW - 180_000, outcome: 'rate_limited' as const, latencyMs: 80, retryAfterSeconds: 5 },
      { at: NOW - 5000, outcome: 'ok' as const, latencyMs: 400 },
    ];
    const lastRound = [
      okResult({
        latencyMs: 400,
        rateLimit: { requests: { limit: 50, remaining: 49, reset: '2026-01-01T12:00:30.000Z' }, tokens: { remaining: 39000 } },
      }),
    ];
    const md = renderTooltip(makeSnapshot({ summary: hostileSnapshot(), events, lastRound }), UTC);
    assert.match(md, /^\$\(pass\) \*\*Claude API: Operational\*\* · updated 5 s ago/);
    assert.match(md, /\*\*Watched components\*\*\n\n- Claude API \(api\.anthropic\.com\): operational/);
    assert.match(md, /\*\*Open incidents\*\*/);
    assert.match(md, /\(identified, major impact · updated 11:55:00\)/);
    assert.match(md, /\*\*Maintenance\*\*\n\n- \[DB maintenance\]\(https:\/\/stspg\.io\/m1\) \(scheduled, 02:00:00–03:00:00\)/);
    assert.match(md, /- models at 11:59:55: \*\*ok\*\* · HTTP 200 · 400ms · `req_011CAbc`/);
    assert.match(md, /\*\*Last 15 min:\*\* 4 probes · 2 ok · 529×1 · 429×1 · 5xx×0 · timeouts×0 · network×0/);
    assert.match(md, /retry-after seen: 5 s/);
    assert.match(md, /\*\*Rate-limit headroom:\*\* requests 49\/50, full at 12:00:30 · tokens 39000 left/);
    assert.match(md, /\*\*Latency\*\* `▁××█` 200ms–400ms/);
    assert.match(md, /next probe in 55 s/);
    for (const id of TOOLTIP_COMMAND_IDS) assert.ok(md.includes(`(command:${id})`), id);
  });

  it('escapes everything from the network: no links, icons, HTML or emphasis it did not come with', () => {
    const md = renderTooltip(makeSnapshot({ summary: hostileSnapshot(), health: { state: 'degraded', reasons: ['status page: **bold** [x](command:evil)'] } }), UTC);
    const commandTargets = [...md.matchAll(/\(command:([^)]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(commandTargets.sort(), [...TOOLTIP_COMMAND_IDS].sort(), 'only our own command links');
    assert.ok(!md.includes('<img'), 'no raw HTML');
    assert.ok(!md.includes(' $(alert)'), 'no theme icon from the network');
    assert.ok(md.includes('\\*\\*bold\\*\\*'));
    assert.ok(md.includes('(https://stspg.io/abc%281%29)'), 'parentheses in a link are encoded');
  });

  it('says when probing is paused by retry-after or idleness, and when there is nothing yet', () => {
    const waiting = renderTooltip(makeSnapshot({ extra: { retryAfterUntil: NOW + 30_000, paused: 'retry_after' } }), UTC);
    assert.match(waiting, /next probe after 12:00:30 \(retry-after\)/);
    const idle = renderTooltip(makeSnapshot({ extra: { paused: 'idle' } }), UTC);
    assert.match(idle, /paused while you are idle/);
    const empty = renderTooltip(makeSnapshot({ events: [], lastRound: [], dataAt: undefined }), UTC);
    assert.match(empty, /no data yet/);
    assert.match(empty, /- none yet/);
  });
});

describe('markdown helpers', () => {
  it('escapes syntax and keeps only http(s) links', () => {
    assert.equal(escapeMarkdown('a*b_c [d](e) $(x) <b>&'), 'a\\*b_c \\[d\\](e) \\$(x) &lt;b&gt;&amp;');
    assert.equal(escapeMarkdown('line\nbreak'), 'line break');
    assert.equal(link('x', 'command:claudeHealth.refresh'), 'x');
    assert.equal(link('x', 'javascript:alert(1)'), 'x');
    assert.equal(link('x', 'https://example.test/a b'), '[x](https://example.test/a%20b)');
  });
});

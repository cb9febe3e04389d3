// The health reason for the user's own traffic reads in the translator's language,
// with the counts, the HTTP codes and the product name kept as they are.
import assert from 'node:assert/strict';
import { english, translatorFor } from '../../../src/core/l10n';
import { describeTrafficFailures } from '../../../src/core/signals/traffic-words';

describe('the real-traffic health reason', () => {
  const failures = [
    { source: 'claude-code' as const, kind: 'overloaded' as const, count: 3 },
    { source: 'tap' as const, kind: 'rate_limited' as const, count: 2 },
  ];

  it('names each source and kind in English by default', () => {
    assert.equal(describeTrafficFailures(failures), 'Claude Code got 3 × 529 overloaded; your app (through the tap) got 2 × 429 rate limited in the last 2 min');
    assert.equal(describeTrafficFailures(failures, english), describeTrafficFailures(failures));
  });

  it('reads in Simplified Chinese, keeping Claude Code, 529 and 429', () => {
    const reason = describeTrafficFailures(failures, translatorFor('zh-cn'));
    assert.match(reason, /^最近 2 分钟内/);
    assert.ok(reason.includes('Claude Code遇到 3 × 529 过载'), reason);
    assert.ok(reason.includes('你的应用（经流量监听）遇到 2 × 429 限流'), reason);
    assert.doesNotMatch(reason, /in the last|got/);
  });
});

// Show Details' line on which window probes: the pure choice of words, in
// English and in Simplified Chinese.
import assert from 'node:assert/strict';
import { translatorFor } from '../../../../src/core/l10n';
import { proberRoleLine, type ProberFacts } from '../../../../src/core/view/prober-role';

const en = translatorFor('en');
const zh = translatorFor('zh-cn');

function line(facts: Partial<ProberFacts>, t = en): string | undefined {
  return proberRoleLine({ sharesProbing: true, isProber: false, paused: undefined, ...facts }, t);
}

describe('view: which window probes', () => {
  it('says this window probes for all when it holds the lease', () => {
    assert.equal(line({ isProber: true }), 'this window probes the API and reads the status page for every Claude Health window');
    assert.equal(line({ isProber: true }, zh), '本窗口为所有 Claude Health 窗口探测 API 并读取状态页');
  });

  it('says another window probes once this one stood aside for it', () => {
    assert.equal(line({ paused: 'other_window' }), 'another Claude Health window probes for all windows; its results show here');
    assert.equal(line({ paused: 'other_window' }, zh), '另一个 Claude Health 窗口为所有窗口探测；这里显示它的结果');
  });

  it('says nothing before the lease is decided, or without a shared store', () => {
    assert.equal(line({}), undefined);
    assert.equal(line({ paused: 'idle' }), undefined);
    assert.equal(line({ sharesProbing: false, isProber: true }), undefined);
    assert.equal(line({ sharesProbing: false, paused: 'other_window' }), undefined);
  });
});

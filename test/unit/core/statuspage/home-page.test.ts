import assert from 'node:assert/strict';
import { statusPageHome } from '../../../../src/core/statuspage/home-page';

describe('status page home', () => {
  it('drops the /api/v2/... part of a summary.json URL', () => {
    assert.equal(statusPageHome('https://status.claude.com/api/v2/summary.json'), 'https://status.claude.com/');
    assert.equal(statusPageHome('http://127.0.0.1:4010/api/v2/summary.json'), 'http://127.0.0.1:4010/');
  });

  it('keeps a path prefix in front of the API, and drops query and fragment', () => {
    assert.equal(statusPageHome('https://example.test/pages/claude/api/v2/summary.json?x=1#top'), 'https://example.test/pages/claude/');
  });

  it('leaves a URL without /api/v2/ at its path', () => {
    assert.equal(statusPageHome('https://status.example.test/custom.json'), 'https://status.example.test/custom.json');
  });

  it('refuses anything but http(s), and what does not parse', () => {
    assert.equal(statusPageHome('file:///etc/passwd'), undefined);
    assert.equal(statusPageHome('javascript:alert(1)'), undefined);
    assert.equal(statusPageHome('not a url'), undefined);
    assert.equal(statusPageHome(''), undefined);
  });
});

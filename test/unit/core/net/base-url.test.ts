import assert from 'node:assert/strict';
import { decideKeySending, isLoopbackHost, resolveApiBaseUrl } from '../../../../src/core/net/base-url';

describe('API base URL and where the key may go', () => {
  it('takes the setting, then ANTHROPIC_BASE_URL, then the public API', () => {
    assert.deepEqual(resolveApiBaseUrl('https://gw.example.test/', { ANTHROPIC_BASE_URL: 'https://env.test' }), { url: 'https://gw.example.test', source: 'setting' });
    assert.deepEqual(resolveApiBaseUrl('', { ANTHROPIC_BASE_URL: 'https://env.test' }), { url: 'https://env.test', source: 'environment' });
    assert.deepEqual(resolveApiBaseUrl(undefined, {}), { url: 'https://api.anthropic.com', source: 'default' });
  });

  it('skips an unusable value and says why', () => {
    const resolved = resolveApiBaseUrl(undefined, { ANTHROPIC_BASE_URL: 'api.anthropic.com' });
    assert.equal(resolved.url, 'https://api.anthropic.com');
    assert.equal(resolved.problem, 'ANTHROPIC_BASE_URL is not a valid URL; it is ignored.');
  });

  it('sends the key over https anywhere and over http only to this machine', () => {
    assert.deepEqual(decideKeySending('https://api.anthropic.com'), { send: true });
    assert.deepEqual(decideKeySending('http://127.0.0.1:8080'), { send: true });
    assert.deepEqual(decideKeySending('http://localhost:1234'), { send: true });
    assert.deepEqual(decideKeySending('http://[::1]:1234'), { send: true });
  });

  it('holds the key back from plain http elsewhere until that origin is allowed', () => {
    const held = decideKeySending('http://gateway.corp.test:8080/anthropic');
    assert.equal(held.send, false);
    assert.equal(!held.send && held.origin, 'http://gateway.corp.test:8080');
    assert.match(!held.send ? held.reason : '', /not sent there until you allow it/);
    assert.deepEqual(decideKeySending('http://gateway.corp.test:8080/anthropic', ['http://gateway.corp.test:8080']), { send: true });
    assert.equal(decideKeySending('http://gateway.corp.test:9090', ['http://gateway.corp.test:8080']).send, false);
  });

  it('judges loopback on the route: plain http to 127.0.0.1 through a proxy holds the key back', () => {
    const proxied = { proxyUrl: 'http://corp.test:3128', env: { CLAUDE_HEALTH_PROXY_LOOPBACK: '1' } };
    const held = decideKeySending('http://127.0.0.1:8080', [], proxied);
    assert.equal(held.send, false);
    assert.match(!held.send ? held.reason : '', /through a proxy/);
    assert.deepEqual(decideKeySending('http://127.0.0.1:8080', ['http://127.0.0.1:8080'], proxied), { send: true });
    assert.deepEqual(decideKeySending('https://127.0.0.1:8080', [], proxied), { send: true });
    // Without the opt-in, loopback bypasses the proxy, so the route is local.
    assert.deepEqual(decideKeySending('http://127.0.0.1:8080', [], { env: { HTTP_PROXY: 'http://corp.test:3128' } }), { send: true });
    assert.equal(decideKeySending('http://gateway.corp.test:8080', [], { env: { HTTP_PROXY: 'http://corp.test:3128' } }).send, false);
  });

  it('knows loopback hosts, and not look-alikes', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['127.0.0.1.evil.test', 'localhost.evil.test', '128.0.0.1', '10.0.0.1', '127.0.0.256']) assert.ok(!isLoopbackHost(host), host);
  });
});

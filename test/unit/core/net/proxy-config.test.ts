import assert from 'node:assert/strict';
import { bypassesProxy, chooseProxy, parseProxyUrl } from '../../../../src/core/net/proxy-config';

const api = new URL('https://api.anthropic.com/v1/models');

describe('proxy choice', () => {
  it('prefers the explicit proxy (http.proxy) over the environment', () => {
    const choice = chooseProxy(api, { proxyUrl: 'http://corp:3128', env: { HTTPS_PROXY: 'http://env:8080' } });
    assert.equal(choice.kind === 'proxy' && choice.proxy.host, 'corp:3128');
  });

  it('reads HTTPS_PROXY for https targets and HTTP_PROXY for http ones, either case', () => {
    const env = { https_proxy: 'http://secure:1', HTTP_PROXY: 'http://plain:2' };
    assert.equal(chooseProxy(api, { env }).kind === 'proxy' && (chooseProxy(api, { env }) as { proxy: URL }).proxy.host, 'secure:1');
    const plain = chooseProxy(new URL('http://example.test/'), { env });
    assert.equal(plain.kind === 'proxy' && plain.proxy.host, 'plain:2');
    const all = chooseProxy(api, { env: { ALL_PROXY: 'proxy.test:9' } });
    assert.equal(all.kind === 'proxy' && all.proxy.href, 'http://proxy.test:9/');
    assert.deepEqual(chooseProxy(api, { env: {} }), { kind: 'direct' });
  });

  it('honours NO_PROXY and http.noProxy entries', () => {
    const env = { HTTPS_PROXY: 'http://corp:3128', NO_PROXY: 'localhost, .anthropic.com' };
    assert.deepEqual(chooseProxy(api, { env }), { kind: 'direct' });
    assert.deepEqual(chooseProxy(new URL('https://status.claude.com/'), { env, noProxy: ['claude.com'] }), { kind: 'direct' });
    assert.equal(chooseProxy(new URL('https://status.claude.com/'), { env }).kind, 'proxy');
  });

  it('matches NO_PROXY like curl: *, suffixes, ports, CIDR', () => {
    const target = (url: string) => new URL(url);
    assert.ok(bypassesProxy(target('https://a.b.example.com/'), ['example.com']));
    assert.ok(bypassesProxy(target('https://example.com/'), ['.example.com']));
    assert.ok(bypassesProxy(target('https://x.example.com/'), ['*.example.com']));
    assert.ok(!bypassesProxy(target('https://notexample.com/'), ['example.com']));
    assert.ok(bypassesProxy(target('https://anything/'), ['*']));
    assert.ok(bypassesProxy(target('http://127.0.0.1:8080/'), ['127.0.0.1:8080']));
    assert.ok(!bypassesProxy(target('http://127.0.0.1:9090/'), ['127.0.0.1:8080']));
    assert.ok(bypassesProxy(target('https://10.1.2.3/'), ['10.0.0.0/8']));
    assert.ok(!bypassesProxy(target('https://11.1.2.3/'), ['10.0.0.0/8']));
    assert.ok(bypassesProxy(target('http://[::1]:80/'), ['::1']));
  });

  it('never sends loopback targets to a proxy, unless the environment opts in', () => {
    const env = { HTTP_PROXY: 'http://corp:3128', HTTPS_PROXY: 'http://corp:3128' };
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost:1/', 'https://[::1]:443/', 'http://127.9.9.9/', 'http://[::ffff:127.0.0.1]/', 'http://api.localhost/']) {
      assert.deepEqual(chooseProxy(new URL(url), { env }), { kind: 'direct' }, url);
      assert.deepEqual(chooseProxy(new URL(url), { proxyUrl: 'http://corp:3128', env: {} }), { kind: 'direct' }, url);
    }
    assert.equal(chooseProxy(new URL('http://127.0.0.1.evil.test/'), { env }).kind, 'proxy');
    assert.equal(chooseProxy(new URL('http://127.0.0.1:8080/'), { env: { ...env, CLAUDE_HEALTH_PROXY_LOOPBACK: '1' } }).kind, 'proxy');
  });

  it('matches IPv6 and odd CIDR entries without crashing', () => {
    const target = (url: string) => new URL(url);
    assert.ok(bypassesProxy(target('https://[fd00::1]/'), ['fd00::/8']));
    assert.ok(!bypassesProxy(target('https://[fe80::1]/'), ['fd00::/8']));
    assert.ok(!bypassesProxy(target('https://10.1.2.3/'), ['10.0.0.0/33']));
    assert.ok(!bypassesProxy(target('https://10.1.2.3/'), ['10.0.0.0/x']));
    assert.ok(!bypassesProxy(target('https://example.com/'), ['10.0.0.0/8']));
  });

  it('refuses proxies it cannot speak, with a reason', () => {
    assert.deepEqual(chooseProxy(api, { proxyUrl: 'socks5://corp:1080' }), {
      kind: 'invalid',
      reason: 'socks5 proxies are not supported (use an http:// or https:// proxy)',
    });
    const parsed = parseProxyUrl('http://');
    assert.ok(!(parsed instanceof URL));
  });
});

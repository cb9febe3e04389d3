import assert from 'node:assert/strict';
import { describeNetworkCode, networkErrorCode, networkLayerOf } from '../../../../src/core/net/network-error';

function coded(message: string, code: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}

describe('network error codes', () => {
  it('finds the code deep in the cause chain (SDK -> fetch -> Node)', () => {
    const node = coded('getaddrinfo ENOTFOUND api.anthropic.com', 'ENOTFOUND');
    const fetchError = new TypeError('fetch failed', { cause: node });
    const sdkError = Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: fetchError });
    assert.equal(networkErrorCode(sdkError), 'ENOTFOUND');
  });

  it('looks inside AggregateError (happy eyeballs) and prefers known network codes', () => {
    const aggregate = new AggregateError([coded('connect ECONNREFUSED ::1:443', 'ECONNREFUSED'), coded('x', 'ECONNREFUSED')], 'all failed');
    const wrapper = coded('wrapped', 'ERR_SOMETHING_ELSE', aggregate);
    assert.equal(networkErrorCode(wrapper), 'ECONNREFUSED');
    assert.equal(networkErrorCode(coded('odd', 'ERR_ODD')), 'ERR_ODD');
  });

  it('survives cycles, non-errors and hostile getters', () => {
    const a: Record<string, unknown> = { code: 'lowercase' };
    a.cause = a;
    assert.equal(networkErrorCode(a), undefined);
    assert.equal(networkErrorCode('string'), undefined);
    const hostile = Object.defineProperty({}, 'code', {
      get() {
        throw new Error('boom');
      },
    });
    assert.equal(networkErrorCode(hostile), undefined);
  });

  it('names the layer and explains the code', () => {
    assert.equal(networkLayerOf('ENOTFOUND'), 'dns');
    assert.equal(networkLayerOf('ECONNRESET'), 'tcp');
    assert.equal(networkLayerOf('CERT_HAS_EXPIRED'), 'tls');
    assert.equal(networkLayerOf('ERR_TLS_SOMETHING_NEW'), 'tls');
    assert.equal(networkLayerOf('ERR_PROXY_TUNNEL'), 'proxy');
    assert.match(describeNetworkCode('SELF_SIGNED_CERT_IN_CHAIN'), /NODE_EXTRA_CA_CERTS/);
  });
});

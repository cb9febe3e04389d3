// Property tests for the simulator's HTTP side: garbage methods, paths, headers
// and bodies (and raw bytes on the socket) get an answer or a closed
// connection, never a simulator error, and leave its state bounded.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { MAX_TRACKED_KEYS } from '../../../src/sim/rate-limiter';
import { builtInScenario } from '../../../src/sim/scenario-source';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import { UNKNOWN_PATHS_KEY } from '../../../src/sim/state';
import { SIM_MODELS } from '../../../src/sim/models';
import { fuzzAsync } from '../../support/fuzz';

interface Answer {
  status: number;
  body: string;
}

/** One request with whatever method, path, headers and body; undefined when the server closed the connection instead. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(body.length) }, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const PATH_PIECES = ['/v1', '/messages', '/count_tokens', '/models', '/claude-haiku-4-5', '/api/v2', '/summary.json', '/status.json', '/_sim', '/state', '/requests', '/scenario', '/script', '/reset', '/scenarios', '/', '//', '/..', '/%', '/%E0%A4%A', '/%2F', '?', '&', '=', '#', 'limit=0', 'after_id=', 'x', '\u00e9', '%00'];
const pathArbitrary = fc.oneof(
  fc.array(fc.constantFrom(...PATH_PIECES), { minLength: 1, maxLength: 8 }).map((parts) => encodeURI(parts.join('')).replace(/^([^/])/, '/$1')),
  fc.string({ maxLength: 300 }).map((s) => `/${encodeURIComponent(s)}`),
  fc.constantFrom('/v1/models', '/v1/messages', '/_sim/scenario', '/_sim/script', '/api/v2/summary.json'),
);
const methodArbitrary = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'PURGE');
const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headersArbitrary = fc.record(
  {
    'x-api-key': fc.oneof(headerValue, fc.constant('sk-ant-api03-SENTINEL-fuzz')),
    'anthropic-version': fc.oneof(fc.constantFrom('2023-06-01', '2026-10-21', ''), headerValue),
    authorization: headerValue.map((s) => `Bearer ${s}`),
    'content-type': fc.constantFrom('application/json', 'text/plain', ''),
    'if-none-match': headerValue,
    'if-modified-since': headerValue,
  },
  { requiredKeys: [] },
);
const bodyArbitrary = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
  fc.record({ model: fc.constantFrom(...SIM_MODELS.map((m) => m.id), 'x'), max_tokens: fc.jsonValue(), messages: fc.jsonValue(), stream: fc.jsonValue(), name: fc.string(), faults: fc.jsonValue() }, { requiredKeys: [] }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
);

describe('fuzz: simulator HTTP handlers', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ scenario: 'healthy' });
  });
  after(() => sim.close());

  it('answers garbage requests without a simulator error, and its state stays bounded', async () => {
    await fuzzAsync(
      fc.asyncProperty(methodArbitrary, pathArbitrary, headersArbitrary, bodyArbitrary, async (method, path, headers, body) => {
        const answer = await send(sim.port, method, path, headers, body);
        if (answer) {
          assert.ok(answer.status >= 200 && answer.status < 600, `status ${answer.status}`);
          assert.ok(!answer.body.includes('Internal server error (simulator)'), `${method} ${path} -> ${answer.status} ${answer.body}`);
          assert.ok(!answer.body.includes('SENTINEL'), 'the key is never echoed');
        }
        // A fuzzed control request may switch scenario or script faults: put the simulator back.
        if (path.startsWith('/_sim')) {
          sim.state.picker.clearScript();
          if (sim.state.scenario.name !== 'healthy') sim.state.useScenario(builtInScenario('healthy'));
        }
      }),
      250,
    );
    const state = sim.state;
    const keys = [...state.counts.keys()];
    // Each key is a known route with a method, or the one key for every unknown path.
    assert.ok(keys.every((key) => key === UNKNOWN_PATHS_KEY || /^[A-Z]+ \/(v1|api\/v2)\//.test(key)), keys.join(', '));
    assert.ok(keys.length <= 9 * (4 + SIM_MODELS.length + 8) + 1);
    assert.ok(state.log.length <= 1000);
    assert.ok(state.log.every((entry) => entry.path.length <= 259));
    assert.ok(state.rateLimiter.trackedKeys <= MAX_TRACKED_KEYS);
  });

  it('survives raw bytes on the socket and keeps serving', async () => {
    await fuzzAsync(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 1024 }), fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(`GET ${s} HTTP/1.1\r\nhost: x\r\n\r\n`))), async (bytes) => {
        await new Promise<void>((resolve) => {
          const socket = connect(sim.port, '127.0.0.1', () => socket.end(Buffer.from(bytes)));
          socket.setTimeout(2000, () => socket.destroy());
          socket.on('data', () => undefined);
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
        });
      }),
      100,
    );
    const answer = await send(sim.port, 'GET', '/v1/models', { 'x-api-key': 'sk-ant-api03-SENTINEL-fuzz', 'anthropic-version': '2023-06-01' }, Buffer.alloc(0));
    assert.equal(answer?.status, 200);
  });
});

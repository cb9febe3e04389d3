// The checks that talk to the API itself (auth, rate limits, inference, clock)
// and the status page, against the simulator with scripted answers, and
// against two small gateways on loopback that misbehave the way real ones do.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runDiagnostics } from '../../../src/core/diagnostics/runner';
import { INFERENCE_NOT_ENABLED } from '../../../src/core/diagnostics/checks/inference';
import { SimClient } from '../../support/sim-client';
import { startSilentServer } from '../../support/loopback/servers';
import { assertKeyNeverShown, checkOf, loopbackInput, SENTINEL_KEY } from './support';

/** A gateway in front of the simulator that answers with `transform` instead of passing requests on unchanged. */
async function startGateway(target: string, handle: (req: http.IncomingMessage, res: http.ServerResponse, forward: (headers: http.OutgoingHttpHeaders) => void) => void) {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = (headers: http.OutgoingHttpHeaders) => {
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(out);
    };
    handle(req, res, forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('diagnostics: api checks', () => {
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start({ requiredApiKey: SENTINEL_KEY });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await sim.useScenario('healthy');
  });

  const input = (extra = {}) => loopbackInput(sim.sim.apiBaseUrl, sim.sim.statusPageUrl, extra);

  describe('auth', () => {
    it('accepts the right key and shows the request-id and how the key was sent', async () => {
      const auth = checkOf(await runDiagnostics(input(), { only: ['auth'] }), 'auth');
      assert.equal(auth.status, 'pass');
      assert.match(auth.detail, /^key accepted \(HTTP 200, key sent as x-api-key with anthropic-version 2023-06-01\), request-id req_011C\w+$/);
      const logged = await sim.requests();
      assert.equal(logged.at(-1)?.path, '/v1/models');
      assert.equal(auth.data?.requestId, logged.at(-1)?.requestId);
    });

    it('says the key is invalid on a 401 invalid x-api-key, without showing it', async () => {
      const other = 'sk-ant-api03-SENTINEL-diagnostics-another-key-0000ABCD';
      const report = await runDiagnostics(input({ apiKey: other, apiKeySource: 'ANTHROPIC_API_KEY' }), { only: ['auth'] });
      const auth = checkOf(report, 'auth');
      assert.equal(auth.status, 'fail');
      assert.match(auth.detail, /^401: the key \(the key from ANTHROPIC_API_KEY\) was rejected as invalid \("invalid x-api-key"\), request-id req_/);
      assert.match(auth.hint ?? '', /create a new key in the Console/);
      assert.equal(report.summary, 'Auth fails: the API key is invalid');
      assert.equal(JSON.stringify(report).includes(other), false);
    });

    it('says a proxy strips the key when the API reports none arrived', async () => {
      const stripping = await startGateway(sim.url, (req, _res, forward) => {
        const { 'x-api-key': _dropped, ...rest } = req.headers;
        forward(rest);
      });
      try {
        const auth = checkOf(await runDiagnostics(loopbackInput(stripping.url, sim.sim.statusPageUrl), { only: ['auth'] }), 'auth');
        assert.equal(auth.status, 'fail');
        assert.match(auth.detail, /^401: the server says no key arrived \("x-api-key header is required"\), though one was sent as x-api-key/);
        assert.equal(auth.headline, 'Auth fails: the key does not reach the API (a proxy strips it)');
      } finally {
        await stripping.close();
      }
    });

    it('names the Bearer scheme when a gateway demands it', async () => {
      const bearerOnly = await startGateway(sim.url, (_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_gateway_401' });
        res.end('{"type":"error","error":{"type":"authentication_error","message":"Authorization: Bearer token required"}}');
      });
      try {
        const auth = checkOf(await runDiagnostics(loopbackInput(bearerOnly.url, sim.sim.statusPageUrl), { only: ['auth'] }), 'auth');
        assert.equal(auth.status, 'fail');
        assert.match(auth.detail, /wants the key as Authorization: Bearer/);
        assert.match(auth.hint ?? '', /Bearer is only for 2026-10-21/);
      } finally {
        await bearerOnly.close();
      }
    });

    it('keeps altered echoes of the key out of the report (no prefix, tail, spaced, base64, hex, reversed)', async () => {
      const echoes = [
        SENTINEL_KEY.slice('sk-ant-'.length),
        SENTINEL_KEY.slice(-18),
        SENTINEL_KEY.replace(/(.{6})/g, '$1 '),
        Buffer.from(SENTINEL_KEY).toString('base64'),
        Buffer.from(SENTINEL_KEY).toString('base64url'),
        Buffer.from(SENTINEL_KEY).toString('hex'),
        [...SENTINEL_KEY].reverse().join(''),
      ];
      const echoing = await startGateway(sim.url, (_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_gateway_echo' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid key ${echoes.join(' | ')}` } }));
      });
      try {
        const report = await runDiagnostics(loopbackInput(echoing.url, sim.sim.statusPageUrl), { only: ['auth'] });
        assert.equal(checkOf(report, 'auth').status, 'fail');
        const text = JSON.stringify(report);
        for (const echo of echoes) assert.equal(text.includes(echo), false, `the report shows ${echo}`);
        assertKeyNeverShown(report);
      } finally {
        await echoing.close();
      }
    });

    it('fails on 403 with the request-id', async () => {
      await sim.script([{ kind: 'forbidden', paths: ['/v1/models'] }]);
      const auth = checkOf(await runDiagnostics(input(), { only: ['auth'] }), 'auth');
      assert.equal(auth.status, 'fail');
      assert.match(auth.detail, /^403 permission_error: the key is valid but not allowed.*request-id req_/);
    });

    it('is skipped, and configuration fails, without a key', async () => {
      const report = await runDiagnostics(input({ apiKey: undefined }), { only: ['auth'] });
      assert.equal(checkOf(report, 'config').status, 'fail');
      assert.equal(checkOf(report, 'config').detail, 'no API key set');
      assert.equal(checkOf(report, 'auth').status, 'skip');
    });

    it('fails the configuration for a key with a trailing newline', async () => {
      const report = await runDiagnostics(input({ apiKey: `${SENTINEL_KEY}\n` }), { only: ['auth'] });
      const config = checkOf(report, 'config');
      assert.equal(config.status, 'fail');
      assert.match(config.detail, /^the key …XYZW \(\d+ characters, from a test\) contains spaces or line breaks$/);
      assert.equal(checkOf(report, 'auth').blockedBy, 'config');
      assertKeyNeverShown(report);
    });
  });

  describe('rate limits', () => {
    it('reads remaining, limit and reset of each kind from the auth answer', async () => {
      const limits = checkOf(await runDiagnostics(input(), { only: ['rate-limits'] }), 'rate-limits');
      assert.equal(limits.status, 'pass');
      assert.match(limits.notes.join('\n'), /^requests: \d+ of 4000 left \(99%\), full again in \d+ s \(\d{4}-/m);
      assert.match(limits.notes.join('\n'), /^output-tokens: 400000 of 400000 left/m);
      assert.deepEqual(Object.keys(limits.data ?? {}), ['requests', 'tokens', 'input-tokens', 'output-tokens']);
    });

    it('warns under 10% left', async () => {
      await sim.useScenario({ name: 'tight', description: 'ten requests a minute', phases: [{ name: 'tight', statusPage: { indicator: 'none' } }], rateLimits: { requestsPerMinute: 10 } });
      for (let i = 0; i < 9; i++) await fetch(`${sim.url}/v1/models`, { headers: { 'x-api-key': SENTINEL_KEY, 'anthropic-version': '2023-06-01' } }).then((r) => r.arrayBuffer());
      const report = await runDiagnostics(input(), { only: ['rate-limits'] });
      const limits = checkOf(report, 'rate-limits');
      assert.equal(limits.status, 'warn');
      assert.match(limits.detail, /^under 10% left: requests: 0 of 10 left \(0%\)/);
      assert.ok(limits.hint);
      assert.match(report.summary, /^Works, with warnings: Rate limits nearly used up \(requests\)/);
    });

    it('warns when rate limited now, with retry-after', async () => {
      await sim.script([{ kind: 'rate_limited', retryAfterSeconds: 7, paths: ['/v1/models'] }]);
      const report = await runDiagnostics(input(), { only: ['rate-limits'] });
      assert.equal(checkOf(report, 'auth').status, 'warn');
      assert.match(checkOf(report, 'auth').detail, /retry after 7 s/);
      const limits = checkOf(report, 'rate-limits');
      assert.equal(limits.status, 'warn');
      assert.match(limits.detail, /^rate limited now: retry after 7 s/);
    });

    it('fails on a spend limit, which retrying cannot fix', async () => {
      await sim.script([{ kind: 'spend_limit', paths: ['/v1/models'] }]);
      const auth = checkOf(await runDiagnostics(input(), { only: ['auth'] }), 'auth');
      assert.equal(auth.status, 'fail');
      assert.match(auth.hint ?? '', /Retrying cannot help/);
    });
  });

  describe('inference', () => {
    it('is skipped with the cost reason unless enabled', async () => {
      const inference = checkOf(await runDiagnostics(input(), { only: ['inference'] }), 'inference');
      assert.equal(inference.status, 'skip');
      assert.equal(inference.detail, INFERENCE_NOT_ENABLED);
      assert.equal((await sim.state()).requests['POST /v1/messages'] ?? 0, 0);
    });

    it('sends one tiny message to claude-haiku-4-5 by default', async () => {
      const inference = checkOf(await runDiagnostics(input({ inference: { enabled: true } }), { only: ['inference'] }), 'inference');
      assert.equal(inference.status, 'pass');
      assert.match(inference.detail, /^claude-haiku-4-5 answered in .* request-id req_/);
      const logged = (await sim.requests()).filter((r) => r.path === '/v1/messages');
      assert.equal(logged.length, 1);
      assert.equal(logged[0]?.model, 'claude-haiku-4-5');
    });

    it('sees a 529 now and says it is Anthropic, not the setup', async () => {
      await sim.script([{ kind: 'overloaded', paths: ['/v1/messages'] }]);
      const report = await runDiagnostics(input({ inference: { enabled: true } }), { only: ['inference'] });
      const inference = checkOf(report, 'inference');
      assert.equal(inference.status, 'fail');
      assert.match(inference.detail, /529 overloaded_error: Anthropic is overloaded/);
      assert.equal(report.summary, 'Anthropic is overloaded right now (529 from claude-haiku-4-5)');
    });

    it('sees an overload that arrives inside a 200 stream', async () => {
      await sim.script([{ kind: 'stream_overloaded', paths: ['/v1/messages'] }]);
      const inference = checkOf(await runDiagnostics(input({ inference: { enabled: true } }), { only: ['inference'] }), 'inference');
      assert.equal(inference.status, 'fail');
      assert.match(inference.detail, /overloaded_error inside a 200 stream/);
    });

    it('names an unknown model', async () => {
      const inference = checkOf(await runDiagnostics(input({ inference: { enabled: true, model: 'claude-nonexistent-1' } }), { only: ['inference'] }), 'inference');
      assert.equal(inference.status, 'fail');
      assert.match(inference.hint ?? '', /The model claude-nonexistent-1 is not available/);
    });
  });

  describe('clock', () => {
    it('is in sync with the simulator on the same machine', async () => {
      const clock = checkOf(await runDiagnostics(input(), { only: ['clock'] }), 'clock');
      assert.equal(clock.status, 'pass');
      assert.equal(clock.detail, 'in sync with the server (within 5 s)');
    });

    it('warns when this clock runs ten minutes ahead, and fails two days behind', async () => {
      const ahead = checkOf(await runDiagnostics(input(), { only: ['clock'], clock: { now: () => Date.now() + 600_000 } }), 'clock');
      assert.equal(ahead.status, 'warn');
      assert.equal(ahead.detail, 'this clock is 10 min ahead of the server');
      assert.match(ahead.hint ?? '', /automatic time/);
      const behind = checkOf(await runDiagnostics(input(), { only: ['clock'], clock: { now: () => Date.now() - 2 * 86_400_000 } }), 'clock');
      assert.equal(behind.status, 'fail');
      assert.equal(behind.detail, 'this clock is 48 h behind the server');
    });
  });

  describe('status page', () => {
    it('reports an outage with its incident as a failure', async () => {
      await sim.useScenario('outage');
      const report = await runDiagnostics(input(), { only: ['status-page'] });
      const page = checkOf(report, 'status-page');
      assert.equal(page.status, 'fail');
      assert.match(page.detail, /major outage/);
      assert.match(page.notes.join('\n'), /^Incident \(/m);
      assert.match(report.summary, /^Anthropic reports an outage: /);
    });

    it('reports maintenance as a warning', async () => {
      await sim.useScenario('maintenance');
      const page = checkOf(await runDiagnostics(input(), { only: ['status-page'] }), 'status-page');
      assert.equal(page.status, 'warn');
      assert.match(page.notes.join('\n'), /^Maintenance \(in progress\)/m);
    });

    it('warns, within its time, when the page never answers', async () => {
      const silent = await startSilentServer();
      try {
        const started = performance.now();
        const page = checkOf(await runDiagnostics(loopbackInput(sim.sim.apiBaseUrl, `${silent.url}/api/v2/summary.json`), { only: ['status-page'], timeoutMs: 1000 }), 'status-page');
        assert.ok(performance.now() - started < 1000 + 3000);
        assert.equal(page.status, 'warn');
        assert.match(page.detail, /^could not read http:\/\/127\.0\.0\.1:\d+\/api\/v2\/summary\.json: no complete answer within/);
      } finally {
        await silent.close();
      }
    });

    it('warns when an HTML page answers instead', async () => {
      const page = checkOf(await runDiagnostics(loopbackInput(sim.sim.apiBaseUrl, `${sim.url}/`), { only: ['status-page'] }), 'status-page');
      assert.equal(page.status, 'warn');
      assert.match(page.detail, /an HTML page instead of JSON/);
    });
  });
});

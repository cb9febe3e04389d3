// The simulator fed names, files, bodies and paths chosen to hurt it: prototype
// names, huge or non-JSON scenario files, floods of distinct paths and keys.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimCommand } from '../../../src/cli/sim-command';
import { UsageError } from '../../../src/cli/io';
import { RateLimiter, MAX_TRACKED_KEYS } from '../../../src/sim/rate-limiter';
import { parseScenario, parseScriptedFault, ScenarioError } from '../../../src/sim/scenario';
import { builtInScenario, loadScenario, MAX_SCENARIO_BYTES } from '../../../src/sim/scenario-source';
import { startSimulator } from '../../../src/sim/server';
import { UNKNOWN_PATHS_KEY } from '../../../src/sim/state';
import { captureIo } from '../../support/capture-io';
import { SimClient } from '../../support/sim-client';

const HEADERS = { 'x-api-key': 'sk-ant-api03-SENTINEL-hostile', 'anthropic-version': '2023-06-01' };
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

function isScenarioError(pattern: RegExp) {
  return (error: unknown) => error instanceof ScenarioError && pattern.test(error.message);
}

/** One raw HTTP/1.1 exchange, for request lines no HTTP client would send. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
  });
}

describe('simulator: hostile names', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`treats "${name}" as an unknown scenario everywhere`, async () => {
      assert.throws(() => builtInScenario(name), isScenarioError(new RegExp(`^unknown scenario "${name}"; built-in scenarios: healthy`)));
      assert.throws(() => loadScenario(name), isScenarioError(/^unknown scenario/));
      await assert.rejects(startSimulator({ scenario: name }), isScenarioError(/^unknown scenario/));
    });
  }

  it('makes `sim --scenario toString` say the name is unknown, not print Object\'s source', async () => {
    for (const name of ['toString', '__proto__', 'constructor']) {
      const io = captureIo();
      await assert.rejects(startSimCommand({ scenario: name }, io), (error: Error) => error instanceof UsageError && error.message.startsWith(`--scenario: unknown scenario "${name}"; built-in scenarios:`) && !error.message.includes('native code'));
      assert.equal(io.out, '', 'no simulator started');
    }
  });

  it('prints a hostile name escaped and shortened, never raw', () => {
    assert.throws(() => builtInScenario('\u001b[2J' + 'x'.repeat(5000)), (error: Error) => {
      assert.ok(!error.message.includes('\u001b'), 'no raw escape sequence reaches a terminal');
      assert.ok(error.message.length < 400, `message is ${error.message.length} characters`);
      return /^unknown scenario "\\u001b\[2Jxxx/.test(error.message);
    });
  });

  it('refuses a control request naming a prototype member and keeps serving', async () => {
    const sim = await SimClient.start({ scenario: 'healthy' });
    try {
      for (const name of PROTOTYPE_NAMES) await assert.rejects(sim.useScenario(name), new RegExp(`400: .*unknown scenario \\\\"${name}\\\\"`));
      const after = await fetch(`${sim.url}/v1/models`, { headers: HEADERS });
      assert.equal(after.status, 200);
      assert.equal((await sim.state()).scenario, 'healthy');
    } finally {
      await sim.close();
    }
  });

  it('looks model ids up as own keys', async () => {
    const sim = await SimClient.start();
    try {
      for (const id of ['constructor', '__proto__', 'toString']) {
        const response = await fetch(`${sim.url}/v1/models/${id}`, { headers: HEADERS });
        assert.equal(response.status, 404, id);
      }
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: scenario JSON with prototype keys or deep nesting', () => {
  const phase = '{"name":"a","statusPage":{"indicator":"none"}}';
  const cases: [string, string, RegExp][] = [
    ['a top-level __proto__', `{"name":"x","__proto__":{"loop":true},"phases":[${phase}]}`, /^scenario\.__proto__: is not allowed/],
    ['a component named __proto__', `{"name":"x","phases":[{"name":"a","statusPage":{"indicator":"none","components":{"__proto__":"major_outage"}}}]}`, /components\.__proto__: is not allowed/],
    ['a component named constructor', `{"name":"x","phases":[{"name":"a","statusPage":{"indicator":"none","components":{"constructor":"major_outage"}}}]}`, /components\.constructor: is not allowed/],
    ['prototype inside a fault', `{"name":"x","phases":[{"name":"a","statusPage":{"indicator":"none"},"faults":[{"kind":"ok","probability":0,"prototype":1}]}]}`, /faults\[0\]\.prototype: is not allowed/],
    ['nesting 10,000 deep', `{"name":"x","phases":[${phase}],"seed":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /nested more than 32 levels deep/],
  ];
  for (const [title, text, expected] of cases) {
    it(`refuses ${title}`, () => {
      assert.throws(() => parseScenario(JSON.parse(text)), isScenarioError(expected));
    });
  }

  it('refuses prototype keys in scripted faults and control bodies', async () => {
    assert.throws(() => parseScriptedFault(JSON.parse('{"kind":"overloaded","__proto__":{"times":5}}'), 'faults[0]'), isScenarioError(/faults\[0\]\.__proto__: is not allowed/));
    const sim = await SimClient.start();
    try {
      for (const [route, body] of [
        ['/_sim/script', '{"faults":[{"kind":"overloaded","constructor":{"times":9}}]}'],
        ['/_sim/scenario', '{"__proto__":{"name":"storm"}}'],
        ['/_sim/scenario', `{"scenario":{"name":"x","phases":[${phase}],"constructor":1}}`],
      ] as const) {
        const response = await fetch(`${sim.url}${route}`, { method: 'POST', body });
        assert.equal(response.status, 400, `${route} ${body}`);
        assert.match(await response.text(), /is not allowed \(a prototype key\)/);
      }
      assert.equal((await sim.state()).scriptRemaining, 0);
    } finally {
      await sim.close();
    }
  });

  it('quotes unknown keys escaped and shortened', () => {
    const key = `\u001b]0;${'k'.repeat(500)}`;
    assert.throws(() => parseScenario({ name: 'x', phases: [JSON.parse(phase)], [key]: 1 }), (error: Error) => !error.message.includes('\u001b') && error.message.length < 400);
  });
});

describe('simulator: scenario files are checked before they are read', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sim-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a 600 MB file from its size alone (a sparse file: nothing is read)', () => {
    const huge = path.join(dir, 'huge.json');
    const fd = openSync(huge, 'w');
    closeSync(fd);
    execFileSync('truncate', ['-s', '600M', huge]);
    assert.throws(() => loadScenario(huge), isScenarioError(/huge\.json is 629145600 bytes; a scenario file is at most 1048576 bytes/));
  });

  it('refuses one byte over the cap, and accepts JSON padded right up to it', () => {
    const scenario = JSON.stringify({ name: 'padded', phases: [{ name: 'a', statusPage: { indicator: 'none' } }] });
    const exact = path.join(dir, 'exact.json');
    writeFileSync(exact, scenario + ' '.repeat(MAX_SCENARIO_BYTES - scenario.length));
    assert.equal(loadScenario(exact).name, 'padded');
    const over = path.join(dir, 'over.json');
    writeFileSync(over, scenario + ' '.repeat(MAX_SCENARIO_BYTES - scenario.length + 1));
    assert.throws(() => loadScenario(over), isScenarioError(/over\.json is 1048577 bytes/));
  });

  it('quotes nothing from a file that is not JSON', () => {
    const passwd = path.join(dir, 'passwd.json');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\nsk-ant-api03-SENTINEL-file\n');
    assert.throws(() => loadScenario(passwd), (error: Error) => {
      assert.ok(!/root|SENTINEL/.test(error.message), error.message);
      return /passwd\.json is not valid JSON$/.test(error.message);
    });
    const binary = path.join(dir, 'binary.json');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x7b]));
    assert.throws(() => loadScenario(binary), isScenarioError(/binary\.json is not valid JSON$/));
  });

  it('refuses directories, FIFOs and devices without blocking on them', () => {
    const folder = path.join(dir, 'folder.json');
    mkdirSync(folder);
    assert.throws(() => loadScenario(folder), isScenarioError(/folder\.json is not a regular file/));
    const fifo = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => loadScenario(fifo), isScenarioError(/fifo\.json is not a regular file/));
    assert.throws(() => loadScenario('/dev/zero'), isScenarioError(/\/dev\/zero is not a regular file/));
  });
});

describe('simulator: bounded state under floods', () => {
  let sim: SimClient;
  before(async () => {
    sim = await SimClient.start();
  });
  after(() => sim.close());

  it('counts distinct unknown paths under one key, and known paths as before', async () => {
    await sim.reset();
    const paths = [];
    for (let i = 0; i < 150; i++) paths.push(`/v1/nope-${i}`, `/api/v2/nope-${i}.json`, `/v1/models/no-such-model-${i}`);
    for (const p of paths) await (await fetch(`${sim.url}${p}`, { headers: HEADERS })).arrayBuffer();
    await (await fetch(`${sim.url}/v1/models/claude-haiku-4-5`, { headers: HEADERS })).arrayBuffer();
    await (await fetch(`${sim.url}/api/v2/summary.json`)).arrayBuffer();
    const state = await sim.state();
    assert.deepEqual(state.requests, { [UNKNOWN_PATHS_KEY]: 450, 'GET /v1/models/claude-haiku-4-5': 1, 'GET /api/v2/summary.json': 1 });
  });

  it('keeps the request log bounded, with long paths cut', async () => {
    await sim.reset();
    const long = `/v1/${'a'.repeat(8000)}`;
    for (let i = 0; i < 1010; i++) await (await fetch(`${sim.url}${i === 1009 ? long : '/v1/models'}`, { headers: HEADERS })).arrayBuffer();
    const log = await sim.requests();
    assert.equal(log.length, 1000);
    assert.equal(log.at(-1)!.path, `${long.slice(0, 256)}...`);
  });

  it('answers a malformed percent-escape in a model id with a 404, not a 500', async () => {
    const response = await fetch(`${sim.url}/v1/models/%E0%A4%A`, { headers: HEADERS });
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'not_found_error');
  });

  it('refuses a control body over the scenario cap with a 413', async () => {
    const response = await fetch(`${sim.url}/_sim/scenario`, { method: 'POST', body: `{"name":"${'x'.repeat(MAX_SCENARIO_BYTES)}"}` });
    assert.equal(response.status, 413);
    assert.match(await response.text(), /larger than 1048576 bytes/);
    assert.equal((await sim.state()).scenario, 'healthy');
  });

  it('answers an unparsable request target with a 400 and keeps serving', async () => {
    const answer = await rawExchange(sim.sim.port, 'GET http://[::1 HTTP/1.1\r\nhost: x\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.equal((await fetch(`${sim.url}/v1/models`, { headers: HEADERS })).status, 200);
  });

  it('keeps the fault script bounded however often it is added to', async () => {
    await sim.reset();
    const faults = Array.from({ length: 400 }, () => ({ kind: 'overloaded' as const, paths: ['/v1/none'] }));
    await sim.script(faults);
    await sim.script(faults);
    await assert.rejects(sim.script(faults), /400: .*the script holds at most 1000 entries \(800 waiting\)/);
    assert.equal((await sim.state()).scriptRemaining, 800);
    await sim.reset();
  });

  it('forgets the least recently used rate-limit keys past its bound', () => {
    const limiter = new RateLimiter({ requestsPerMinute: 10, inputTokensPerMinute: 1000, outputTokensPerMinute: 1000 });
    for (let i = 0; i < MAX_TRACKED_KEYS * 3; i++) limiter.admit(`sk-ant-api03-${i}`, 1, 0);
    assert.equal(limiter.trackedKeys, MAX_TRACKED_KEYS);
  });

  it('keeps a busy key\'s bucket while a flood of other keys passes through', () => {
    const limiter = new RateLimiter({ requestsPerMinute: 2, inputTokensPerMinute: 1000, outputTokensPerMinute: 1000 });
    assert.equal(limiter.admit('busy', 1, 0).admitted, true);
    assert.equal(limiter.admit('busy', 1, 0).admitted, true);
    for (let i = 0; i < MAX_TRACKED_KEYS - 1; i++) {
      limiter.admit(`other-${i}`, 1, 0);
      if (i % 100 === 0) limiter.headers('busy', 0);
    }
    assert.equal(limiter.admit('busy', 1, 0).admitted, false, 'the busy key was not forgotten and refilled');
  });
});

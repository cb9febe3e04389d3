// The TypeScript recipes (a Next.js App Router route handler and an Express handler),
// rendered as a user gets them beside the wrapper each imports, compiled with tsc --strict
// against the real SDK and Express types, and called against the simulator: the route
// handler as the plain function it is, with a Request; the Express handler through a real
// Express app on a loopback port.
import assert from 'node:assert/strict';
import { type AddressInfo } from 'node:net';
import { type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { SimClient } from '../../support/sim-client';
import { renderedRecipe, renderedWrapper, typeCheck, writeRecipeProject, type RecipeProject } from './recipe-project';

const KEY = 'sk-ant-api03-SENTINEL-recipes-0123456789abcdef';
const FULL_REPLY = 'Hello! This is the Claude Health simulator answering in place of Claude.';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

type Post = (body: string | undefined) => Promise<Answer>;

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('TypeScript recipes against the simulator', function () {
  let sim: SimClient;
  let project: RecipeProject;
  let compiled: { exitCode: number; output: string };
  const posts: Record<string, Post> = {};
  let server: Server | undefined;
  const saved = { key: process.env.ANTHROPIC_API_KEY, url: process.env.ANTHROPIC_BASE_URL };

  before(async function () {
    this.timeout(240_000);
    sim = await SimClient.start({ requiredApiKey: KEY });
    project = writeRecipeProject('nextjs-route', {
      'next/app/api/chat/route.ts': renderedRecipe('nextjs-route'),
      'next/app/api/chat/claude-retry.ts': renderedWrapper('nextjs-route'),
      'express/src/chat-route.ts': renderedRecipe('express'),
      'express/src/claude-retry.ts': renderedWrapper('express'),
    });
    compiled = await typeCheck(project.dir);
    // Each recipe makes its client when loaded, from the environment, as in a deployed app.
    process.env.ANTHROPIC_API_KEY = KEY;
    process.env.ANTHROPIC_BASE_URL = sim.url;
    const route = (await import(pathToFileURL(path.join(project.dir, 'next/app/api/chat/route.ts')).href)) as { POST(request: Request): Promise<Response> };
    posts['Next.js route handler'] = async (body) =>
      answerOf(await route.POST(new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body })));
    const { chatHandler } = (await import(pathToFileURL(path.join(project.dir, 'express/src/chat-route.ts')).href)) as { chatHandler: express.RequestHandler };
    const app = express();
    app.set('env', 'test'); // Express's own handler answers bad JSON without printing its stack
    app.post('/chat', express.json({ limit: '64kb' }), chatHandler);
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;
    posts['Express handler'] = async (body) => answerOf(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
  });

  after(async function () {
    process.env.ANTHROPIC_API_KEY = saved.key;
    process.env.ANTHROPIC_BASE_URL = saved.url;
    if (saved.key === undefined) delete process.env.ANTHROPIC_API_KEY;
    if (saved.url === undefined) delete process.env.ANTHROPIC_BASE_URL;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await sim?.close();
    project?.dispose();
  });

  beforeEach(async () => {
    await sim.reset();
  });

  it('compiles under tsc --strict against the SDK, Express and DOM types', function () {
    assert.equal(compiled.exitCode, 0, compiled.output);
  });

  const messagesSent = async () => (await sim.state()).requests['POST /v1/messages'] ?? 0;
  const prompt = (text: string) => JSON.stringify({ prompt: text });
  /** The text a recipe answered with: the stream's text (Next.js) or the JSON's (Express). */
  const textOf = (name: string, answer: Answer) => (name.startsWith('Next') ? answer.text : (JSON.parse(answer.text) as { text: string }).text);
  const assertNoKey = (answer: Answer) => {
    assert.ok(!answer.text.includes(KEY) && ![...answer.headers.values()].some((v) => v.includes(KEY)), 'the key showed in a response');
  };

  for (const name of ['Next.js route handler', 'Express handler']) {
    describe(name, function () {
      it('answers with the whole reply, one request', async () => {
        const answer = await posts[name]!(prompt('Say hello'));
        assert.equal(answer.status, 200, answer.text);
        assert.equal(textOf(name, answer), FULL_REPLY);
        if (name.startsWith('Next')) assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
        assert.equal(await messagesSent(), 1);
        assertNoKey(answer);
      });

      it('rides out 529 overloads, each retry one request', async () => {
        await sim.script([{ kind: 'overloaded', times: 2 }]);
        const answer = await posts[name]!(prompt('Say hello'));
        assert.equal(answer.status, 200, answer.text);
        assert.equal(textOf(name, answer), FULL_REPLY);
        assert.equal(await messagesSent(), 3);
      });

      it('answers 503 with Retry-After when the overload outlasts the retry budget', async () => {
        await sim.script([{ kind: 'overloaded', times: 20 }]);
        const answer = await posts[name]!(prompt('Say hello'));
        assert.equal(answer.status, 503, answer.text);
        assert.equal(answer.headers.get('retry-after'), '10');
        assert.match(answer.text, /busy/);
        assert.equal(await messagesSent(), 3, 'the quick policy allows 3 attempts');
        assertNoKey(answer);
      });

      it('passes a rate limit on as 429 with the server\'s Retry-After', async () => {
        await sim.script([{ kind: 'rate_limited', times: 20, retryAfterSeconds: 7, retryAfterMs: 10 }]);
        const answer = await posts[name]!(prompt('Say hello'));
        assert.equal(answer.status, 429, answer.text);
        assert.equal(answer.headers.get('retry-after'), '7');
      });

      it('answers 502 at once for an error no retry fixes, without echoing it', async () => {
        await sim.script([{ kind: 'bad_request' }]);
        const answer = await posts[name]!(prompt('Say hello'));
        assert.equal(answer.status, 502, answer.text);
        assert.doesNotMatch(answer.text, /invalid_request_error/);
        assert.equal(await messagesSent(), 1);
        assertNoKey(answer);
      });

      it('refuses bad input with 400 and never calls the API', async () => {
        for (const body of ['', 'not json', '{}', '{"prompt": 42}', '{"prompt": "   "}', '[1,2]']) {
          const answer = await posts[name]!(body);
          assert.ok(answer.status === 400, `${JSON.stringify(body)} -> ${answer.status} ${answer.text}`);
        }
        const tooLarge = await posts[name]!(prompt('x'.repeat(70 * 1024)));
        assert.ok([400, 413].includes(tooLarge.status), `a 70 KiB body -> ${tooLarge.status}`);
        assert.equal(await messagesSent(), 0);
      });
    });
  }

  it('Next.js: retries a stream that fails before its first word, and streams it whole', async () => {
    await sim.script([{ kind: 'stream_overloaded', streamStage: 'before_content' }]);
    const answer = await posts['Next.js route handler']!(prompt('Say hello'));
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.text, FULL_REPLY);
    assert.equal(await messagesSent(), 2);
  });

  it('Next.js: a stream that breaks after words have gone out ends early, with the words sent', async () => {
    await sim.script([{ kind: 'stream_overloaded', streamStage: 'after_content' }]);
    const response = await (async () => {
      const route = posts['Next.js route handler']!;
      return route(prompt('Say hello')).then(
        (answer) => ({ answer, error: undefined }),
        (error: unknown) => ({ answer: undefined, error }),
      );
    })();
    // The status went out with the first words: the failure can only cut the body short.
    if (response.answer) {
      assert.equal(response.answer.status, 200);
      assert.notEqual(response.answer.text, FULL_REPLY);
    } else {
      assert.ok(response.error instanceof Error);
    }
    assert.equal(await messagesSent(), 1, 'no retry once words were shown');
  });
});

// One HTTP server on 127.0.0.1 that plays both the Claude API and its status
// page, driven by a scenario over time. Used by our tests, benchmarks and demo,
// and by users who want to watch their own retry code ride out a 529 storm.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { errorBody } from './api-errors';
import { ApiHandler, isApiPath } from './api-handler';
import { handleControl, isControlPath } from './control-handler';
import { renderHomePage } from './home-page';
import { newId } from './ids';
import { builtInScenario, MAX_SCENARIO_BYTES } from './scenario-source';
import { type Scenario } from './scenario';
import { SimulatorState, type SimClock } from './state';
import { handleStatusPage, isStatusPagePath } from './statuspage-handler';

export interface SimulatorOptions {
  /** 0 or undefined: an ephemeral port. */
  port?: number;
  /** Loopback only; the default is 127.0.0.1. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  scenario?: string | Scenario;
  clock?: SimClock;
  /** One line per request; default silent. */
  log?: (line: string) => void;
  /** When set, any other key gets 401 invalid x-api-key. */
  requiredApiKey?: string;
}

export interface RunningSimulator {
  port: number;
  url: string;
  apiBaseUrl: string;
  statusPageUrl: string;
  readonly state: SimulatorState;
  close(): Promise<void>;
}

/** The API's own limit on a request body. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Control bodies carry a scenario or a fault script: the same cap as a scenario file. */
const MAX_CONTROL_BODY_BYTES = MAX_SCENARIO_BYTES;
/** Paths kept in the request log are cut here: the log is read back whole through /_sim/requests. */
const MAX_LOGGED_PATH_CHARS = 256;

function loggedPath(pathname: string): string {
  return pathname.length > MAX_LOGGED_PATH_CHARS ? `${pathname.slice(0, MAX_LOGGED_PATH_CHARS)}...` : pathname;
}

/** The body up to `maxBytes`; past that the rest is drained and dropped, so the client still reads the answer. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const scenario = typeof options.scenario === 'object' ? options.scenario : builtInScenario(options.scenario ?? 'healthy');
  const state = new SimulatorState(scenario, clock);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const api = new ApiHandler({ state, requiredApiKey: options.requiredApiKey, sleep: delay });
  const sockets = new Set<Socket>();
  let baseUrl = '';

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', baseUrl);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' });
      res.end('Bad request target.\n');
      log(`${new Date().toISOString()} ${req.method} (unparsable target) 400 bad_target`);
      return;
    }
    const control = isControlPath(url.pathname);
    const body = await readBody(req, control ? MAX_CONTROL_BODY_BYTES : MAX_BODY_BYTES);
    let status: number | null = null;
    let outcome = 'ok';
    let requestId: string | null = null;
    if (body === 'too_large' && control) {
      const payload = JSON.stringify({ error: `request body larger than ${MAX_CONTROL_BODY_BYTES} bytes` });
      res.writeHead(413, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), connection: 'close' });
      res.end(payload);
      return;
    } else if (body === 'too_large') {
      requestId = newId('req_011C');
      const payload = errorBody('request_too_large', `Request exceeds the maximum allowed number of bytes (${MAX_BODY_BYTES}).`, requestId);
      res.writeHead(413, { 'content-type': 'application/json', 'request-id': requestId, connection: 'close' });
      res.end(payload);
      status = 413;
      outcome = 'too_large';
    } else if (control) {
      handleControl(req, res, body, url, state);
      return; // control calls are not part of what a test counts or logs
    } else if (isApiPath(url.pathname)) {
      const atMs = clock.now();
      const result = await api.handle(req, res, body, url);
      ({ status, outcome, requestId } = result);
      state.record({ atMs, method: req.method ?? 'GET', path: loggedPath(url.pathname), model: result.model, stream: result.stream, status, outcome, requestId });
    } else if (isStatusPagePath(url.pathname)) {
      const atMs = clock.now();
      ({ status, outcome } = handleStatusPage(req, res, url, state, baseUrl));
      state.record({ atMs, method: req.method ?? 'GET', path: loggedPath(url.pathname), model: null, stream: false, status, outcome, requestId: null });
    } else if (url.pathname === '/' && req.method === 'GET') {
      const html = renderHomePage(state, baseUrl);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      status = 200;
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found. The simulator serves /v1/* (Claude API), /api/v2/* (status page) and /_sim/* (control).\n');
      status = 404;
      outcome = 'not_found';
    }
    log(`${new Date().toISOString()} ${req.method} ${loggedPath(url.pathname)} ${status ?? '-'} ${outcome} ${Date.now() - started}ms${requestId ? ` ${requestId}` : ''}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log(`${new Date().toISOString()} ${req.method} ${loggedPath(req.url ?? '')} 500 simulator_error ${(error as Error).message}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(errorBody('api_error', 'Internal server error (simulator)', null));
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Garbage on the wire gets a 400 and a closed socket, never a crash.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host === '::1' ? '[::1]' : host;
  baseUrl = `http://${hostInUrl}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    port,
    url: baseUrl,
    apiBaseUrl: baseUrl,
    statusPageUrl: `${baseUrl}/api/v2/summary.json`,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests and keep-alive connections would hold close() forever.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

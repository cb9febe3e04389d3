// One HTTP request over node:http(s), through the configured proxy's CONNECT
// tunnel when there is one (the same agents the probe uses). Unlike fetch it
// tells the HTTP version and keeps every header, and it never throws: the
// failure comes back classified with Node's own error code.
import * as http from 'node:http';
import * as https from 'node:https';
import type * as tls from 'node:tls';
import type { Clock, Stopwatch } from '../../clock';
import { networkErrorCode } from '../../net/network-error';
import { HttpTunnelAgent, HttpsTunnelAgent, type ProxyTunnelError } from '../../net/tunnel-agent';
import type { Plan } from '../plan';

export interface RawRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Bytes of body kept; the rest is not read. */
  maxBodyBytes?: number;
}

export interface RawAnswer {
  status: number;
  statusText: string;
  /** "1.1", "1.0", "2.0". */
  httpVersion: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  /** When the headers arrived (ms epoch, the run's clock). */
  receivedAt: number;
  /** Time to the response headers. */
  headersMs: number;
  /** Time to the end of the (kept part of the) body. */
  totalMs: number;
}

export type RawResult =
  | { ok: true; answer: RawAnswer }
  | {
      ok: false;
      /** A network error code from the cause chain (ECONNREFUSED, CERT_HAS_EXPIRED, ERR_PROXY_TUNNEL...). */
      code?: string;
      /** The proxy's status when it refused the CONNECT. */
      proxyStatus?: number;
      /** Our deadline ran out: before the headers, or while the body was still coming. */
      timedOut: boolean;
      gotHeaders: boolean;
      message: string;
      ms: number;
    };

export interface Transport {
  plan: Plan;
  clock: Clock;
  stopwatch: Stopwatch;
}

const DEFAULT_MAX_BODY = 64 * 1024;

function agentFor(plan: Plan, url: URL, timeoutMs: number): http.Agent | false {
  const verify = plan.strictSSL;
  if (plan.proxy.kind === 'proxy') {
    const tunnel = { proxy: plan.proxy.proxy, ca: plan.ca, rejectUnauthorized: verify, lookup: plan.lookup, connectTimeoutMs: timeoutMs };
    return url.protocol === 'https:' ? new HttpsTunnelAgent(tunnel) : new HttpTunnelAgent(tunnel);
  }
  return false;
}

function headerRecord(message: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    const value = raw[i + 1] ?? '';
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

export function rawRequest(transport: Transport, request: RawRequest): Promise<RawResult> {
  const { plan, clock, stopwatch } = transport;
  const started = stopwatch.now();
  const elapsed = () => Math.round((stopwatch.now() - started) * 10) / 10;
  const maxBody = request.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let gotHeaders = false;
    let agent: http.Agent | false;
    try {
      agent = agentFor(plan, request.url, request.timeoutMs);
    } catch (error) {
      resolve({ ok: false, timedOut: false, gotHeaders: false, message: (error as Error).message, ms: elapsed() });
      return;
    }
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const secure = request.url.protocol === 'https:';
    const options: https.RequestOptions & tls.ConnectionOptions = {
      method: request.method,
      headers,
      agent,
      lookup: plan.lookup,
    };
    if (secure) {
      options.secureContext = plan.secureContext;
      options.rejectUnauthorized = plan.strictSSL;
    }
    const outgoing = (secure ? https : http).request(request.url, options);

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      const code = timedOut ? undefined : networkErrorCode(error);
      const proxyStatus = (error as ProxyTunnelError | undefined)?.proxyStatus;
      const result: RawResult = {
        ok: false,
        timedOut,
        gotHeaders,
        message: timedOut ? `no ${gotHeaders ? 'complete body' : 'answer'} within ${request.timeoutMs} ms` : error instanceof Error ? error.message : String(error),
        ms: elapsed(),
      };
      if (code) result.code = code;
      if (typeof proxyStatus === 'number') result.proxyStatus = proxyStatus;
      resolve(result);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      fail(new Error('timed out'));
    }, Math.max(1, request.timeoutMs));
    const onAbort = () => fail(new Error('cancelled'));
    request.signal.addEventListener('abort', onAbort, { once: true });
    function cleanup() {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      outgoing.destroy();
      if (agent) agent.destroy();
    }

    outgoing.once('error', fail);
    outgoing.once('response', (message) => {
      gotHeaders = true;
      const receivedAt = clock.now();
      const headersMs = elapsed();
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const complete = () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve({
          ok: true,
          answer: {
            status: message.statusCode ?? 0,
            statusText: message.statusMessage ?? '',
            httpVersion: message.httpVersion,
            headers: headerRecord(message),
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            receivedAt,
            headersMs,
            totalMs: elapsed(),
          },
        });
      };
      message.on('data', (chunk: Buffer) => {
        if (size + chunk.length > maxBody) {
          chunks.push(chunk.subarray(0, maxBody - size));
          size = maxBody;
          truncated = true;
          complete();
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      message.once('end', complete);
      message.once('error', fail);
      message.once('aborted', () => fail(Object.assign(new Error('the connection closed before the body ended'), { code: 'ECONNRESET' })));
    });
    outgoing.end(request.body);
  });
}

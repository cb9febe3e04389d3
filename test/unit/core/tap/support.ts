// Test-side plumbing for the traffic tap: a plain node:http client that
// hashes what it sends and receives (fetch would decompress and add headers
// of its own), a tap with its records collected, and waiting on conditions.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { startTap, type RunningTap, type TapOptions } from '../../../../src/core/tap/tap-server';
import type { TapRecord } from '../../../../src/core/tap/tap-record';

export interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  sha256: string;
  /** ms from sending until the first body byte. */
  firstByteMs: number | undefined;
  /** The answer broke off (reset, destroyed) instead of ending. */
  broken: boolean;
}

export interface SendOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders | string[];
  body?: Buffer | string;
  agent?: http.Agent | false;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function send(baseUrl: string, path: string, options: SendOptions = {}): Promise<Sent> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path, headers: options.headers, agent: options.agent ?? false },
      (response) => {
        const chunks: Buffer[] = [];
        let firstByteMs: number | undefined;
        let broken = false;
        response.on('data', (chunk: Buffer) => {
          firstByteMs ??= performance.now() - started;
          chunks.push(chunk);
        });
        response.on('aborted', () => (broken = true));
        response.on('error', () => (broken = true));
        response.on('close', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body, sha256: sha256(body), firstByteMs, broken: broken || !response.complete });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export function messageBody(model = 'claude-haiku-4-5', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }], ...extra });
}

export const API_HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-ant-test-key-0000' };

export interface CollectingTap {
  tap: RunningTap;
  records: TapRecord[];
  lines: string[];
}

export async function startCollectingTap(options: TapOptions): Promise<CollectingTap> {
  const records: TapRecord[] = [];
  const lines: string[] = [];
  const tap = await startTap({ env: {}, ...options, onRecord: (record) => records.push(record), log: (line) => lines.push(line) });
  return { tap, records, lines };
}

/** Resolves once `condition` holds; polls on a short timer, fails after `timeoutMs` with `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

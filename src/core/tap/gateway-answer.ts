// What the client hears when the upstream cannot be reached: the API's own
// error shape, so an SDK reads it as it would read the API (and retries a
// 502/504 as it retries any 5xx), with a message that says it was the tap.
import type * as http from 'node:http';
import { describeNetworkError, isAbortLike, networkErrorCode } from '../net/network-error';
import { redactSecrets } from '../net/redact';
import { cleanText } from '../text/clean';

export const BAD_GATEWAY = 502;
export const GATEWAY_TIMEOUT = 504;

export function gatewayErrorBody(message: string): string {
  return JSON.stringify({ type: 'error', error: { type: 'api_error', message: `claude-health tap: ${message}` } });
}

/** Answers with the error document; false when the answer had already begun. */
export function answerGatewayError(res: http.ServerResponse, status: number, message: string): boolean {
  if (res.headersSent || res.destroyed) return false;
  const body = gatewayErrorBody(message);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface UpstreamFailure {
  /** 504 for a timeout, 502 for the rest. */
  status: number;
  code: string | undefined;
  /** One sentence; no key, no control characters. */
  message: string;
}

/** Names what went wrong on the way to the upstream, from the error undici reported. */
export function describeUpstreamFailure(error: unknown, upstreamOrigin: string): UpstreamFailure {
  const code = networkErrorCode(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return { status: GATEWAY_TIMEOUT, code, message: `the upstream ${upstreamOrigin} did not answer in time (${code})` };
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return { status: BAD_GATEWAY, code: 'ECONNRESET', message: `the upstream ${upstreamOrigin} closed the connection before answering (ECONNRESET)` };
  }
  if (code === undefined && isAbortLike(error)) {
    return { status: BAD_GATEWAY, code, message: `the request to the upstream ${upstreamOrigin} was cancelled` };
  }
  const described = code === undefined ? cleanText(error instanceof Error ? error.message : undefined, 200) ?? 'network error' : describeNetworkError(error, code);
  return { status: BAD_GATEWAY, code, message: redactSecrets(`the upstream ${upstreamOrigin} could not be reached: ${described}`) };
}

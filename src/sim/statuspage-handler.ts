// Serves the status-page JSON with ETag/Last-Modified and 304s, and the page's
// own failure modes (HTML error, malformed JSON, a hang) when a phase asks.
import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { buildStatusPage, STATUS_PAGE_PATHS, statusPageDocumentFor } from './statuspage';
import { type SimulatorState } from './state';

export function isStatusPagePath(pathname: string): boolean {
  return pathname.startsWith('/api/v2/');
}

export type StatusPageOutcome = { status: number | null; outcome: string };

function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

export function handleStatusPage(req: IncomingMessage, res: ServerResponse, url: URL, state: SimulatorState, baseUrl: string): StatusPageOutcome {
  state.count(req.method ?? 'GET', STATUS_PAGE_PATHS.has(url.pathname) ? url.pathname : undefined);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'method not allowed' }));
    return { status: 405, outcome: 'method_not_allowed' };
  }
  const docs = buildStatusPage(state.scenario, state.position(), state.startedAtMs, baseUrl);
  switch (docs.spec.fault) {
    case 'hang':
      return { status: null, outcome: 'hang' };
    case 'html_error':
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1></body></html>');
      return { status: 503, outcome: 'html_error' };
    case 'malformed_json':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"page":{"id":"tymt9n04zgry","name":"Claude"},"status":{"indicator":');
      return { status: 200, outcome: 'malformed_json' };
    default:
      break;
  }
  const document = statusPageDocumentFor(url.pathname, docs);
  if (!document) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
    return { status: 404, outcome: 'not_found' };
  }
  const body = JSON.stringify(document);
  const etag = `W/"${createHash('sha1').update(body).digest('hex').slice(0, 32)}"`;
  const lastModified = httpDate(docs.updatedAtMs);
  const headers = { etag, 'last-modified': lastModified, 'cache-control': 'max-age=0, private, must-revalidate', vary: 'Accept' };
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const notModified =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return { status: 304, outcome: 'not_modified' };
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return { status: 200, outcome: 'ok' };
}

// The API's error answers: the real body shape and error.type for each status,
// and the CDN's HTML page that arrives instead when the edge itself fails.

export interface ErrorAnswer {
  status: number;
  /** A JSON error body, an HTML page, or nothing at all. */
  body: { kind: 'json'; type: string; message: string; details?: Record<string, unknown> } | { kind: 'html'; html: string } | { kind: 'empty' };
  retryAfterSeconds?: number;
  retryAfterMs?: number;
  /** `x-should-retry` as the real API sends it on 429 and 529; undefined leaves it out. */
  shouldRetry?: boolean;
  /** A CDN page has no request-id: the request never reached the API. */
  fromEdge?: boolean;
}

export function errorBody(type: string, message: string, requestId: string | null, details?: Record<string, unknown>): string {
  const error: Record<string, unknown> = { type, message };
  if (details !== undefined) error.details = details;
  return JSON.stringify({ type: 'error', error, request_id: requestId });
}

function cdnPage(status: number, title: string): string {
  return `<!DOCTYPE html>
<html lang="en-US">
<head><title>api.anthropic.com | ${status}: ${title}</title></head>
<body>
<div id="cf-wrapper"><h1>${title}</h1><span>Error code ${status}</span>
<p>The web server reported a ${title.toLowerCase()} error.</p>
<p>Cloudflare Ray ID: 8f1e2d3c4b5a6978</p></div>
</body>
</html>
`;
}

export function json(status: number, type: string, message: string, extra: Partial<ErrorAnswer> = {}, details?: Record<string, unknown>): ErrorAnswer {
  return { status, body: details === undefined ? { kind: 'json', type, message } : { kind: 'json', type, message, details }, ...extra };
}

export const RATE_LIMIT_MESSAGE =
  'This request would exceed the rate limit for your organization. See the response headers for current usage, and https://docs.claude.com/en/api/rate-limits. Please try again later or reduce your request rate.';

/** The fixed answers of the fault kinds that are errors (not ok, stream_overloaded, reset, hang). */
export function faultAnswer(kind: string, retryAfterSeconds: number | undefined): ErrorAnswer | undefined {
  switch (kind) {
    case 'overloaded':
      return json(529, 'overloaded_error', 'Overloaded', { shouldRetry: true });
    case 'rate_limited':
      return json(429, 'rate_limit_error', RATE_LIMIT_MESSAGE, { shouldRetry: true, retryAfterSeconds: retryAfterSeconds ?? 1 });
    case 'rate_limited_no_retry_after':
      return json(429, 'rate_limit_error', RATE_LIMIT_MESSAGE, { shouldRetry: true });
    case 'spend_limit':
      return json(
        429,
        'rate_limit_error',
        'You have reached your specified API usage limits. You will regain access on the first day of next month at 00:00 UTC.',
        { shouldRetry: false },
        { error_code: 'enforced_spend_limit_reached' },
      );
    case 'server_error':
      return json(500, 'api_error', 'Internal server error');
    case 'bad_gateway_html':
      return { status: 502, body: { kind: 'html', html: cdnPage(502, 'Bad gateway') }, fromEdge: true };
    case 'service_unavailable_empty':
      return { status: 503, body: { kind: 'empty' }, fromEdge: true };
    case 'gateway_timeout':
      return json(504, 'timeout_error', 'Request timed out');
    case 'bad_request':
      return json(400, 'invalid_request_error', 'messages.0.content: text content blocks must be non-empty');
    case 'unauthorized':
      return json(401, 'authentication_error', 'invalid x-api-key');
    case 'forbidden':
      return json(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
    case 'not_found':
      return json(404, 'not_found_error', 'Not found');
    case 'request_too_large':
      return json(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    case 'conflict':
      return json(409, 'conflict_error', 'The request conflicts with another request in progress; try again.');
    default:
      return undefined;
  }
}

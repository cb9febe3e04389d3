// Transcript rows in the shapes API_FACTS describes (from public reports of real files).

export const SECRET_TEXT = 'SENTINEL-PROMPT-TEXT-must-not-leak-4242';

export interface RowOptions {
  at: number;
  text: string;
  error?: string;
  apiError?: unknown;
  flag?: boolean;
  type?: string;
}

export function errorRow(options: RowOptions): string {
  const row: Record<string, unknown> = {
    parentUuid: 'a1b2',
    isSidechain: false,
    userType: 'external',
    cwd: `/home/dev/${SECRET_TEXT}`,
    sessionId: '0f7c1f6e-0000-4000-8000-000000000001',
    version: '2.0.14',
    type: options.type ?? 'assistant',
    uuid: 'c3d4',
    timestamp: new Date(options.at).toISOString(),
    message: {
      id: 'msg_x',
      model: '<synthetic>',
      role: 'assistant',
      type: 'message',
      stop_reason: 'stop_sequence',
      usage: { input_tokens: 0, output_tokens: 0 },
      content: [{ type: 'text', text: options.text }],
    },
  };
  if (options.flag !== false) row.isApiErrorMessage = true;
  if (options.error !== undefined) row.error = options.error;
  if (options.apiError !== undefined) row.apiError = options.apiError;
  return JSON.stringify(row);
}

export function userRow(at: number, text: string): string {
  return JSON.stringify({ type: 'user', timestamp: new Date(at).toISOString(), message: { role: 'user', content: text }, uuid: 'u1' });
}

export function assistantRow(at: number, text: string): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: new Date(at).toISOString(),
    message: { model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'text', text }], usage: { input_tokens: 10, output_tokens: 200 } },
    uuid: 'a2',
  });
}

export const OVERLOADED_JSON_TEXT = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CUabcdefghijkLMNOP"}';
export const OVERLOADED_PLAIN_TEXT = 'API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it persists, check status.claude.com.';
export const CONNECTION_LOST_TEXT = 'API Error: Connection lost mid-response. Check your network and try again.';
export const ECONNRESET_TEXT = 'API Error: Unable to connect to API (ECONNRESET)';
export const CDN_TIMEOUT_TEXT = 'API Error: 522 Connection timed out';
export const RETRYING_TEXT = 'API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 4 seconds… (attempt 4/10)';
export const RATE_LIMIT_TEXT = 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_011CUrate0000000000000"}';
export const SERVER_ERROR_TEXT = 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_011CUserver00000000000"}';
export const AUTH_TEXT = 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}';
export const SESSION_LIMIT_TEXT = "You've hit your session limit · resets 11:30am (America/New_York)";

// Validates request bodies the way the API does, answering with its error shapes.
import { json, type ErrorAnswer } from './api-errors';
import { findModel } from './models';

export interface MessagesRequest {
  model: string;
  maxTokens: number;
  stream: boolean;
  inputTokens: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorAnswer };

function invalid(message: string): { ok: false; error: ErrorAnswer } {
  return { ok: false, error: json(400, 'invalid_request_error', message) };
}

export function parseJsonBody(raw: Buffer): Parsed<Record<string, unknown>> {
  if (raw.length === 0) return invalid('Request body is empty; expected a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return invalid(`There was an error parsing the body of your request: ${(error as Error).message}. Please check that your JSON is valid.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('Request body must be a JSON object.');
  return { ok: true, value: value as Record<string, unknown> };
}

/** A rough token estimate (4 characters a token) of what the model would read. */
function estimateInputTokens(body: Record<string, unknown>): number {
  const text = JSON.stringify([body.system ?? '', body.messages ?? [], body.tools ?? []]);
  return Math.max(1, Math.ceil(text.length / 4));
}

function validateMessages(messages: unknown): string | undefined {
  if (messages === undefined) return 'messages: Field required';
  if (!Array.isArray(messages)) return 'messages: Input should be a valid list';
  if (messages.length === 0) return 'messages: at least one message is required';
  for (const [i, message] of messages.entries()) {
    if (typeof message !== 'object' || message === null) return `messages.${i}: Input should be a valid dictionary`;
    const { role, content } = message as Record<string, unknown>;
    if (role !== 'user' && role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (typeof content === 'string') {
      if (content.length === 0 && i === messages.length - 1 && role === 'user') return `messages.${i}.content: text content blocks must be non-empty`;
    } else if (!Array.isArray(content)) {
      return `messages.${i}.content: Input should be a valid string or list of content blocks`;
    }
  }
  if ((messages[0] as Record<string, unknown>).role !== 'user') return 'messages: first message must use the "user" role';
  return undefined;
}

function validateModel(model: unknown): Parsed<string> {
  if (model === undefined) return invalid('model: Field required');
  if (typeof model !== 'string') return invalid('model: Input should be a valid string');
  if (!findModel(model)) return { ok: false, error: json(404, 'not_found_error', `model: ${model}`) };
  return { ok: true, value: model };
}

export function validateMessagesRequest(body: Record<string, unknown>): Parsed<MessagesRequest> {
  const model = validateModel(body.model);
  if (!model.ok) return model;
  const messagesProblem = validateMessages(body.messages);
  if (messagesProblem) return invalid(messagesProblem);
  if (body.max_tokens === undefined) return invalid('max_tokens: Field required');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return invalid('max_tokens: Input should be a valid integer greater than or equal to 1');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return invalid('stream: Input should be a valid boolean');
  return { ok: true, value: { model: model.value, maxTokens: body.max_tokens, stream: body.stream === true, inputTokens: estimateInputTokens(body) } };
}

export function validateCountTokensRequest(body: Record<string, unknown>): Parsed<{ model: string; inputTokens: number }> {
  const model = validateModel(body.model);
  if (!model.ok) return model;
  const messagesProblem = validateMessages(body.messages);
  if (messagesProblem) return invalid(messagesProblem);
  return { ok: true, value: { model: model.value, inputTokens: estimateInputTokens(body) } };
}

// What a successful /v1/messages answers: a message object, or the same reply as
// the real stream's sequence of server-sent events.
import { newId } from './ids';

const REPLY_WORDS = 'Hello! This is the Claude Health simulator answering in place of Claude.'.split(' ');

export interface Reply {
  message: Record<string, unknown>;
  outputTokens: number;
  /** The reply's text split as stream deltas. */
  deltas: string[];
}

/** One word is one token here, so `max_tokens: 1` yields one word and stop_reason max_tokens. */
export function buildReply(model: string, maxTokens: number, inputTokens: number): Reply {
  const words = REPLY_WORDS.slice(0, Math.min(maxTokens, REPLY_WORDS.length));
  const deltas = words.map((word, i) => (i === 0 ? word : ` ${word}`));
  const truncated = words.length < REPLY_WORDS.length;
  const message = {
    id: newId('msg_01'),
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: deltas.join('') }],
    stop_reason: truncated ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: words.length, service_tier: 'standard' },
  };
  return { message, outputTokens: words.length, deltas };
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export function formatSse(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** The head of a stream: everything before the first content event. */
export function streamHead(reply: Reply): SseEvent[] {
  const message = { ...reply.message, content: [], stop_reason: null, usage: { ...(reply.message.usage as object), output_tokens: 1 } };
  return [{ event: 'message_start', data: { type: 'message_start', message } }];
}

/** The content events, one delta a word. */
export function streamContent(reply: Reply): SseEvent[] {
  return [
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'ping', data: { type: 'ping' } },
    ...reply.deltas.map((text) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } } })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
  ];
}

export function streamTail(reply: Reply): SseEvent[] {
  return [
    {
      event: 'message_delta',
      data: { type: 'message_delta', delta: { stop_reason: reply.message.stop_reason, stop_sequence: null }, usage: { output_tokens: reply.outputTokens } },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

export function streamOverloadedEvent(): SseEvent {
  return { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
}

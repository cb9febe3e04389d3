// One TCP connection attempt to one address, timed, then closed at once.
import * as net from 'node:net';

export interface ConnectAttempt {
  address: string;
  family: 4 | 6;
  port: number;
  ok: boolean;
  /** Time to connect, or to fail. */
  ms: number;
  /** ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH...; ETIMEDOUT also when our own limit ran out. */
  code?: string;
}

export function connectOnce(
  target: { address: string; family: 4 | 6; port: number },
  timeoutMs: number,
  signal: AbortSignal,
  now: () => number,
): Promise<ConnectAttempt> {
  const started = now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host: target.address, port: target.port, family: target.family });
    const finish = (ok: boolean, code?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      const attempt: ConnectAttempt = { ...target, ok, ms: Math.round((now() - started) * 10) / 10 };
      if (code) attempt.code = code;
      resolve(attempt);
    };
    const timer = setTimeout(() => finish(false, 'ETIMEDOUT'), Math.max(1, timeoutMs));
    const onAbort = () => finish(false, 'ABORT_ERR');
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(false, error.code ?? 'ECONNRESET'));
  });
}

// Work started without waiting for it (a notification's answer, a state write)
// still ends somewhere: a failure is logged, redacted, never an unhandled rejection.
import { type Log } from './log';

export function inBackground(log: Log, what: string, work: PromiseLike<unknown>): void {
  Promise.resolve(work).catch((error: unknown) => log.error(`${what} failed`, error));
}

// The system resolver, asked the way Node's own connections ask it
// (getaddrinfo through dns.lookup, or the lookup the caller injected), for
// every A and AAAA answer at once.
import type * as dns from 'node:dns';
import type * as net from 'node:net';
import type { ResolvedAddress } from '../check';

export class LookupError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'LookupError';
  }
}

export function lookupAll(lookup: net.LookupFunction, host: string, signal: AbortSignal): Promise<ResolvedAddress[]> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new LookupError('cancelled', 'ABORT_ERR'));
      return;
    }
    const onAbort = () => reject(new LookupError('cancelled', 'ABORT_ERR'));
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (error: NodeJS.ErrnoException | null, addresses: unknown) => {
      signal.removeEventListener('abort', onAbort);
      if (error) {
        reject(new LookupError(error.message, typeof error.code === 'string' ? error.code : undefined));
        return;
      }
      const list = Array.isArray(addresses) ? (addresses as dns.LookupAddress[]) : [];
      const unique: ResolvedAddress[] = [];
      for (const entry of list) {
        const family = entry.family === 6 ? 6 : 4;
        if (!unique.some((seen) => seen.address === entry.address)) unique.push({ address: entry.address, family });
      }
      resolve(unique);
    };
    try {
      // LookupFunction's declared overloads do not include `all`, though dns.lookup and compatible lookups accept it.
      (lookup as unknown as (host: string, options: { all: true; family: 0 }, callback: typeof done) => void)(host, { all: true, family: 0 }, done);
    } catch (error) {
      signal.removeEventListener('abort', onAbort);
      reject(new LookupError((error as Error).message, (error as NodeJS.ErrnoException).code));
    }
  });
}

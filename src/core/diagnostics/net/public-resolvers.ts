// Direct queries to chosen DNS servers (by default public ones), bypassing the
// system resolver, so its answers can be compared with what the world sees.
import { Resolver } from 'node:dns';

export type ResolverState = 'answered' | 'nxdomain' | 'timeout' | 'error';

export interface ResolverAnswer {
  server: string;
  state: ResolverState;
  a: string[];
  aaaa: string[];
  /** The c-ares code when nothing usable came back (ENOTFOUND, ETIMEOUT, ECONNREFUSED, ESERVFAIL...). */
  code?: string;
}

type Query = { ok: true; addresses: string[] } | { ok: false; code: string };

function query(resolver: Resolver, host: string, type: 'A' | 'AAAA'): Promise<Query> {
  return new Promise((resolve) => {
    const done = (error: NodeJS.ErrnoException | null, addresses: string[]) =>
      resolve(error ? { ok: false, code: error.code ?? 'ERROR' } : { ok: true, addresses });
    if (type === 'A') resolver.resolve4(host, done);
    else resolver.resolve6(host, done);
  });
}

/** Asks one server for A and AAAA; never rejects, and gives up after `timeoutMs`. */
export async function askServer(server: string, host: string, timeoutMs: number, signal: AbortSignal): Promise<ResolverAnswer> {
  const resolver = new Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries: 1 });
  try {
    resolver.setServers([server]);
  } catch {
    return { server, state: 'error', a: [], aaaa: [], code: 'EBADSERVER' };
  }
  let timer: NodeJS.Timeout | undefined;
  const stop = () => resolver.cancel();
  signal.addEventListener('abort', stop, { once: true });
  const giveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolver.cancel();
      resolve('timeout');
    }, Math.max(1, timeoutMs) + 50);
  });
  try {
    const answers = await Promise.race([Promise.all([query(resolver, host, 'A'), query(resolver, host, 'AAAA')]), giveUp]);
    if (answers === 'timeout') return { server, state: 'timeout', a: [], aaaa: [], code: 'ETIMEOUT' };
    const [a, aaaa] = answers;
    const answer: ResolverAnswer = { server, state: 'answered', a: a.ok ? a.addresses : [], aaaa: aaaa.ok ? aaaa.addresses : [] };
    if (answer.a.length || answer.aaaa.length) return answer;
    // No address of either type: NXDOMAIN wins over "no data", a timeout over other errors.
    const codes = [a, aaaa].map((q) => (q.ok ? 'ENODATA' : q.code));
    if (codes.includes('ENOTFOUND')) return { ...answer, state: 'nxdomain', code: 'ENOTFOUND' };
    if (codes.every((code) => code === 'ENODATA')) return { ...answer, state: 'answered' };
    const code = codes.find((c) => c === 'ETIMEOUT' || c === 'ECANCELLED') ?? codes.find((c) => c !== 'ENODATA') ?? 'ERROR';
    return { ...answer, state: code === 'ETIMEOUT' || code === 'ECANCELLED' ? 'timeout' : 'error', code };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

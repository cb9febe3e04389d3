// A `lookup` (the shape node:net and node:http take) answered by a given DNS
// server instead of the system's, so tests can play the system resolver with
// a loopback DNS server: real queries, real answers, nothing leaves 127.0.0.1.
import * as dns from 'node:dns';
import type * as net from 'node:net';

export function lookupVia(server: string): net.LookupFunction {
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([server]);
  const lookup = (hostname: string, options: dns.LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    const all: dns.LookupAddress[] = [];
    let pending = 2;
    let firstError: NodeJS.ErrnoException | null = null;
    const done = (family: 4 | 6) => (error: NodeJS.ErrnoException | null, addresses: string[]) => {
      if (error && error.code !== 'ENODATA') firstError ??= error;
      if (!error) all.push(...addresses.map((address) => ({ address, family })));
      if (--pending > 0) return;
      if (all.length === 0) {
        const failure: NodeJS.ErrnoException = firstError ?? Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        // getaddrinfo reports NXDOMAIN as ENOTFOUND; keep that vocabulary.
        if (failure.code === 'ENOTFOUND' || failure.code === 'ENODATA') failure.code = 'ENOTFOUND';
        callback(failure, options.all ? [] : '', 0);
        return;
      }
      const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
      if (wanted.length === 0) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), options.all ? [] : '', 0);
        return;
      }
      if (options.all) callback(null, wanted);
      else callback(null, wanted[0]?.address ?? '', wanted[0]?.family ?? 4);
    };
    resolver.resolve4(hostname, done(4));
    resolver.resolve6(hostname, done(6));
  };
  return lookup;
}

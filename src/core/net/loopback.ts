// Whether a host name or IP literal means this machine. Used twice: plain http
// to such a host keeps the key on this machine (base-url.ts), and a proxy is
// never asked to reach it (proxy-config.ts), since to a remote proxy
// "127.0.0.1" is its own machine and the request would leave ours.
import * as net from 'node:net';

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (with or without brackets, IPv4-mapped too). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const version = net.isIP(host);
  return version !== 0 && LOOPBACK.check(host, version === 4 ? 'ipv4' : 'ipv6');
}

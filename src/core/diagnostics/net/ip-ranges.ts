// What kind of address a resolver answered with. A public API host that
// resolves into a private, loopback or "fake-IP" range means something on the
// way rewrites DNS: a hosts-file entry, a corporate resolver, a DNS filter or
// a local proxy tool.
import * as net from 'node:net';

export type AddressKind =
  | 'public'
  | 'private' // RFC 1918, IPv6 unique-local
  | 'loopback'
  | 'link-local'
  | 'shared' // 100.64.0.0/10, carrier-grade NAT and some VPNs
  | 'fake-ip' // 198.18.0.0/15, handed out by Clash/Surge-style proxies in fake-IP mode
  | 'unspecified'; // 0.0.0.0 or ::, what DNS filters answer for blocked names

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

const V4_RANGES: [string, number, AddressKind][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'fake-ip'],
];

function kindOfV4(address: string): AddressKind {
  const value = ipv4Number(address);
  for (const [base, bits, kind] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    if (Math.floor(value / size) === Math.floor(ipv4Number(base) / size)) return kind;
  }
  return 'public';
}

function kindOfV6(address: string): AddressKind {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (mapped?.[1]) return kindOfV4(mapped[1]);
  if (lower === '::1') return 'loopback';
  if (lower === '::') return 'unspecified';
  const first = parseInt(lower.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  return 'public';
}

/** The kind of an IP literal; anything that is not an IP literal counts as public. */
export function addressKind(address: string): AddressKind {
  const version = net.isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (version === 4) return kindOfV4(address);
  if (version === 6) return kindOfV6(address);
  return 'public';
}

export function describeAddressKind(kind: AddressKind): string {
  switch (kind) {
    case 'public':
      return 'a public address';
    case 'private':
      return 'a private-network address';
    case 'loopback':
      return 'a loopback address (this machine)';
    case 'link-local':
      return 'a link-local address';
    case 'shared':
      return 'a carrier-grade NAT / VPN address (100.64.0.0/10)';
    case 'fake-ip':
      return 'a fake-IP address (198.18.0.0/15, used by local proxy tools such as Clash or Surge)';
    case 'unspecified':
      return 'the null address (what DNS filters answer for blocked names)';
  }
}

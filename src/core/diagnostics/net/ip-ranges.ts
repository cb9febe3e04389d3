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

const RANGES: [string, number, 'ipv4' | 'ipv6', AddressKind][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'fake-ip'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
];

// One list per kind; a BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against IPv4 subnets.
const LISTS: [net.BlockList, AddressKind][] = RANGES.map(([base, bits, family, kind]) => {
  const list = new net.BlockList();
  list.addSubnet(base, bits, family);
  return [list, kind];
});

/** The kind of an IP literal; anything that is not an IP literal counts as public. */
export function addressKind(address: string): AddressKind {
  const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = net.isIP(literal);
  if (version === 0) return 'public';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find(([list]) => list.check(literal, family))?.[1] ?? 'public';
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

// A certificate chain as people read it: who, issued by whom, valid until when.
import type * as tls from 'node:tls';
import type { JsonObject } from '../types';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Negative once expired. */
  daysToExpiry: number;
  altNames: string[];
  fingerprint256: string;
}

/** Names of products that re-sign HTTPS (corporate proxies, antivirus, debugging proxies). */
const INSPECTING_ISSUERS = [
  'zscaler', 'netskope', 'palo alto', 'fortinet', 'fortigate', 'blue coat', 'bluecoat', 'cisco umbrella', 'forcepoint', 'sophos',
  'mcafee', 'check point', 'checkpoint', 'kaspersky', 'eset', 'avast', 'avg technologies', 'bitdefender', 'barracuda', 'watchguard',
  'sonicwall', 'untangle', 'iboss', 'menlo security', 'cloudflare for teams', 'gateway ca', 'mitmproxy', 'fiddler', 'portswigger',
  'charles proxy', 'lightspeed', 'securly', 'smoothwall', 'trend micro', 'norton', 'webroot',
];

function nameOf(entity: tls.Certificate | undefined): string {
  if (!entity) return 'unknown';
  const parts: string[] = [];
  const field = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join('+') : value);
  const cn = field(entity.CN);
  const o = field(entity.O);
  if (cn) parts.push(`CN=${cn}`);
  if (o) parts.push(`O=${o}`);
  return parts.join(', ') || 'unnamed';
}

export function describeCertificate(cert: tls.PeerCertificate, nowMs: number): CertificateFacts {
  const validTo = Date.parse(cert.valid_to);
  return {
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    validFrom: new Date(Date.parse(cert.valid_from)).toISOString(),
    validTo: Number.isNaN(validTo) ? cert.valid_to : new Date(validTo).toISOString(),
    daysToExpiry: Number.isNaN(validTo) ? 0 : Math.floor((validTo - nowMs) / 86_400_000),
    altNames: (cert.subjectaltname ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .slice(0, 20),
    fingerprint256: cert.fingerprint256 ?? '',
  };
}

/** The chain the server sent, leaf first, up to the root it reached (or `max` certificates). */
export function chainOf(leaf: tls.DetailedPeerCertificate, nowMs: number, max = 6): CertificateFacts[] {
  const chain: CertificateFacts[] = [];
  let current: tls.DetailedPeerCertificate | undefined = leaf;
  const seen = new Set<string>();
  while (current && Object.keys(current).length > 0 && chain.length < max) {
    const key = current.fingerprint256 ?? String(chain.length);
    if (seen.has(key)) break;
    seen.add(key);
    chain.push(describeCertificate(current, nowMs));
    current = current.issuerCertificate;
  }
  return chain;
}

export function inspectingProduct(chain: readonly CertificateFacts[]): string | undefined {
  for (const cert of chain) {
    const text = `${cert.issuer} ${cert.subject}`.toLowerCase();
    const hit = INSPECTING_ISSUERS.find((name) => text.includes(name));
    if (hit) return cert.issuer;
  }
  return undefined;
}

export function certificateData(cert: CertificateFacts): JsonObject {
  return { ...cert, altNames: cert.altNames };
}

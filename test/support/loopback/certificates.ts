// Test certificates made with the machine's openssl: a private root CA, leaf
// certificates it signs (valid, expired, for another host name), and a
// self-signed leaf. Made once per process in a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestCertificates {
  /** The root that signs the leaves; trust it to make them verify. */
  ca: KeyPair;
  /** For 127.0.0.1 and localhost, valid now. */
  valid: KeyPair;
  /** For 127.0.0.1 and localhost, expired in 2020. */
  expired: KeyPair;
  /** Valid now, but only for other.example. */
  wrongHost: KeyPair;
  /** Signed by itself, for 127.0.0.1. */
  selfSigned: KeyPair;
  /** For 127.0.0.1, signed by an intermediate CA under the root; `cert` is the leaf followed by the intermediate. */
  viaIntermediate: KeyPair;
}

let made: TestCertificates | undefined;

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function stamp(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

const CA_CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = db/index.txt
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ any ]
commonName = supplied
organizationName = optional
[ loopback ]
subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:api.claude-health.test
basicConstraints = CA:FALSE
[ intermediate ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[ other ]
subjectAltName = DNS:other.example
basicConstraints = CA:FALSE
`;

function leaf(dir: string, name: string, extension: string, from: Date, to: Date, issuer = 'ca'): KeyPair {
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}.loopback/O=Claude Health Tests`]);
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-cert', `${issuer}.pem`, '-keyfile', `${issuer}.key`, '-in', `${name}.csr`, '-out', `${name}.pem`,
    '-startdate', stamp(from), '-enddate', stamp(to), '-extensions', extension, '-notext']);
  return { key: readFileSync(path.join(dir, `${name}.key`), 'utf8'), cert: readFileSync(path.join(dir, `${name}.pem`), 'utf8') };
}

export function testCertificates(): TestCertificates {
  if (made) return made;
  const dir = mkdtempSync(path.join(tmpdir(), 'claude-health-certs-'));
  try {
    mkdirSync(path.join(dir, 'db'));
    writeFileSync(path.join(dir, 'db/index.txt'), '');
    writeFileSync(path.join(dir, 'db/serial'), '1000\n');
    writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
    openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30',
      '-subj', '/CN=Claude Health Test Root/O=Claude Health Tests', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    const now = Date.now();
    const day = 86_400_000;
    const ca = { key: readFileSync(path.join(dir, 'ca.key'), 'utf8'), cert: readFileSync(path.join(dir, 'ca.pem'), 'utf8') };
    const valid = leaf(dir, 'valid', 'loopback', new Date(now - day), new Date(now + 20 * day));
    const expired = leaf(dir, 'expired', 'loopback', new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 1, 1)));
    const wrongHost = leaf(dir, 'wrong-host', 'other', new Date(now - day), new Date(now + 20 * day));
    openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '5',
      '-subj', '/CN=self-signed.loopback', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
    const selfSigned = { key: readFileSync(path.join(dir, 'self.key'), 'utf8'), cert: readFileSync(path.join(dir, 'self.pem'), 'utf8') };
    const intermediate = leaf(dir, 'intermediate', 'intermediate', new Date(now - day), new Date(now + 25 * day));
    const behind = leaf(dir, 'behind-intermediate', 'loopback', new Date(now - day), new Date(now + 20 * day), 'intermediate');
    const viaIntermediate = { key: behind.key, cert: behind.cert + intermediate.cert };
    made = { ca, valid, expired, wrongHost, selfSigned, viaIntermediate };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

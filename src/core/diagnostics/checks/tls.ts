// The TLS handshake with the API host as a client makes it (SNI, ALPN), through
// the proxy's tunnel when there is one: protocol, cipher, ALPN and the
// certificate chain, and a specific explanation for each verification failure.
// Certificates are checked but a failure does not abort the handshake, so the
// report can show what was presented.
import { existsSync } from 'node:fs';
import type * as net from 'node:net';
import * as tls from 'node:tls';
import { openTunnel } from '../../net/tunnel-agent';
import { networkErrorCode } from '../../net/network-error';
import { innerBudget, seconds, type CheckContext, type CheckDefinition } from '../check';
import { certificateData, chainOf, inspectingProduct, type CertificateFacts } from '../net/certificates';
import { authority } from '../plan';
import type { CheckOutcome, JsonObject } from '../types';

const EXPIRY_WARNING_DAYS = 14;
const TRUST_ERRORS = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

interface Handshake {
  protocol: string | null;
  cipher: string;
  alpn: string | false;
  authorized: boolean;
  authorizationError?: string;
  chain: CertificateFacts[];
  ms: number;
}

type HandshakeResult = { ok: true; handshake: Handshake } | { ok: false; code?: string; message: string; timedOut: boolean; ms: number };

async function rawSocket(context: CheckContext): Promise<net.Socket | undefined> {
  const { plan } = context;
  if (plan.proxy.kind !== 'proxy') return undefined;
  return openTunnel(
    { proxy: plan.proxy.proxy, ca: plan.ca, rejectUnauthorized: plan.strictSSL, lookup: plan.lookup, connectTimeoutMs: innerBudget(context) },
    plan.host,
    plan.port,
  );
}

function handshake(context: CheckContext): Promise<HandshakeResult> {
  const { t } = context;
  const { plan, stopwatch } = context;
  const started = stopwatch.now();
  const elapsed = () => Math.round((stopwatch.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    let socket: tls.TLSSocket | undefined;
    let settled = false;
    const finish = (result: HandshakeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, message: t`no handshake`, timedOut: true, ms: elapsed() }), innerBudget(context));
    const onAbort = () => finish({ ok: false, message: 'cancelled', timedOut: false, ms: elapsed() });
    context.signal.addEventListener('abort', onAbort, { once: true });

    rawSocket(context).then(
      (tunnel) => {
        if (settled) {
          tunnel?.destroy();
          return;
        }
        const address = context.facts.connected?.[0]?.address ?? plan.host;
        const options: tls.ConnectionOptions = {
          ALPNProtocols: ['h2', 'http/1.1'],
          secureContext: plan.secureContext,
          rejectUnauthorized: false,
        };
        if (!plan.hostIpVersion) options.servername = plan.host;
        if (tunnel) options.socket = tunnel;
        else Object.assign(options, { host: address, port: plan.port });
        // checkServerIdentity is called with servername || host; for an IP-literal base URL both are that IP.
        socket = tls.connect(options);
        socket.once('secureConnect', () => {
          const s = socket!;
          const cipher = s.getCipher();
          const result: Handshake = {
            protocol: s.getProtocol(),
            cipher: cipher.standardName || cipher.name,
            alpn: s.alpnProtocol ?? false,
            authorized: s.authorized,
            chain: chainOf(s.getPeerCertificate(true), context.clock.now()),
            ms: elapsed(),
          };
          if (s.authorizationError) result.authorizationError = String((s.authorizationError as unknown as { code?: string }).code ?? s.authorizationError);
          finish({ ok: true, handshake: result });
        });
        socket.once('error', (error: NodeJS.ErrnoException) => {
          finish({ ok: false, code: networkErrorCode(error) ?? error.code, message: error.message, timedOut: false, ms: elapsed() });
        });
      },
      (error: unknown) => {
        finish({ ok: false, code: networkErrorCode(error), message: error instanceof Error ? error.message : String(error), timedOut: false, ms: elapsed() });
      },
    );
  });
}

function extraCaNote(context: CheckContext): string | undefined {
  const { t } = context;
  const path = context.input.env.NODE_EXTRA_CA_CERTS?.trim();
  if (!path) return undefined;
  return existsSync(path) ? t`NODE_EXTRA_CA_CERTS=${path} (loaded by Node at start-up).` : t`NODE_EXTRA_CA_CERTS=${path}, but that file does not exist.`;
}

function trustHint(context: CheckContext): string {
  const { t } = context;
  const extra = context.input.env.NODE_EXTRA_CA_CERTS?.trim();
  const node = extra ?
      t`NODE_EXTRA_CA_CERTS is already set to ${extra}: make sure that file holds this root (Node reads it at start-up)`
    : t`Set NODE_EXTRA_CA_CERTS=/path/to/root.pem for the CLI and your own Node code`;
  const vscode =
    context.input.httpSystemCertificates === false ? t`in VS Code, turn http.systemCertificates back on (it is off) and add the root to the OS trust store`
    : t`in VS Code, keep http.systemCertificates on and add the root to the OS trust store`;
  return t`Ask IT for the root certificate of whatever re-signs HTTPS here, as a PEM file. ${node} (Python: SSL_CERT_FILE or REQUESTS_CA_BUNDLE); ${vscode}.`;
}

function verificationFailure(context: CheckContext, hs: Handshake): { detail: string; hint: string; headline: string } {
  const { t } = context;
  const { plan } = context;
  const code = hs.authorizationError ?? 'UNKNOWN';
  const leaf = hs.chain[0];
  const issuer = leaf?.issuer ?? 'unknown';
  const product = inspectingProduct(hs.chain);
  if (TRUST_ERRORS.has(code)) {
    const selfSigned = code === 'DEPTH_ZERO_SELF_SIGNED_CERT';
    const inspected = plan.officialHost || product !== undefined || code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
    const who = product ? ` (${product})` : '';
    if (selfSigned && !plan.officialHost) {
      return {
        detail: t`${code}: ${plan.host} presents a self-signed certificate (${leaf?.subject ?? 'unknown'})`,
        hint: t`Give the gateway a certificate from a trusted CA, or trust this one: save it as PEM and set NODE_EXTRA_CA_CERTS=/path/to/cert.pem (Python: SSL_CERT_FILE), and add it to the OS trust store for VS Code.`,
        headline: t`TLS fails: ${plan.host} presents a self-signed certificate`,
      };
    }
    return {
      detail: t`${code}: the certificate for ${plan.host} is issued by ${issuer}, which this machine does not trust${inspected ? t`: a proxy is inspecting HTTPS${who}` : ''}`,
      hint: trustHint(context),
      headline: inspected ? t`TLS fails: a proxy is inspecting HTTPS` : t`TLS fails: ${plan.host}'s certificate issuer is not trusted`,
    };
  }
  const local = new Date(context.clock.now()).toISOString();
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return {
        detail: t`CERT_HAS_EXPIRED: the certificate for ${plan.host} expired on ${leaf?.validTo ?? '?'} (this machine's clock says ${local})`,
        hint: t`Check this machine's clock and time zone first (the clock check compares it with the server); if the clock is right, the certificate really expired: ${plan.officialHost ? t`something in between (a proxy) serves an old certificate` : t`renew the gateway's certificate`}.`,
        headline: t`TLS fails: the certificate has expired (or the clock is wrong)`,
      };
    case 'CERT_NOT_YET_VALID':
      return {
        detail: t`CERT_NOT_YET_VALID: the certificate for ${plan.host} is valid only from ${leaf?.validFrom ?? '?'} (this machine's clock says ${local})`,
        hint: t`This machine's clock is probably behind: turn on automatic time sync.`,
        headline: t`TLS fails: the certificate is not valid yet (clock behind?)`,
      };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        detail: t`hostname mismatch: the certificate (${leaf?.altNames.join(', ') || leaf?.subject || t`no names`}) does not cover ${plan.host}`,
        hint: t`Check the host in the base URL; if it is right, something else answers for ${plan.host} (a captive portal, a proxy or a DNS override: see the DNS check).`,
        headline: t`TLS fails: the certificate does not match ${plan.host}`,
      };
    default:
      return {
        detail: t`certificate verification failed: ${code}`,
        hint: trustHint(context),
        headline: t`TLS fails: certificate verification failed (${code})`,
      };
  }
}

function handshakeFailure(context: CheckContext, result: Extract<HandshakeResult, { ok: false }>): CheckOutcome {
  const { t } = context;
  const where = authority(context.plan.host, context.plan.port);
  if (result.timedOut) {
    return {
      status: 'fail',
      detail: t`no TLS handshake with ${where} within ${seconds(result.ms)}: the connection opens, but nothing answers`,
      hint: t`Something accepts the connection and never speaks TLS: a firewall or transparent proxy holding the connection, or a server on that port that is not an HTTPS server.`,
      headline: t`TLS fails: the handshake never completes`,
    };
  }
  const code = result.code;
  if (code === 'ERR_PROXY_TUNNEL') {
    return { status: 'fail', detail: result.message, hint: t`See the proxy check.`, headline: t`TLS fails: the proxy tunnel failed` };
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || /wrong version number|packet length too long/i.test(result.message)) {
    return {
      status: 'fail',
      detail: t`${where} does not speak TLS (${code ?? t`protocol error`})`,
      hint: t`The port answers in plain HTTP or another protocol: use http:// if it is a local plain server, or check the port in the base URL.`,
      headline: t`TLS fails: ${where} does not speak TLS`,
    };
  }
  if (code === 'ECONNRESET') {
    return {
      status: 'fail',
      detail: t`the connection to ${where} was reset during the TLS handshake`,
      hint: t`Something on the way cuts TLS to this host by its name (SNI filtering by a firewall or security software): ask IT to allow it.`,
      headline: t`TLS fails: the handshake is cut off (SNI filtering?)`,
    };
  }
  return {
    status: 'fail',
    detail: t`TLS handshake with ${where} failed: ${code ?? result.message.slice(0, 160)}`,
    hint: t`Check for security software or a proxy between this machine and the host.`,
    headline: t`TLS fails: the handshake failed`,
  };
}

async function checkTls(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const result = await handshake(context);
  if (!result.ok) return handshakeFailure(context, result);
  const hs = result.handshake;
  const leaf = hs.chain[0];
  const notes: string[] = [];
  notes.push(t`${hs.protocol ?? t`unknown protocol`}, ${hs.cipher}, ALPN ${hs.alpn || 'none'}, handshake in ${seconds(hs.ms)}${context.plan.proxy.kind === 'proxy' ? t` (through the proxy tunnel)` : ''}.`);
  hs.chain.forEach((cert, index) => {
    notes.push(t`${index === 0 ? t`Certificate` : t`Issuer ${index}`}: ${cert.subject}, issued by ${cert.issuer}, valid ${cert.validFrom.slice(0, 10)} to ${cert.validTo.slice(0, 10)} (${cert.daysToExpiry} days left).`);
  });
  const caNote = extraCaNote(context);
  if (caNote) notes.push(caNote);
  const data: JsonObject = {
    protocol: hs.protocol,
    cipher: hs.cipher,
    alpn: hs.alpn || null,
    authorized: hs.authorized,
    authorizationError: hs.authorizationError ?? null,
    handshakeMs: hs.ms,
    chain: hs.chain.map(certificateData),
  };
  if (!hs.authorized) {
    const failure = verificationFailure(context, hs);
    if (!context.plan.strictSSL) {
      context.facts.tlsUsable = true;
      return {
        status: 'warn',
        detail: t`${failure.detail}; accepted only because http.proxyStrictSSL is off`,
        hint: t`VS Code lets this through, your own code and the CLI will not. ${failure.hint}`,
        notes,
        data,
        headline: failure.headline.replace(t`TLS fails`, t`TLS is unverified`),
      };
    }
    return { status: 'fail', detail: failure.detail, hint: failure.hint, notes, data, headline: failure.headline };
  }
  context.facts.tlsUsable = true;
  const summary = t`${hs.protocol ?? 'TLS'}, ALPN ${hs.alpn || 'none'}, certificate ${leaf?.subject ?? '?'} from ${leaf?.issuer ?? '?'}, ${leaf?.daysToExpiry ?? '?'} days left`;
  const product = inspectingProduct(hs.chain);
  if (product) notes.push(t`The certificate comes from ${product}: a TLS-inspecting proxy sits in the path (trusted on this machine). Other tools may not trust it.`);
  if (leaf && leaf.daysToExpiry < EXPIRY_WARNING_DAYS) {
    return {
      status: 'warn',
      detail: t`${summary}: expires in ${leaf.daysToExpiry} days`,
      hint: context.plan.officialHost ? t`The certificate presented is about to expire; if the clock is right, whatever serves it (a proxy) needs renewing.` : t`Renew the gateway's certificate.`,
      notes,
      data,
    };
  }
  return { status: 'pass', detail: summary, notes, data };
}

export const tlsCheck: CheckDefinition = {
  id: 'tls',
  title: (t) => t`TLS`,
  needs: ['tcp', 'proxy'],
  timeoutMs: 8000,
  notApplicable: (plan, _input, t) => (plan.secure ? undefined : { status: 'skip', detail: t`the base URL is plain http://: no TLS to check` }),
  run: checkTls,
  timedOut: (ms, context) => ({
    status: 'fail',
    detail: context.t`no TLS handshake with ${authority(context.plan.host, context.plan.port)} within ${seconds(ms)}`,
    hint: context.t`Something accepts the connection and never speaks TLS: a firewall or transparent proxy holding the connection.`,
    headline: context.t`TLS fails: the handshake never completes`,
  }),
};

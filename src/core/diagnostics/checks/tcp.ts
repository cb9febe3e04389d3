// A TCP connection to the API port on every address DNS gave (IPv4 and IPv6
// told apart), or to the proxy when one is in force. Refused, timed out and
// unreachable each mean something different, and say so.
import { english, type Translate } from '../../l10n';
import { innerBudget, seconds, type CheckContext, type CheckDefinition, type ResolvedAddress } from '../check';
import { LookupError, lookupAll } from '../net/lookup-all';
import { connectOnce, type ConnectAttempt } from '../net/tcp-connect';
import { authority, displayProxy } from '../plan';
import { proxySettingName, type CheckOutcome, type JsonObject } from '../types';

/** Enough to tell a family works; a CDN can hand out many addresses. */
const MAX_PER_FAMILY = 4;

type Failure = { detail: string; hint: string; headline: string };

/** What a connection error code means, and what to do about it. */
export function tcpFailureFor(code: string | undefined, where: string, viaProxy: boolean, proxySetting = proxySettingName(undefined), t: Translate = english): Failure {
  switch (code) {
    case 'ECONNREFUSED':
      return {
        detail: t`connection refused by ${where}`,
        hint: viaProxy ? t`Nothing listens at the proxy address: check its port, and that the proxy (or the VPN providing it) runs.`
          : t`Nothing accepts connections there: check the port in the base URL, or a firewall that actively rejects the connection.`,
        headline: t`TCP fails: ${where} refuses connections`,
      };
    case 'ETIMEDOUT':
      return {
        detail: t`connection to ${where} timed out`,
        hint: viaProxy ? t`The proxy does not answer: check the proxy host and that this network can reach it.`
          : t`Packets are silently dropped: a firewall blocks outgoing connections to this port. On a corporate network, set the proxy (${proxySetting} or HTTPS_PROXY).`,
        headline: t`TCP fails: connections to ${where} time out (firewall?)`,
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return {
        detail: t`no route to ${where} (${code})`,
        hint: t`This machine has no route there: check the network connection, a VPN that captures or drops the traffic, or IPv6 without IPv6 connectivity.`,
        headline: t`TCP fails: ${where} is unreachable from this network`,
      };
    default:
      return {
        detail: t`could not connect to ${where} (${code ?? t`unknown error`})`,
        hint: t`Check the network connection and any firewall or security software between this machine and the host.`,
        headline: t`TCP fails: cannot connect to ${where}`,
      };
  }
}

function attemptText(attempt: ConnectAttempt, t: Translate): string {
  return `${authority(attempt.address, attempt.port)} ${attempt.ok ? t`connected in ${seconds(attempt.ms)}` : t`${attempt.code ?? t`failed`} after ${seconds(attempt.ms)}`}`;
}

function mostCommonCode(attempts: ConnectAttempt[]): string | undefined {
  const counts = new Map<string, number>();
  for (const attempt of attempts) if (attempt.code) counts.set(attempt.code, (counts.get(attempt.code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function targets(context: CheckContext): Promise<{ addresses: ResolvedAddress[]; port: number; label: string } | { error: CheckOutcome }> {
  const { t } = context;
  const { plan } = context;
  if (plan.proxy.kind !== 'proxy') {
    return { addresses: context.facts.addresses ?? [], port: plan.port, label: plan.host };
  }
  const proxy = plan.proxy.proxy;
  const host = proxy.hostname.replace(/^\[|\]$/g, '');
  const port = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  try {
    return { addresses: await lookupAll(plan.lookup, host, context.signal), port, label: t`the proxy ${displayProxy(proxy)}` };
  } catch (error) {
    const code = error instanceof LookupError ? error.code : undefined;
    return {
      error: {
        status: 'fail',
        detail: t`the proxy host ${host} does not resolve (${code ?? 'error'})`,
        hint: t`Check the proxy host name in ${proxySettingName(context.input.surface)} / HTTPS_PROXY, and that this network's DNS knows it.`,
        headline: t`TCP fails: the proxy host ${host} does not resolve`,
      },
    };
  }
}

async function checkTcp(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const found = await targets(context);
  if ('error' in found) return found.error;
  const viaProxy = context.plan.proxy.kind === 'proxy';
  const v4 = found.addresses.filter((a) => a.family === 4).slice(0, MAX_PER_FAMILY);
  const v6 = found.addresses.filter((a) => a.family === 6).slice(0, MAX_PER_FAMILY);
  if (v4.length + v6.length === 0) {
    return { status: 'skip', detail: t`no address to connect to` };
  }
  const budget = innerBudget(context);
  const now = () => context.stopwatch.now();
  const attempts = await Promise.all(
    [...v4, ...v6].map((a) =>
      connectOnce({ address: a.address, family: a.family, port: found.port }, budget, context.signal, now).then((attempt) => {
        if (attempt.ok && !context.facts.connected?.length) {
          // One working address is all TLS needs; the other family may still be timing out.
          context.facts.connected = [{ address: attempt.address, family: attempt.family }];
          context.unblockDependents();
        }
        return attempt;
      }),
    ),
  );
  const ok = attempts.filter((a) => a.ok).sort((a, b) => a.ms - b.ms);
  context.facts.connected = ok.map((a) => ({ address: a.address, family: a.family }));
  const notes = attempts.map((attempt) => attemptText(attempt, t));
  const byFamily = (family: 4 | 6) => attempts.filter((a) => a.family === family);
  const familyData = (family: 4 | 6): JsonObject[] =>
    byFamily(family).map((a) => ({ address: a.address, port: a.port, ok: a.ok, ms: a.ms, code: a.code ?? null }));
  const data: JsonObject = { target: found.label, port: found.port, ipv4: familyData(4), ipv6: familyData(6) };
  // A proxy's label is its URL, which names the port already.
  const where = viaProxy ? found.label : t`${found.label} port ${found.port}`;

  if (ok.length === 0) {
    const failure = tcpFailureFor(mostCommonCode(attempts), where, viaProxy, proxySettingName(context.input.surface), t);
    return { status: 'fail', ...failure, notes, data };
  }
  const fastest = ok[0]!;
  const summary = t`${where}: ${fastest.family === 6 ? 'IPv6' : 'IPv4'} ${authority(fastest.address, fastest.port)} in ${seconds(fastest.ms)}`;
  const v4ok = byFamily(4).some((a) => a.ok);
  const v6ok = byFamily(6).some((a) => a.ok);
  if (v6.length && !v6ok && v4ok) {
    return {
      status: 'warn',
      detail: t`${summary}; IPv6 fails (${mostCommonCode(byFamily(6)) ?? 'error'}) while IPv4 works`,
      hint: t`Node falls back to IPv4 by itself, but each connection may wait for IPv6 first: fix IPv6 on this network, or start Node with --dns-result-order=ipv4first (NODE_OPTIONS).`,
      notes,
      data,
    };
  }
  if (v4.length && !v4ok && v6ok) {
    return {
      status: 'warn',
      detail: t`${summary}; IPv4 fails (${mostCommonCode(byFamily(4)) ?? 'error'}) while IPv6 works`,
      hint: t`Tools without IPv6 (or that prefer IPv4) will fail here: check the IPv4 route and firewall.`,
      notes,
      data,
    };
  }
  return { status: 'pass', detail: summary, notes, data };
}

export const tcpCheck: CheckDefinition = {
  id: 'tcp',
  title: (t) => t`TCP`,
  needs: ['dns'],
  timeoutMs: 6000,
  run: checkTcp,
  timedOut: (ms, context) => ({
    status: 'fail',
    detail: context.t`no TCP connection to ${context.plan.host} within ${seconds(ms)}`,
    hint: context.t`A firewall silently drops the connection: on a corporate network, set the proxy (${proxySettingName(context.input.surface)} or HTTPS_PROXY).`,
    headline: context.t`TCP fails: connections time out (firewall?)`,
  }),
};

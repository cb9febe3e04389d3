// The system resolver's answers for the API host (what connections will use),
// compared with direct queries to public resolvers. Flags names that do not
// resolve, resolvers that do not answer, answers that disagree, and private or
// loopback answers for a public host (DNS interception).
import type { Translate } from '../../l10n';
import { describeNetworkCode } from '../../net/network-error';
import { innerBudget, seconds, type CheckContext, type CheckDefinition, type ResolvedAddress } from '../check';
import { addressKind, describeAddressKind, type AddressKind } from '../net/ip-ranges';
import { LookupError, lookupAll } from '../net/lookup-all';
import { askServer, type ResolverAnswer } from '../net/public-resolvers';
import { displayProxy, type Plan } from '../plan';
import type { CheckOutcome, JsonObject } from '../types';

/** Hosts known to be public, whatever the comparison resolvers say. */
const KNOWN_PUBLIC_SUFFIXES = ['anthropic.com', 'claude.com', 'claude.ai'];

function describeAnswer(answer: ResolverAnswer, t: Translate): string {
  switch (answer.state) {
    case 'answered': {
      const all = [...answer.a, ...answer.aaaa];
      return all.length ? all.join(', ') : t`no A or AAAA records`;
    }
    case 'nxdomain':
      return t`NXDOMAIN (no such name)`;
    case 'timeout':
      return t`no answer (timed out; direct DNS may be blocked here, which is normal behind a firewall)`;
    case 'error':
      return `error ${answer.code ?? ''}`.trim();
  }
}

function answerData(answer: ResolverAnswer): JsonObject {
  return { server: answer.server, state: answer.state, a: answer.a, aaaa: answer.aaaa, code: answer.code ?? null };
}

function listAddresses(addresses: readonly ResolvedAddress[]): string {
  const v4 = addresses.filter((a) => a.family === 4).map((a) => a.address);
  const v6 = addresses.filter((a) => a.family === 6).map((a) => a.address);
  return [v4.length ? `A ${v4.join(', ')}` : 'no A', v6.length ? `AAAA ${v6.join(', ')}` : 'no AAAA'].join('; ');
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), Math.max(1, ms));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

type SystemAnswer = { ok: true; addresses: ResolvedAddress[] } | { ok: false; code: string; message: string };

async function askSystem(context: CheckContext, host: string, budget: number): Promise<SystemAnswer> {
  const { t } = context;
  const asked = lookupAll(context.plan.lookup, host, context.signal).then(
    (addresses): SystemAnswer => ({ ok: true, addresses }),
    (error: unknown): SystemAnswer => ({
      ok: false,
      code: error instanceof LookupError && error.code ? error.code : 'ERROR',
      message: error instanceof Error ? error.message : String(error),
    }),
  );
  return withTimeout(asked, budget, () => ({ ok: false, code: 'ETIMEOUT', message: t`no answer within ${seconds(budget)}` }));
}

function isKnownPublic(host: string): boolean {
  const lower = host.toLowerCase();
  return KNOWN_PUBLIC_SUFFIXES.some((suffix) => lower === suffix || lower.endsWith(`.${suffix}`));
}

function failSystem(host: string, system: Extract<SystemAnswer, { ok: false }>, comparisons: ResolverAnswer[], notes: string[], data: JsonObject, t: Translate): CheckOutcome {
  const publicAnswers = comparisons.filter((c) => c.state === 'answered' && c.a.length + c.aaaa.length > 0);
  const seenBy = publicAnswers.map((c) => c.server).join(', ');
  if (system.code === 'ENOTFOUND' || system.code === 'EAI_NONAME' || system.code === 'EAI_FAIL') {
    if (publicAnswers.length) {
      return {
        status: 'fail',
        detail: publicAnswers.length === 1 ? t`this machine's resolver says ${host} does not exist, but ${seenBy} resolves it` : t`this machine's resolver says ${host} does not exist, but ${seenBy} resolve it`,
        hint: t`Your DNS (a VPN, a corporate resolver or a DNS filter) blocks or lacks ${host}: ask IT to allow it, or check the DNS servers of this network connection.`,
        notes,
        data,
        headline: t`DNS fails: ${host} is blocked or missing in this machine's DNS`,
      };
    }
    return {
      status: 'fail',
      detail: t`${host} does not resolve (NXDOMAIN)`,
      hint: t`Check the spelling of the host in the base URL (claudeHealth.apiBaseUrl or ANTHROPIC_BASE_URL).`,
      notes,
      data,
      headline: t`DNS fails: ${host} does not exist`,
    };
  }
  const timedOut = system.code === 'ETIMEOUT' || system.code === 'EAI_AGAIN';
  const publicOk = publicAnswers.length ? t` (${seenBy} answer directly, so the configured DNS server is the problem)` : '';
  return {
    status: 'fail',
    detail: t`the system resolver ${timedOut ? t`did not answer` : t`failed (${system.code}: ${describeNetworkCode(system.code, t)})`} for ${host}${publicOk}`,
    hint: t`Check the network connection and the DNS servers it uses (VPN up? /etc/resolv.conf or the adapter's DNS settings); then run the diagnostics again.`,
    notes,
    data,
    headline: t`DNS fails: no answer for ${host}`,
  };
}

function interception(
  host: string,
  odd: { address: string; kind: AddressKind }[],
  publicSeen: string[], t: Translate,
): { status: 'warn' | 'fail'; detail: string; hint: string; headline: string } {
  const first = odd[0]!;
  const elsewhere = publicSeen.length ? t`, public DNS says ${publicSeen.slice(0, 3).join(', ')}` : '';
  if (first.kind === 'unspecified') {
    return {
      status: 'fail',
      detail: t`${host} resolves to ${first.address} here${elsewhere}: a DNS filter blocks it`,
      hint: t`Allow ${host} in the DNS filter in use (Pi-hole, NextDNS, a corporate security product), or ask IT to.`,
      headline: t`DNS is blocked: ${host} resolves to ${first.address}`,
    };
  }
  return {
    status: 'warn',
    detail: t`${host} resolves to ${first.address}, ${describeAddressKind(first.kind)}${elsewhere}: DNS interception`,
    hint: t`Something rewrites DNS for ${host}: look for a hosts-file entry (/etc/hosts, C:\\Windows\\System32\\drivers\\etc\\hosts), a local proxy tool in fake-IP mode, or a corporate DNS override; if a gateway is intended, set it as the base URL instead.`,
    headline: t`DNS is intercepted: ${host} resolves to ${first.address} here`,
  };
}

async function checkDns(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const { plan } = context;
  const host = plan.host;
  if (plan.hostIpVersion) {
    context.facts.addresses = [{ address: host, family: plan.hostIpVersion }];
    return {
      status: 'pass',
      detail: plan.hostIsLoopback ? t`loopback host: no DNS needed` : t`the base URL names the address ${host}: no DNS needed`,
      data: { system: [host], resolvers: [] },
    };
  }
  const budget = innerBudget(context);
  const compareWith = plan.hostIsLoopback ? [] : plan.dnsServers;
  const comparisonTimeout = Math.min(2500, Math.max(1, budget - 100));
  const comparing = Promise.all(compareWith.map((server) => askServer(server, host, comparisonTimeout, context.signal)));
  const system = await askSystem(context, host, budget);
  if (system.ok && system.addresses.length && !system.addresses.some((a) => addressKind(a.address) === 'unspecified')) {
    // TCP needs only these answers; a public resolver that takes its time must not hold it up.
    context.facts.addresses = system.addresses;
    context.unblockDependents();
  }
  const comparisons = await comparing;
  const notes: string[] = [];
  notes.push(system.ok ? t`System resolver: ${listAddresses(system.addresses)}.` : t`System resolver: ${system.code} (${system.message}).`);
  for (const comparison of comparisons) notes.push(`${comparison.server}: ${describeAnswer(comparison, t)}.`);
  if (!plan.hostIsLoopback && compareWith.length === 0) notes.push(t`Comparison with public resolvers is off (no DNS servers given).`);
  const data: JsonObject = {
    system: system.ok ? system.addresses.map((a) => a.address) : [],
    systemError: system.ok ? null : system.code,
    resolvers: comparisons.map(answerData),
  };
  if (!system.ok) return failSystem(host, system, comparisons, notes, data, t);
  if (system.addresses.length === 0) {
    return { status: 'fail', detail: t`the system resolver returned no address for ${host}`, hint: t`Check the DNS records of the host in the base URL.`, notes, data };
  }
  context.facts.addresses = system.addresses;
  if (plan.hostIsLoopback) {
    return { status: 'pass', detail: t`loopback host: no DNS needed (${system.addresses.map((a) => a.address).join(', ')})`, notes, data };
  }

  const answered = comparisons.filter((c) => c.state === 'answered' && c.a.length + c.aaaa.length > 0);
  const publicSeen = [...new Set(answered.flatMap((c) => [...c.a, ...c.aaaa]))];
  const systemSet = system.addresses.map((a) => a.address);
  const odd = system.addresses.map((a) => ({ address: a.address, kind: addressKind(a.address) })).filter((a) => a.kind !== 'public');
  const publicLooksPublic = answered.length > 0 && publicSeen.every((address) => addressKind(address) === 'public');
  const hostIsPublic = isKnownPublic(host) || publicLooksPublic;
  const summaryText = `${host}: ${listAddresses(system.addresses)}`;

  if (odd.length && (hostIsPublic || odd.some((a) => a.kind === 'unspecified'))) {
    return { ...interception(host, odd, publicSeen, t), notes, data };
  }
  if (odd.length) {
    const nobodyElse = comparisons.every((c) => c.state === 'nxdomain');
    notes.push(
      nobodyElse ? t`${host} is unknown to public DNS and resolves to ${describeAddressKind(odd[0]!.kind)} here: an internal name (a private gateway), which is fine.`
      : t`${host} resolves to ${describeAddressKind(odd[0]!.kind)}: an internal host.`,
    );
  }
  const disagreeing = answered.filter((c) => ![...c.a, ...c.aaaa].some((address) => systemSet.includes(address)));
  if (answered.length > 0 && disagreeing.length === answered.length && !odd.length) {
    return {
      status: 'warn',
      detail: t`resolvers disagree on ${host}: this machine says ${systemSet.slice(0, 3).join(', ')}, ${disagreeing[0]!.server} says ${[...disagreeing[0]!.a, ...disagreeing[0]!.aaaa].slice(0, 3).join(', ')}`,
      hint: t`A CDN can answer differently per resolver, but a hosts-file entry or a DNS override does the same: if the next checks fail, compare with \`nslookup ${host} 1.1.1.1\` and look for an override.`,
      notes,
      data,
      headline: t`DNS disagrees: ${host} resolves differently here than in public DNS`,
    };
  }
  const timeouts = comparisons.filter((c) => c.state === 'timeout').length;
  const suffix = timeouts && timeouts === comparisons.length ? t`; public resolvers did not answer directly (blocked here?)` : '';
  return { status: 'pass', detail: `${summaryText}${suffix}`, notes, data };
}

export const dnsCheck: CheckDefinition = {
  id: 'dns',
  title: (t) => t`DNS`,
  needs: [],
  timeoutMs: 6000,
  notApplicable: (plan: Plan, _input, t) =>
    plan.proxy.kind === 'proxy' ?
      {
        status: 'skip',
        detail:
          plan.hostIpVersion ? t`${plan.host} is an IP address: nothing to resolve (requests go through the proxy ${displayProxy(plan.proxy.proxy)})`
          : t`the proxy ${displayProxy(plan.proxy.proxy)} resolves ${plan.host} for us`,
      }
    : undefined,
  run: checkDns,
  timedOut: (ms, context) => ({
    status: 'fail',
    detail: context.t`no DNS answer for ${context.plan.host} within ${seconds(ms)}`,
    hint: context.t`Check the network connection and its DNS servers (VPN up? /etc/resolv.conf or the adapter's DNS settings).`,
    headline: context.t`DNS fails: no answer for ${context.plan.host}`,
  }),
};

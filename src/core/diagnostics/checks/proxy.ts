// Which proxy the API traffic takes, from VS Code's http.proxy and the
// environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY), whether the API
// host is exempt, and, when a proxy is in force, whether it opens a CONNECT
// tunnel to the API host.
import type { Translate } from '../../l10n';
import { openTunnel } from '../../net/tunnel-agent';
import { describeNetworkCode, networkErrorCode } from '../../net/network-error';
import { innerBudget, seconds, type CheckDefinition, type CheckContext } from '../check';
import { authority, displayProxy, displayProxySetting } from '../plan';
import { proxySettingName, type CheckOutcome } from '../types';

const ENV_NAMES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'] as const;

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function settingsNotes(context: CheckContext): string[] {
  const { t } = context;
  const { input } = context;
  const notes: string[] = [];
  const seen: string[] = [];
  for (const name of ENV_NAMES) {
    const value = envValue(input.env, name);
    if (value !== undefined) seen.push(`${name}=${name === 'NO_PROXY' ? value : displayProxySetting(value)}`);
  }
  notes.push(seen.length ? t`Environment: ${seen.join(', ')}.` : t`Environment: no proxy variables set.`);
  const vscode: string[] = [];
  if (input.httpProxy?.trim() && input.surface === 'cli') notes.push(t`Flag: --proxy ${displayProxySetting(input.httpProxy.trim())}.`);
  else if (input.httpProxy?.trim()) vscode.push(`http.proxy=${displayProxySetting(input.httpProxy.trim())}`);
  if (input.httpNoProxy?.length) vscode.push(`http.noProxy=${input.httpNoProxy.join(',')}`);
  if (input.httpProxyStrictSSL !== undefined) vscode.push(`http.proxyStrictSSL=${String(input.httpProxyStrictSSL)}`);
  if (input.httpProxySupport) vscode.push(`http.proxySupport=${input.httpProxySupport}`);
  if (vscode.length) notes.push(t`VS Code: ${vscode.join(', ')}.`);
  if (input.httpProxySupport === 'off') {
    notes.push(t`http.proxySupport=off: VS Code does not route extensions through a proxy; this extension still uses http.proxy or the environment when set.`);
  }
  return notes;
}

function strictSslWarning(context: CheckContext): CheckOutcome | undefined {
  const { t } = context;
  if (context.input.httpProxyStrictSSL !== false) return undefined;
  return {
    status: 'warn',
    detail: t`http.proxyStrictSSL is off: certificates are not verified for VS Code's requests`,
    hint: t`Turn http.proxyStrictSSL back on and trust the proxy's root certificate instead (NODE_EXTRA_CA_CERTS, or http.systemCertificates with the root in the OS store); your own code will not skip verification.`,
  };
}

function connectFailure(status: number | undefined, proxyText: string, target: string, setting: string, t: Translate): { detail: string; hint: string } {
  switch (status) {
    case 407:
      return {
        detail: t`proxy ${proxyText} wants credentials (407 Proxy Authentication Required) for CONNECT ${target}`,
        hint: t`Put the proxy user and password in the proxy URL (http://user:password@proxy:port in ${setting} or HTTPS_PROXY; percent-encode special characters), or ask IT for a proxy that does not need them.`,
      };
    case 403:
      return {
        detail: t`proxy ${proxyText} refuses CONNECT ${target} (403): its policy blocks the host`,
        hint: t`Ask IT to allow ${target} through the proxy.`,
      };
    case 502:
    case 503:
    case 504:
      return {
        detail: t`proxy ${proxyText} could not reach ${target} (${status})`,
        hint: t`The proxy itself cannot get out: check its upstream connectivity, or whether it needs a parent proxy.`,
      };
    default:
      return {
        detail: t`proxy ${proxyText} answered ${status ?? t`nothing usable`} to CONNECT ${target}`,
        hint: t`Check the proxy address and port; a plain web proxy must support CONNECT for HTTPS.`,
      };
  }
}

async function checkProxy(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const { plan } = context;
  const notes = settingsNotes(context);
  const target = authority(plan.host, plan.port);
  if (plan.proxy.kind === 'invalid') {
    return {
      status: 'fail',
      detail: t`the proxy setting is unusable: ${plan.proxy.reason}`,
      hint: t`Fix ${context.input.surface === 'cli' ? '--proxy' : t`http.proxy (VS Code)`} or HTTPS_PROXY/HTTP_PROXY/ALL_PROXY: an http:// or https:// URL such as http://proxy.example:8080.`,
      notes,
      headline: t`Proxy fails: ${plan.proxy.reason}`,
    };
  }
  if (plan.proxy.kind === 'direct') {
    const anyProxy = context.input.httpProxy?.trim() || ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'].some((name) => envValue(context.input.env, name));
    const detail = anyProxy ? t`${plan.host} is exempt from the proxy (NO_PROXY / http.noProxy): direct connection` : t`no proxy configured: direct connection`;
    const data = { proxy: null, bypassed: Boolean(anyProxy) };
    const strict = strictSslWarning(context);
    return strict ? { ...strict, notes: [detail, ...notes], data } : { status: 'pass', detail, notes, data };
  }
  const proxy = plan.proxy.proxy;
  const proxyText = displayProxy(proxy);
  const started = context.stopwatch.now();
  const data = { proxy: proxyText, bypassed: false, target };
  try {
    const socket = await openTunnel(
      { proxy, ca: plan.ca, rejectUnauthorized: plan.strictSSL, lookup: plan.lookup, connectTimeoutMs: innerBudget(context) },
      plan.host,
      plan.port,
    );
    socket.destroy();
  } catch (error) {
    const status = (error as { proxyStatus?: unknown }).proxyStatus;
    const code = networkErrorCode((error as { cause?: unknown }).cause) ?? networkErrorCode(error);
    if (typeof status === 'number') {
      const failure = connectFailure(status, proxyText, target, proxySettingName(context.input.surface), t);
      return { status: 'fail', ...failure, notes, data: { ...data, proxyStatus: status }, headline: t`Proxy fails: ${failure.detail}` };
    }
    const timedOut = /in time|timed out/i.test((error as Error).message);
    const why = timedOut ? t`did not answer in time` : t`could not be reached (${code ?? t`error`}: ${describeNetworkCode(code, t)})`;
    return {
      status: 'fail',
      detail: t`proxy ${proxyText} ${why}`,
      hint:
        code === 'ECONNREFUSED' ? t`Nothing listens on ${proxy.host}: check the proxy's port, or whether the proxy (or the VPN that provides it) is running.`
        : t`Check the proxy host name and port in ${proxySettingName(context.input.surface)} / HTTPS_PROXY, and that this network can reach it.`,
      notes,
      data: { ...data, code: code ?? null },
      headline: t`Proxy fails: ${proxyText} ${why}`,
    };
  }
  const ms = context.stopwatch.now() - started;
  const detail = t`requests go through ${proxyText}; CONNECT ${target} opened in ${seconds(ms)}`;
  const strict = strictSslWarning(context);
  if (strict) return { ...strict, notes: [detail, ...notes], data };
  return { status: 'pass', detail, notes, data: { ...data, connectMs: Math.round(ms) } };
}

export const proxyCheck: CheckDefinition = {
  id: 'proxy',
  title: (t) => t`Proxy`,
  needs: [],
  timeoutMs: 8000,
  run: checkProxy,
  timedOut: (ms, context) => {
    const { t } = context;
    const proxy = context.plan.proxy.kind === 'proxy' ? displayProxy(context.plan.proxy.proxy) : t`the proxy`;
    return {
      status: 'fail',
      detail: t`${proxy} did not open a tunnel within ${seconds(ms)}`,
      hint: t`Check the proxy address and that this network can reach it.`,
      headline: t`Proxy fails: ${proxy} does not answer`,
    };
  },
};

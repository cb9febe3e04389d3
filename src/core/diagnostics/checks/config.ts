// Where the requests go and with what: the base URL and where it came from,
// whether a key is there and looks like one, the API version sent. The key
// itself is never shown: at most its last four characters.
import { english, type Translate } from '../../l10n';
import { DEFAULT_API_BASE_URL, trimTrailingSlashes } from '../../settings';
import type { CheckDefinition } from '../check';
import type { Plan } from '../plan';
import type { CheckOutcome, DiagnosticsInput } from '../types';

/** What the diagnostics send: accepted by every API version and gateway we know. */
export const DIAGNOSTICS_API_VERSION = '2023-06-01';
/** What SDKs from 1.0 on send, with the key as `Authorization: Bearer`. */
export const BEARER_API_VERSION = '2026-10-21';

const API_KEY_SHAPE = /^sk-ant-api\d{2}-[A-Za-z0-9_-]{20,}$/;

export type KeyVerdict =
  | { level: 'ok'; what: string }
  | { level: 'warn' | 'fail'; what: string; hint: string };

function lastFour(key: string): string {
  return key.length >= 12 ? `…${key.slice(-4)}` : '…';
}

export function judgeKey(key: string | undefined, source: string | undefined, customGateway: boolean, t: Translate): KeyVerdict {
  const from = source ? t`, from ${source}` : '';
  if (key === undefined || key === '') {
    return {
      level: 'fail',
      what: t`no API key set`,
      hint: t`Store an API key from the Console in the extension (it keeps it in SecretStorage), or export ANTHROPIC_API_KEY before starting VS Code or the CLI.`,
    };
  }
  const shown = t`${lastFour(key.trim())} (${key.length} characters${from})`;
  if (key !== key.trim() || /\s/.test(key)) {
    return {
      level: 'fail',
      what: t`the key ${shown} contains spaces or line breaks`,
      hint: t`Copy the key again without surrounding whitespace or a trailing newline (a common copy-paste accident).`,
    };
  }
  if (/^["'`]|["'`]$/.test(key)) {
    return { level: 'fail', what: t`the key ${shown} is wrapped in quotes`, hint: t`Store the key without quotation marks.` };
  }
  if (key.startsWith('sk-ant-admin')) {
    return {
      level: 'fail',
      what: t`the key ${shown} is an Admin API key`,
      hint: t`Admin keys manage an organisation and cannot call the Messages API: use a regular API key (sk-ant-api03-...) from the Console.`,
    };
  }
  if (key.startsWith('sk-ant-oat')) {
    return {
      level: 'warn',
      what: t`the key ${shown} is an OAuth token, not an API key`,
      hint: t`OAuth tokens (from a Claude subscription sign-in) go in Authorization: Bearer and are not accepted as x-api-key; use an API key from the Console.`,
    };
  }
  if (API_KEY_SHAPE.test(key)) return { level: 'ok', what: t`API key ${shown}` };
  if (customGateway) return { level: 'ok', what: t`key ${shown}; not shaped like an Anthropic key, which a custom gateway may expect` };
  return {
    level: 'warn',
    what: t`the key ${shown} does not look like an Anthropic API key (sk-ant-api03-...)`,
    hint: t`Check that the stored value is the API key itself (not a key id, a name or another provider's key); the auth check below says whether it is accepted.`,
  };
}

/** Names that circulate in blog guides; no SDK reads them. */
const MISNAMED_VARIABLES = [
  ['CLAUDE_API_KEY', 'ANTHROPIC_API_KEY'],
  ['CLAUDE_BASE_URL', 'ANTHROPIC_BASE_URL'],
] as const;

/** A warning for each look-alike that is set while the name the SDKs read is not. */
export function misnamedVariables(env: Readonly<Record<string, string | undefined>>, t: Translate = english): { what: string; hint: string }[] {
  return MISNAMED_VARIABLES.filter(([wrong, right]) => env[wrong]?.trim() && !env[right]?.trim()).map(([wrong, right]) => ({
    what: t`${wrong} is set but ${right} is not; the SDKs read only ${right}`,
    hint: t`Rename ${wrong} to ${right} (export ${right}=... in the shell profile or the CI secrets).`,
  }));
}

function judgeConfig(plan: Plan, input: DiagnosticsInput, t: Translate): CheckOutcome {
  const notes: string[] = [];
  const warnings: { what: string; hint: string }[] = [];
  const failures: { what: string; hint: string }[] = [];
  const url = plan.baseUrl.href.replace(/\/$/, '');
  const customGateway = plan.baseUrl.origin !== new URL(DEFAULT_API_BASE_URL).origin;
  const fromWhere = plan.baseUrlOrigin === 'default' ? t`the default` : t`from ${plan.baseUrlOriginLabel}`;
  notes.push(t`Base URL: ${url} (${fromWhere})${customGateway ? t`; a custom gateway or proxy, not api.anthropic.com` : ''}.`);
  if (plan.baseUrlOrigin === 'setting' && input.env.ANTHROPIC_BASE_URL?.trim()) {
    notes.push(t`ANTHROPIC_BASE_URL is also set (${input.env.ANTHROPIC_BASE_URL.trim()}); ${plan.baseUrlOriginLabel} wins here, but SDKs in your own code read ANTHROPIC_BASE_URL.`);
  }
  if (plan.baseUrlProblem) {
    warnings.push({ what: plan.baseUrlProblem, hint: t`Fix or clear the base URL setting; until then the next source is used.` });
  }
  if (!plan.secure) {
    if (plan.hostIsLoopback) {
      notes.push(t`Plain http:// to this machine (a local simulator or gateway): fine, nothing leaves the machine.`);
    } else {
      warnings.push({
        what: t`the base URL uses plain http:// to ${plan.host}, so the key would travel unencrypted`,
        hint: t`Use https:// for ${plan.host}${plan.keySending.send ? '' : t`; the key is not sent there until you allow that origin explicitly`}.`,
      });
    }
  }
  if (trimTrailingSlashes(plan.baseUrl.pathname).endsWith('/v1')) {
    warnings.push({
      what: t`the base URL ends in /v1, so requests would go to /v1/v1/...`,
      hint: t`Drop the trailing /v1: SDKs and this extension append /v1/messages themselves.`,
    });
  }
  for (const misnamed of misnamedVariables(input.env, t)) warnings.push(misnamed);
  const key = judgeKey(input.apiKey, input.apiKeySource, customGateway, t);
  if (key.level === 'ok') notes.push(t`Key: ${key.what}.`);
  else (key.level === 'fail' ? failures : warnings).push({ what: key.what, hint: key.hint });
  notes.push(
    t`anthropic-version: ${DIAGNOSTICS_API_VERSION} with the key in x-api-key (what these checks send; SDKs from 1.0 send ${BEARER_API_VERSION} with Authorization: Bearer).`,
  );
  const data = {
    baseUrl: url,
    baseUrlSource: plan.baseUrlOrigin,
    baseUrlSourceName: plan.baseUrlOriginLabel,
    customGateway,
    keyPresent: Boolean(input.apiKey),
    keySource: input.apiKeySource ?? null,
    anthropicVersion: DIAGNOSTICS_API_VERSION,
  };
  const first = failures[0] ?? warnings[0];
  if (!first) return { status: 'pass', detail: `${url} (${fromWhere}); ${key.what}`, notes, data };
  const problems = [...failures, ...warnings];
  notes.push(...problems.slice(1).map((p) => t`Also: ${p.what}. ${p.hint}`));
  const status = failures.length ? 'fail' : 'warn';
  return {
    status,
    detail: `${first.what}${problems.length > 1 ? t` (+${problems.length - 1} more)` : ''}`,
    hint: first.hint,
    notes,
    data,
    headline: t`Configuration: ${first.what}`,
  };
}

export const configCheck: CheckDefinition = {
  id: 'config',
  title: (t) => t`Configuration`,
  needs: [],
  timeoutMs: 1000,
  run: (context) => Promise.resolve(judgeConfig(context.plan, context.input, context.t)),
  timedOut: (_ms, { t }) => ({ status: 'fail', detail: t`reading the configuration did not finish`, hint: t`Report this as a bug.` }),
};

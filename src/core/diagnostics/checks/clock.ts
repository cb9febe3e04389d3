// This machine's clock against the server's Date header. A clock far off makes
// certificates look expired or not yet valid, and puts rate-limit reset times
// and retry-after dates in the wrong place.
import type { Translate } from '../../l10n';
import { type CheckDefinition } from '../check';
import type { CheckOutcome } from '../types';

/** The Date header has one-second resolution and is stamped before the answer travels. */
const IN_SYNC_MS = 5_000;
const WARN_MS = 60_000;
const FAIL_MS = 86_400_000;

function describeSkew(skewMs: number, t: Translate): string {
  const abs = Math.abs(skewMs);
  const amount = abs < 120_000 ? `${Math.round(abs / 1000)} s` : abs < 7_200_000 ? `${Math.round(abs / 60_000)} min` : `${Math.round(abs / 3_600_000)} h`;
  return skewMs > 0 ? t`${amount} ahead of the server` : t`${amount} behind the server`;
}

export const clockCheck: CheckDefinition = {
  id: 'clock',
  title: (t) => t`Clock`,
  needs: ['http'],
  timeoutMs: 1000,
  run: (context): Promise<CheckOutcome> => {
    const { t } = context;
    const answer = context.facts.httpAnswer ?? context.facts.authAnswer;
    const date = answer?.headers.date;
    if (!answer || !date) return Promise.resolve({ status: 'skip', detail: t`the server sent no Date header to compare with` });
    const serverMs = Date.parse(date);
    if (Number.isNaN(serverMs)) return Promise.resolve({ status: 'skip', detail: t`the server's Date header is not a date (${date.slice(0, 40)})` });
    const skewMs = answer.receivedAt - serverMs;
    const local = new Date(answer.receivedAt).toISOString();
    const data = { serverDate: new Date(serverMs).toISOString(), localTime: local, skewMs: Math.round(skewMs) };
    const notes = [t`Server Date: ${date}; this machine: ${local}.`];
    if (Math.abs(skewMs) <= IN_SYNC_MS) return Promise.resolve({ status: 'pass', detail: t`in sync with the server (within 5 s)`, notes, data });
    if (Math.abs(skewMs) < WARN_MS) return Promise.resolve({ status: 'pass', detail: t`this clock is ${describeSkew(skewMs, t)}`, notes, data });
    const hint = t`Turn on automatic time synchronisation (Windows: Settings > Time > Sync now; macOS: Date & Time > Set automatically; Linux: timedatectl set-ntp true; WSL: wsl --shutdown after sleep).`;
    return Promise.resolve({
      status: Math.abs(skewMs) >= FAIL_MS ? 'fail' : 'warn',
      detail: t`this clock is ${describeSkew(skewMs, t)}`,
      hint,
      notes,
      data,
      headline: t`Clock is off: this machine is ${describeSkew(skewMs, t)}`,
    });
  },
  timedOut: (_ms, { t }) => ({ status: 'warn', detail: t`the clock comparison did not finish`, hint: t`Run the diagnostics again.` }),
};

// This machine's clock against the server's Date header. A clock far off makes
// certificates look expired or not yet valid, and puts rate-limit reset times
// and retry-after dates in the wrong place.
import { type CheckDefinition } from '../check';
import type { CheckOutcome } from '../types';

/** The Date header has one-second resolution and is stamped before the answer travels. */
const IN_SYNC_MS = 5_000;
const WARN_MS = 60_000;
const FAIL_MS = 86_400_000;

function describeSkew(skewMs: number): string {
  const abs = Math.abs(skewMs);
  const amount = abs < 120_000 ? `${Math.round(abs / 1000)} s` : abs < 7_200_000 ? `${Math.round(abs / 60_000)} min` : `${Math.round(abs / 3_600_000)} h`;
  return `${amount} ${skewMs > 0 ? 'ahead of' : 'behind'} the server`;
}

export const clockCheck: CheckDefinition = {
  id: 'clock',
  title: 'Clock',
  needs: ['http'],
  timeoutMs: 1000,
  run: (context): Promise<CheckOutcome> => {
    const answer = context.facts.httpAnswer ?? context.facts.authAnswer;
    const date = answer?.headers.date;
    if (!answer || !date) return Promise.resolve({ status: 'skip', detail: 'the server sent no Date header to compare with' });
    const serverMs = Date.parse(date);
    if (Number.isNaN(serverMs)) return Promise.resolve({ status: 'skip', detail: `the server's Date header is not a date (${date.slice(0, 40)})` });
    const skewMs = answer.receivedAt - serverMs;
    const local = new Date(answer.receivedAt).toISOString();
    const data = { serverDate: new Date(serverMs).toISOString(), localTime: local, skewMs: Math.round(skewMs) };
    const notes = [`Server Date: ${date}; this machine: ${local}.`];
    if (Math.abs(skewMs) <= IN_SYNC_MS) return Promise.resolve({ status: 'pass', detail: 'in sync with the server (within 5 s)', notes, data });
    if (Math.abs(skewMs) < WARN_MS) return Promise.resolve({ status: 'pass', detail: `this clock is ${describeSkew(skewMs)}`, notes, data });
    const hint = 'Turn on automatic time synchronisation (Windows: Settings > Time > Sync now; macOS: Date & Time > Set automatically; Linux: timedatectl set-ntp true; WSL: wsl --shutdown after sleep).';
    return Promise.resolve({
      status: Math.abs(skewMs) >= FAIL_MS ? 'fail' : 'warn',
      detail: `this clock is ${describeSkew(skewMs)}`,
      hint,
      notes,
      data,
      headline: `Clock is off: this machine is ${describeSkew(skewMs)}`,
    });
  },
  timedOut: () => ({ status: 'warn', detail: 'the clock comparison did not finish', hint: 'Run the diagnostics again.' }),
};

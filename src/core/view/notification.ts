// Whether a change of health deserves a notification, and which. Pure: the
// monitor calls its health listeners once per state change, the adapter asks
// this function and shows what it returns.
import type { Health, HealthState } from '../health';
import type { NotificationLevel } from '../settings';
import { commandNamesOfferedIn, COMMANDS, type CommandOfferedIn } from './commands';
import { STATE_TITLES } from './format';

export interface HealthNotification {
  severity: 'info' | 'warning' | 'error';
  /** Plain text (notifications do not render Markdown). */
  message: string;
  actions: { title: string; command: string }[];
}

const ACTION_TITLES: Record<CommandOfferedIn<'notification'>, string> = {
  runDiagnostics: 'Run Diagnostics',
  openStatusPage: 'Open Status Page',
};

const TROUBLE: readonly HealthState[] = ['degraded', 'outage', 'maintenance'];

export function decideNotification(previous: Health | undefined, next: Health, level: NotificationLevel): HealthNotification | undefined {
  if (level === 'off' || previous === undefined || previous.state === next.state) return undefined;
  const entersOutage = next.state === 'outage';
  const leavesOutage = previous.state === 'outage' && next.state === 'operational';
  const entersTrouble = TROUBLE.includes(next.state);
  const recovers = next.state === 'operational' && TROUBLE.includes(previous.state);
  const wanted = level === 'outages' ? entersOutage || leavesOutage : entersTrouble || recovers;
  if (!wanted) return undefined;
  const reason = next.reasons[0] ?? '';
  if (next.state === 'operational') {
    return {
      severity: 'info',
      message: `Claude API recovered (was ${STATE_TITLES[previous.state].toLowerCase()}): ${reason}`,
      actions: [],
    };
  }
  return {
    severity: next.state === 'outage' ? 'error' : 'warning',
    message: `Claude API: ${STATE_TITLES[next.state].toLowerCase()}. ${reason}`,
    actions: commandNamesOfferedIn('notification').map((name) => ({ title: ACTION_TITLES[name], command: COMMANDS[name].id })),
  };
}

// Whether a change of health deserves a notification, and which. Pure: the
// monitor calls its health listeners once per state change, the adapter asks
// this function and shows what it returns.
import type { Health, HealthState } from '../health';
import type { NotificationLevel } from '../settings';
import { commandNamesOfferedIn, COMMANDS, type CommandOfferedIn } from './commands';
import { english, type Translate } from '../l10n';
import { stateTitles } from './format';

export interface HealthNotification {
  severity: 'info' | 'warning' | 'error';
  /** Plain text (notifications do not render Markdown). */
  message: string;
  actions: { title: string; command: string }[];
}

function actionTitles(t: Translate): Record<CommandOfferedIn<'notification'>, string> {
  return { runDiagnostics: t`Run Diagnostics`, openStatusPage: t`Open Status Page` };
}

const TROUBLE: readonly HealthState[] = ['degraded', 'outage', 'maintenance'];

export function decideNotification(previous: Health | undefined, next: Health, level: NotificationLevel, t: Translate = english): HealthNotification | undefined {
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
      message: t`Claude API recovered (was ${stateTitles(t)[previous.state].toLowerCase()}): ${reason}`,
      actions: [],
    };
  }
  return {
    severity: next.state === 'outage' ? 'error' : 'warning',
    message: t`Claude API: ${stateTitles(t)[next.state].toLowerCase()}. ${reason}`,
    actions: commandNamesOfferedIn('notification').map((name) => ({ title: actionTitles(t)[name], command: COMMANDS[name].id })),
  };
}

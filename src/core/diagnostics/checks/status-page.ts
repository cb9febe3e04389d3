// What Anthropic's status page says right now about the watched components,
// with open incidents and maintenance; read through the same proxy settings
// as everything else.
import { createNodeFetch } from '../../net/node-fetch';
import { fetchStatusPage } from '../../statuspage/fetch';
import { describeComponentStatus, pageVerdict, type PageState } from '../../statuspage/verdict';
import { innerBudget, seconds, type CheckContext, type CheckDefinition } from '../check';
import type { CheckOutcome, JsonObject } from '../types';

const STATUS_FOR_STATE: Record<PageState, 'pass' | 'warn' | 'fail'> = {
  operational: 'pass',
  degraded: 'warn',
  maintenance: 'warn',
  outage: 'fail',
  unknown: 'warn',
};

async function checkStatusPage(context: CheckContext): Promise<CheckOutcome> {
  const { t } = context;
  const { plan } = context;
  const transport = createNodeFetch({
    ...plan.proxySettings,
    ca: plan.ca,
    rejectUnauthorized: plan.strictSSL,
    lookup: plan.lookup,
    connectTimeoutMs: innerBudget(context),
  });
  try {
    const result = await fetchStatusPage({
      url: plan.statusPageUrl,
      fetch: transport.fetch,
      clock: context.clock,
      timeoutMs: innerBudget(context),
      signal: context.signal,
      t,
    });
    if (result.kind !== 'fresh') {
      const message = result.kind === 'failed' ? result.error.message : t`the page answered 304 to an unconditional request`;
      return {
        status: 'warn',
        detail: t`could not read ${plan.statusPageUrl}: ${message}`,
        hint: t`Open https://status.claude.com in a browser; if it loads there, this network blocks or rewrites the page (check the proxy).`,
        data: { url: plan.statusPageUrl, error: message },
      };
    }
    const snapshot = result.snapshot;
    const verdict = pageVerdict(snapshot, undefined, plan.watchedComponents, t);
    const notes: string[] = [t`Page: ${snapshot.description} (indicator ${snapshot.indicator}).`];
    for (const component of verdict.watched) notes.push(`${component.name}: ${describeComponentStatus(component.status, t)}.`);
    if (verdict.watched.length === 0) notes.push(t`None of the watched components (${plan.watchedComponents.join(', ')}) is on the page.`);
    for (const incident of verdict.incidents) {
      const latest = incident.latestUpdate ? `: ${incident.latestUpdate.body}` : '';
      notes.push(t`Incident (${incident.status}, ${incident.impact} impact): ${incident.name}${latest}${incident.url ? ` ${incident.url}` : ''}`);
    }
    for (const maintenance of verdict.maintenances) {
      const when = maintenance.scheduledFor ? t` from ${maintenance.scheduledFor}${maintenance.scheduledUntil ? t` to ${maintenance.scheduledUntil}` : ''}` : '';
      notes.push(t`Maintenance (${maintenance.active ? t`in progress` : t`scheduled`}): ${maintenance.name}${when}`);
    }
    const data: JsonObject = {
      url: plan.statusPageUrl,
      indicator: snapshot.indicator,
      description: snapshot.description,
      state: verdict.state,
      components: verdict.watched.map((c) => ({ id: c.id, name: c.name, status: c.status })),
      incidents: verdict.incidents.map((i) => ({ id: i.id, name: i.name, status: i.status, impact: i.impact, url: i.url ?? null })),
      maintenances: verdict.maintenances.map((m) => ({ id: m.id, name: m.name, status: m.status, active: m.active })),
    };
    const status = STATUS_FOR_STATE[verdict.state];
    // The verdict's reason without its "status page: " lead, in the run's language (the check's title says it already).
    const lead = t`status page: ${''}${''}`;
    const detail = verdict.reason.startsWith(lead) ? verdict.reason.slice(lead.length) : verdict.reason;
    if (status === 'pass') {
      const openIncidents = snapshot.incidents.length ? t`; ${snapshot.incidents.length} open incident(s) elsewhere on the page` : '';
      return { status, detail: `${detail}${openIncidents}`, notes, data };
    }
    const hint =
      verdict.state === 'maintenance' ? t`Maintenance is under way: expect errors until it ends; the incident link has the schedule.`
      : t`The problem is on Anthropic's side: make sure your code retries 529 and 5xx with backoff, follow the incident link for updates, and try again later.`;
    return { status, detail, hint, notes, data, headline: t`Anthropic reports ${verdict.state === 'outage' ? t`an outage` : verdict.state === 'maintenance' ? 'maintenance' : t`degraded service`}: ${detail}` };
  } finally {
    transport.close();
  }
}

export const statusPageCheck: CheckDefinition = {
  id: 'status-page',
  title: (t) => t`Status page`,
  needs: [],
  timeoutMs: 10_000,
  run: checkStatusPage,
  timedOut: (ms, context) => ({
    status: 'warn',
    detail: context.t`${context.plan.statusPageUrl} did not answer within ${seconds(ms)}`,
    hint: context.t`Open https://status.claude.com in a browser; if it loads there, this network blocks the page (check the proxy).`,
  }),
};

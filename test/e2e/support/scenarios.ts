// Short inline scenarios for the simulator: one endless phase each, so a test
// switches the situation at once (POST /_sim/scenario) instead of waiting out a
// built-in timeline. The API half answers every request; only the status page
// speaks, so the state the status bar shows comes from the page alone.
import { CLAUDE_API_COMPONENT_ID, SIM_COMPONENTS } from '../../../src/sim/components';
import { type Scenario } from '../../../src/sim/scenario';

/** The watched component's name as the simulated page gives it ("Claude API (api.anthropic.com)"). */
export const CLAUDE_API_COMPONENT_NAME = SIM_COMPONENTS.find((component) => component.id === CLAUDE_API_COMPONENT_ID)!.name;

export const OUTAGE_INCIDENT = 'Claude API returning errors for all requests';

/** The status page reports a critical incident and the Claude API in major outage. */
export const statusPageOutage: Scenario = {
  name: 'e2e-status-page-outage',
  description: 'The status page reports a major outage of the Claude API; the API itself answers.',
  phases: [
    {
      name: 'outage',
      statusPage: {
        indicator: 'critical',
        components: { [CLAUDE_API_COMPONENT_ID]: 'major_outage' },
        incidents: [{ name: OUTAGE_INCIDENT, status: 'investigating', impact: 'critical', body: 'We are investigating errors on every Claude API request.' }],
      },
    },
  ],
};

export const MAINTENANCE_NAME = 'Claude API network maintenance';

/** Maintenance in progress on the Claude API, started ten minutes ago for an hour. */
export const statusPageMaintenance: Scenario = {
  name: 'e2e-status-page-maintenance',
  description: 'The status page shows maintenance in progress on the Claude API; the API itself answers.',
  phases: [
    {
      name: 'maintenance',
      statusPage: {
        indicator: 'maintenance',
        components: { [CLAUDE_API_COMPONENT_ID]: 'under_maintenance' },
        maintenances: [{ name: MAINTENANCE_NAME, status: 'in_progress', body: 'Network maintenance is in progress.', startsInMinutes: -10, durationMinutes: 60 }],
      },
    },
  ],
};

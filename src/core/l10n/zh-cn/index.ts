// Simplified Chinese, keyed by the English template (see ../translate.ts). One
// file per area so that parallel work on different areas does not collide.
// Written for developers: product names, error types, HTTP codes, header names,
// settings, flags and commands stay as they are.
import { CLI_ZH_CN } from './cli';
import { CLI_ERRORS_ZH_CN } from './cli-errors';
import { CLI_HELP_ZH_CN } from './cli-help';
import { COMPARE_ZH_CN } from './compare';
import { DIAGNOSTICS_API_ZH_CN } from './diagnostics-api';
import { DIAGNOSTICS_NETWORK_ZH_CN } from './diagnostics-network';
import { DIAGNOSTICS_REPORT_ZH_CN } from './diagnostics-report';
import { PROBE_ZH_CN } from './probe';
import { PROBER_ZH_CN } from './prober';
import { SETTINGS_ZH_CN } from './settings';
import { VIEW_ZH_CN } from './view';

export const ZH_CN: Readonly<Record<string, string>> = {
  ...VIEW_ZH_CN,
  ...DIAGNOSTICS_NETWORK_ZH_CN,
  ...DIAGNOSTICS_API_ZH_CN,
  ...DIAGNOSTICS_REPORT_ZH_CN,
  ...CLI_ZH_CN,
  ...COMPARE_ZH_CN,
  ...PROBE_ZH_CN,
  ...CLI_HELP_ZH_CN,
  ...CLI_ERRORS_ZH_CN,
  ...SETTINGS_ZH_CN,
  ...PROBER_ZH_CN,
};

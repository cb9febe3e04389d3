// Shared by the diagnostics tests: inputs that keep every request on
// 127.0.0.1, the sentinel key, and lookups into a report.
import assert from 'node:assert/strict';
import { renderJson } from '../../../src/core/diagnostics/render/json';
import { renderMarkdown } from '../../../src/core/diagnostics/render/markdown';
import { renderText } from '../../../src/core/diagnostics/render/text';
import type { CheckId, CheckResult, DiagnosticsInput, DiagnosticsReport } from '../../../src/core/diagnostics/types';

export const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-diagnostics-0123456789abcdefXYZW';

/**
 * An input aimed at loopback servers only: an empty environment (no proxy
 * variables from the machine), no public resolvers, and a loopback status page.
 */
/** The simulator and test proxies share 127.0.0.1, which proxies are not asked to reach unless this is set. */
export const LOOPBACK_VIA_PROXY = { CLAUDE_HEALTH_PROXY_LOOPBACK: '1' };

export function loopbackInput(baseUrl: string, statusPageUrl: string, extra: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  return { apiBaseUrlSetting: baseUrl, statusPageUrl, env: LOOPBACK_VIA_PROXY, dnsServers: [], apiKey: SENTINEL_KEY, apiKeySource: 'a test', ...extra };
}

export function checkOf(report: DiagnosticsReport, id: CheckId): CheckResult {
  const found = report.checks.find((check) => check.id === id);
  assert.ok(found, `the report has no ${id} check`);
  return found;
}

/** The key must not appear anywhere a report can go; at most its last four characters may. */
export function assertKeyNeverShown(report: DiagnosticsReport): void {
  for (const text of [renderMarkdown(report), renderText(report), renderJson(report), JSON.stringify(report)]) {
    assert.equal(text.includes(SENTINEL_KEY), false, 'the full key leaked into the report');
    assert.equal(text.includes('SENTINEL-diagnostics'), false, 'part of the key leaked into the report');
  }
}

export function statuses(report: DiagnosticsReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

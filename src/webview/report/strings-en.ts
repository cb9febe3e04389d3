// Every word the diagnostics report webview shows of its own, in English;
// strings-zh-cn.ts has the same table in Simplified Chinese (the type makes
// both carry every entry). The checks' titles, details and hints, and the
// verdict, come from the host already in the user's language.
import type { CheckStatus } from '../../core/diagnostics/types';
import type { ReportAction } from '../protocol';
import { duration } from './duration';

/** Fields of the comparison section (the JSON's keys), labelled in the generic table. */
export const REPORT_FIELDS = [
  'comparison', 'name', 'baseUrl', 'role', 'keySource', 'proxy', 'layers', 'dns', 'tcp', 'tls', 'http', 'auth', 'status', 'detail',
  'addresses', 'kinds', 'looksPolluted', 'fakeIp', 'connectMs', 'error', 'handshakeMs', 'issuer', 'protocol', 'httpStatus', 'result',
  'headers', 'requestId', 'rateLimits', 'latencyMs', 'p50', 'p95', 'samples', 'answered', 'verdict', 'text', 'notes',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export interface ReportStrings {
  title: string;
  /** Between a label and its value: ": " in English, "：" in Chinese. */
  colon: string;
  running: string;
  brokenLayer: string;
  warningLayer: string;
  fix: string;
  actions: Record<ReportAction, string>;
  /** The toolbar's accessible name. */
  actionsLabel: string;
  columns: readonly [check: string, status: string, detail: string, nextStep: string, time: string];
  status: Record<CheckStatus, string>;
  details: string;
  /** `at`: the start, already formatted in the page's language. */
  started: (at: string, ms: number, cancelled: boolean) => string;
  blockedBy: (id: string) => string;
  fields: Record<ReportField, string>;
  yes: string;
  no: string;
}

export const REPORT_EN: ReportStrings = {
  title: 'Claude Health: connection diagnostics',
  colon: ': ',
  running: 'Running the checks…',
  brokenLayer: 'Broken layer',
  warningLayer: 'Worth a look',
  fix: 'Fix',
  actions: { copyMarkdown: 'Copy as Markdown', saveJson: 'Save as JSON…', runAgain: 'Run Again', openSettings: 'Open Settings', openLog: 'Open Log' },
  actionsLabel: 'Report actions',
  columns: ['Check', 'Status', 'Detail', 'Next step', 'Time'],
  status: { pass: 'pass', warn: 'warn', fail: 'fail', skip: 'skip' },
  details: 'Details',
  started: (at, ms, cancelled) => `Started ${at}, took ${duration(ms)}${cancelled ? '; cancelled' : ''}.`,
  blockedBy: (id) => `Skipped because ${id} failed.`,
  fields: {
    comparison: 'Side by side',
    name: 'Name',
    baseUrl: 'Base URL',
    role: 'Role',
    keySource: 'Key from',
    proxy: 'Proxy',
    layers: 'Layers',
    dns: 'DNS',
    tcp: 'TCP',
    tls: 'TLS',
    http: 'HTTP',
    auth: 'Auth',
    status: 'Status',
    detail: 'Detail',
    addresses: 'Addresses',
    kinds: 'Address kinds',
    looksPolluted: 'Looks polluted',
    fakeIp: 'Fake-IP',
    connectMs: 'Connect (ms)',
    error: 'Error',
    handshakeMs: 'Handshake (ms)',
    issuer: 'Certificate issuer',
    protocol: 'Protocol',
    httpStatus: 'HTTP status',
    result: 'Result',
    headers: 'Headers',
    requestId: 'request-id',
    rateLimits: 'anthropic-ratelimit-*',
    latencyMs: 'Latency (ms)',
    p50: 'p50',
    p95: 'p95',
    samples: 'Samples',
    answered: 'Answered',
    verdict: 'Verdict',
    text: 'Text',
    notes: 'Notes',
  },
  yes: 'yes',
  no: 'no',
};

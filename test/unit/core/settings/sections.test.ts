// The sections beside the monitor's: snippets, diagnostics, VS Code's network
// settings, and the one model-name rule they all share.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_DNS_SERVERS,
  DEFAULT_PROBE_MODEL,
  DEFAULT_SETTINGS,
  clampNumber,
  describeValue,
  fetchOptionsFrom,
  isModelName,
  trimTrailingSlashes,
  validateAllSettings,
  validateConnectionSettings,
  validateDiagnosticsSettings,
  validateSnippetSettings,
} from '../../../../src/core/settings';
import { DEFAULT_SNIPPET_POLICY } from '../../../../src/core/snippets/types';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

const SRC = path.resolve(__dirname, '../../../../src');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('settings sections', () => {
  it('reads every section at once, keeping each section its own sentences', () => {
    const all = validateAllSettings(
      from({ 'probe.mode': 'ping', 'snippets.maxAttempts': 0, 'diagnostics.timeoutMs': 'soon' }),
      from({ proxyStrictSSL: 'no' }),
    );
    assert.deepEqual(all.monitor, DEFAULT_SETTINGS);
    assert.equal(all.snippets.maxAttempts, 1);
    assert.equal(all.diagnostics.timeoutMs, 10_000);
    assert.equal(all.connection.proxyStrictSSL, true);
    assert.deepEqual(all.problems, {
      monitor: ['claudeHealth.probe.mode must be one of models, count_tokens, message; using models.'],
      snippets: ['claudeHealth.snippets.maxAttempts must be between 1 and 100; using 1.'],
      diagnostics: ['claudeHealth.diagnostics.timeoutMs must be a number; using 10000.'],
      connection: ['http.proxyStrictSSL must be true or false; using true.'],
    });
  });

  it('gives the default snippet policy when nothing is set', () => {
    assert.deepEqual(validateSnippetSettings(() => undefined), { policy: DEFAULT_SNIPPET_POLICY, problems: [] });
  });

  it('clamps the snippet policy, falls back, and says what it corrected', () => {
    const values: Record<string, unknown> = { maxAttempts: 0, deadlineSeconds: 'soon', baseDelayMs: 2000, maxDelayMs: 1000, fallbackModel: 'x"; rm -rf /' };
    const { policy, problems } = validateSnippetSettings((key) => values[key.slice('snippets.'.length)]);
    assert.equal(policy.maxAttempts, 1);
    assert.equal(policy.deadlineSeconds, DEFAULT_SNIPPET_POLICY.deadlineSeconds);
    assert.equal(policy.maxDelayMs, 2000);
    assert.equal(policy.fallbackModel, DEFAULT_SNIPPET_POLICY.fallbackModel, 'a model name lands in a string literal: no quotes allowed');
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /claudeHealth\.snippets\.maxAttempts must be between 1 and 100; using 1\./);
  });

  it('gives the snippet policy with the breaker defaults, and keeps the delay cap above the first delay', () => {
    const { policy, problems } = validateSnippetSettings(from({ 'snippets.baseDelayMs': '3000', 'snippets.maxDelayMs': 2000.6, 'snippets.fallbackModel': 'claude-sonnet-4-5' }));
    assert.equal(policy.baseDelayMs, 3000);
    assert.equal(policy.maxDelayMs, 3000);
    assert.equal(policy.fallbackModel, 'claude-sonnet-4-5');
    assert.equal(policy.breakerOpenSeconds, DEFAULT_SNIPPET_POLICY.breakerOpenSeconds);
    assert.deepEqual(problems, ['claudeHealth.snippets.maxDelayMs is below baseDelayMs; using 3000.']);
  });

  it('lets an empty resolver list turn the DNS comparison off, and drops what is not a server', () => {
    assert.deepEqual(validateDiagnosticsSettings(() => undefined).diagnostics, { dnsServers: [...DEFAULT_DNS_SERVERS], timeoutMs: 10_000, compareEndpoints: [] });
    assert.deepEqual(validateDiagnosticsSettings(from({ 'diagnostics.dnsServers': [] })), { diagnostics: { dnsServers: [], timeoutMs: 10_000, compareEndpoints: [] }, problems: [] });
    const { diagnostics, problems } = validateDiagnosticsSettings(from({ 'diagnostics.dnsServers': [' 9.9.9.9 ', '[2606:4700::1111]:53', 'dns.example:5353', 'a b', 7] }));
    assert.deepEqual(diagnostics.dnsServers, ['9.9.9.9', '[2606:4700::1111]:53', 'dns.example:5353']);
    assert.deepEqual(problems, ['claudeHealth.diagnostics.dnsServers has 2 invalid entries, the first "a b"; they are ignored.']);
  });

  it('reads the endpoints to compare, leaving out bad entries and repeated names with one sentence', () => {
    const { diagnostics, problems } = validateDiagnosticsSettings(
      from({
        'diagnostics.compareEndpoints': [
          { name: 'official', baseUrl: 'https://api.anthropic.com/', keyEnv: 'OFFICIAL_KEY' },
          { name: ' 中转 ', baseUrl: ' https://relay.example/api ', keyEnv: '' },
          { name: 'Official', baseUrl: 'https://other.example' },
          { name: 'bad', baseUrl: 'https://user:secret@relay.example' },
          'relay=https://relay.example',
          { name: 'configured', baseUrl: 'https://x.example' },
        ],
      }),
    );
    assert.deepEqual(diagnostics.compareEndpoints, [
      { name: 'official', baseUrl: 'https://api.anthropic.com', keyEnv: 'OFFICIAL_KEY' },
      { name: '中转', baseUrl: 'https://relay.example/api' },
    ]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^claudeHealth\.diagnostics\.compareEndpoints: entry 3 repeats the name "Official" \(and 3 more\); they are left out\.$/);
    assert.equal(problems[0]!.includes('secret'), false);
  });

  it('compares at most eight endpoints, and says a value that is not a list compares none', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `e${i}`, baseUrl: `https://e${i}.example` }));
    const capped = validateDiagnosticsSettings(from({ 'diagnostics.compareEndpoints': many }));
    assert.equal(capped.diagnostics.compareEndpoints.length, 8);
    assert.deepEqual(capped.problems, ['claudeHealth.diagnostics.compareEndpoints compares at most 8 endpoints; the rest are left out.']);
    const notList = validateDiagnosticsSettings(from({ 'diagnostics.compareEndpoints': { name: 'a', baseUrl: 'https://a.example' } }));
    assert.deepEqual(notList.diagnostics.compareEndpoints, []);
    assert.match(notList.problems[0]!, /must be a list of \{name, baseUrl, keyEnv\}; none are compared\.$/);
  });

  it('turns VS Code network settings into fetch options, honouring proxySupport off', () => {
    const read = (values: Record<string, unknown>) => validateConnectionSettings(from(values)).connection;
    assert.deepEqual(fetchOptionsFrom(read({})), {});
    assert.deepEqual(fetchOptionsFrom(read({ proxy: ' http://user:pw@proxy.test:3128 ', noProxy: ['localhost', 3], proxyStrictSSL: false })), {
      proxyUrl: 'http://user:pw@proxy.test:3128',
      noProxy: ['localhost'],
      rejectUnauthorized: false,
    });
    assert.deepEqual(fetchOptionsFrom(read({ proxy: 'proxy.test:3128', proxySupport: 'off' })), {});
    const { problems } = validateConnectionSettings(from({ proxy: 'http://user:secret@proxy.test'.padEnd(3000, 'x') }));
    assert.deepEqual(problems, ['http.proxy must be text of at most 2048 characters; using none.'], 'a rejected proxy is never echoed: it may hold a password');
  });

  it('clamps and explains with one rule for every number', () => {
    const problems: string[] = [];
    const range = { default: 10, min: 1, max: 100 };
    assert.equal(clampNumber(0.4, range, 'n', problems), 1);
    assert.equal(clampNumber(' 42.5 ', range, 'n', problems), 43);
    assert.equal(clampNumber(Infinity, range, 'n', problems), 10);
    assert.equal(clampNumber('1'.repeat(50), range, 'n', problems), 10);
    assert.deepEqual(problems, ['n must be between 1 and 100; using 1.', 'n must be a number; using 10.', 'n must be a number; using 10.']);
  });

  it('describes any rejected value briefly, without serialising it', () => {
    assert.equal(describeValue('x'.repeat(100)), `"${'x'.repeat(36)}...`);
    assert.equal(describeValue(12n), '12n');
    assert.equal(describeValue({ password: 'hunter2' }), 'an object');
    assert.equal(describeValue(Symbol('s')), 'symbol');
  });

  it('has one model-name rule and one default model, used everywhere a name comes from outside', () => {
    assert.equal(isModelName(DEFAULT_PROBE_MODEL), true);
    for (const bad of ['', 'a b', '-lead', 'x"; rm -rf /', 'a'.repeat(101), 42]) assert.equal(isModelName(bad), false, String(bad));
    const offenders: string[] = [];
    for (const file of sources(SRC)) {
      const relative = path.relative(SRC, file);
      // The simulator models the API's own catalogue; generated templates are code for users.
      if (relative.startsWith('sim') || relative.endsWith('.generated.ts') || relative === path.join('core', 'settings', 'model-name.ts')) continue;
      const text = readFileSync(file, 'utf8');
      if (text.includes("'claude-haiku-4-5'") || text.includes('[A-Za-z0-9._:@/-]')) offenders.push(relative);
    }
    assert.deepEqual(offenders, []);
  });

  it('reads VS Code configuration in one place, the settings reader', () => {
    const readers = sources(SRC).filter((file) => readFileSync(file, 'utf8').includes('getConfiguration('));
    assert.deepEqual(readers.map((file) => path.relative(SRC, file)), [path.join('vscode', 'settings-reader.ts')]);
  });
});

describe('trimTrailingSlashes', () => {
  it('drops only the trailing run, and stays linear on a long run of slashes that is not at the end', () => {
    assert.equal(trimTrailingSlashes('https://x/v1///'), 'https://x/v1');
    assert.equal(trimTrailingSlashes('///'), '');
    assert.equal(trimTrailingSlashes('abc'), 'abc');
    const hostile = `https://x/${'/'.repeat(200_000)}a`;
    assert.equal(trimTrailingSlashes(hostile), hostile, 'returns at once: the old /\\/+$/ took seconds on this');
  });
});

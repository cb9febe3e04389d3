import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, SETTING_KEYS, checkHttpUrl, settingsFrom, validateSettings, type SettingKey } from '../../../../src/core/settings';

describe('settings', () => {
  it('gives the documented defaults when nothing is set', () => {
    const { settings, problems } = validateSettings(() => undefined);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
    assert.equal(settings.statusPageUrl, 'https://status.claude.com/api/v2/summary.json');
    assert.deepEqual(settings.watchedComponents, ['k8w3r06qmzrp']);
    assert.equal(settings.probeMode, 'models');
    assert.deepEqual(settings.probeModels, ['claude-haiku-4-5']);
  });

  it('uses the setting names tests and docs rely on', () => {
    assert.equal(SETTING_KEYS.apiBaseUrl, 'apiBaseUrl');
    assert.equal(SETTING_KEYS.statusPageUrl, 'statusPageUrl');
    assert.equal(SETTING_KEYS.probeMode, 'probe.mode');
    assert.equal(SETTING_KEYS.probeIntervalSeconds, 'probe.intervalSeconds');
    assert.equal(SETTING_KEYS.statusPageIntervalSeconds, 'statusPage.intervalSeconds');
  });

  it('accepts intervals down to 5 s and clamps below, saying so', () => {
    const ok = validateSettings((key) => (key === 'probe.intervalSeconds' ? 5 : undefined));
    assert.equal(ok.settings.probeIntervalSeconds, 5);
    assert.deepEqual(ok.problems, []);
    const low = validateSettings((key) => (key === 'statusPage.intervalSeconds' ? 1 : undefined));
    assert.equal(low.settings.statusPageIntervalSeconds, 5);
    assert.match(low.problems[0] ?? '', /claudeHealth\.statusPage\.intervalSeconds must be between 5 and 3600; using 5/);
  });

  it('replaces values of the wrong type with the default', () => {
    const raw: Partial<Record<SettingKey, unknown>> = {
      'probe.intervalSeconds': 'soon',
      'probe.mode': 'ping',
      notifications: 3,
      'probe.models': 'claude-haiku-4-5',
      'statusPage.components': [42, 'k8w3r06qmzrp', 'yyzkbfz2thpt', 'k8w3r06qmzrp'],
      'health.degradeAfter': Number.NaN,
    };
    const { settings, problems } = validateSettings((key) => raw[key]);
    assert.equal(settings.probeIntervalSeconds, 60);
    assert.equal(settings.probeMode, 'models');
    assert.equal(settings.notifications, 'outages');
    assert.deepEqual(settings.probeModels, ['claude-haiku-4-5']);
    assert.deepEqual(settings.watchedComponents, ['k8w3r06qmzrp', 'yyzkbfz2thpt']);
    assert.equal(settings.degradeAfter, 2);
    assert.equal(problems.length, 6);
  });

  it('takes numbers typed as strings and rounds them', () => {
    assert.equal(settingsFrom({ 'probe.timeoutMs': '2500.4' }).probeTimeoutMs, 2500);
  });

  it('refuses base URLs that are not http(s) or carry credentials', () => {
    const { settings, problems } = validateSettings((key) => (key === 'apiBaseUrl' ? 'ftp://example.test' : undefined));
    assert.equal(settings.apiBaseUrl, '');
    assert.match(problems[0] ?? '', /apiBaseUrl must start with https:\/\/ or http:\/\//);
    assert.deepEqual(checkHttpUrl('https://user:pw@example.test'), { ok: false, reason: 'must not contain a user name or password' });
    assert.deepEqual(checkHttpUrl('https://api.anthropic.com/'), { ok: true, url: 'https://api.anthropic.com' });
  });

  it('never throws, even when reading a setting does', () => {
    const { settings, problems } = validateSettings(() => {
      throw new Error('configuration unavailable');
    });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, Object.keys(SETTING_KEYS).length);
  });

  it('bounds the model list and rejects names that are not model names', () => {
    const settings = settingsFrom({ 'probe.models': ['a', 'b', 'c', 'd', 'e', 'f', 'bad name', '../x'] });
    assert.deepEqual(settings.probeModels, ['a', 'b', 'c', 'd', 'e']);
  });
});

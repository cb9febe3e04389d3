// One-off manifest writer kept in the repo so the contributions stay reviewable in one place.
// Run `node scripts/manifest.mjs` after changing it; a unit test checks package.json against core defaults.
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nls = {};
const t = (key, text) => {
  nls[key] = text;
  return `%${key}%`;
};

const commands = [
  ['refresh', 'Refresh', '$(refresh)'],
  ['showDetails', 'Show Details'],
  ['setApiKey', 'Set API Key', '$(key)'],
  ['clearApiKey', 'Clear API Key'],
  ['showLog', 'Show Log', '$(output)'],
  ['openStatusPage', 'Open Status Page', '$(link-external)'],
  ['openSettings', 'Open Settings', '$(gear)'],
  ['runDiagnostics', 'Run Connection Diagnostics', '$(pulse)'],
  ['insertRetryWrapper', 'Insert Retry Wrapper', '$(code)'],
  ['startSimulator', 'Start Local Simulator', '$(beaker)'],
  ['stopSimulator', 'Stop Local Simulator', '$(debug-stop)'],
].map(([verb, title, icon]) => ({
  command: `claudeHealth.${verb}`,
  title: t(`command.${verb}`, title),
  category: t('category', 'Claude Health'),
  ...(icon ? { icon } : {}),
}));

const s = (key, schema, description) => [`claudeHealth.${key}`, { ...schema, markdownDescription: t(`setting.${key}`, description) }];
const MACHINE_NOTE = ' Machine scope: a workspace cannot change it, so a cloned repository cannot redirect your key or turn on billed probes.';
const properties = Object.fromEntries([
  s('apiBaseUrl', { type: 'string', default: '', scope: 'machine', order: 1 }, 'Base URL of the Claude API. Empty: `ANTHROPIC_BASE_URL`, then `https://api.anthropic.com`. The API key is sent only here; a non-loopback `http://` URL asks before the key is sent.' + MACHINE_NOTE),
  s('statusPageUrl', { type: 'string', default: 'https://status.claude.com/api/v2/summary.json', scope: 'machine', order: 2 }, 'Statuspage `summary.json` to poll. Point it at `claude-health sim` to rehearse.' + MACHINE_NOTE),
  s('statusPage.intervalSeconds', { type: 'number', default: 60, minimum: 5, maximum: 3600, order: 3 }, 'Seconds between status page polls (at least 5).'),
  s('statusPage.components', { type: 'array', items: { type: 'string' }, default: ['k8w3r06qmzrp'], order: 4 }, 'Status page component ids to watch. `k8w3r06qmzrp` is the Claude API, `yyzkbfz2thpt` is Claude Code.'),
  s('probe.mode', {
    type: 'string', enum: ['models', 'count_tokens', 'message'], default: 'models', scope: 'machine', order: 5,
    markdownEnumDescriptions: [
      t('setting.probe.mode.models', '`GET /v1/models`: free. Proves DNS, TLS, auth and the API front door; inference overloads seldom show here.'),
      t('setting.probe.mode.count_tokens', '`POST /v1/messages/count_tokens`: free, with its own rate limit.'),
      t('setting.probe.mode.message', '`POST /v1/messages` with `max_tokens: 1`: the only probe that meets inference 529s. **Billed**: about 10 input and 1 output tokens per probe and model; at a 60 s interval about 14,400 input and 1,440 output tokens a day per model (about $0.02 a day with Claude Haiku 4.5), and only while VS Code is in use.'),
    ],
  }, 'How the probe checks the API. `message` is billed (see its description).' + MACHINE_NOTE),
  s('probe.intervalSeconds', { type: 'number', default: 60, minimum: 5, maximum: 3600, scope: 'machine', order: 6 }, 'Seconds between probes (at least 5). The probe also waits out any `retry-after` and backs off while the API is overloaded.'),
  s('probe.models', { type: 'array', items: { type: 'string' }, default: ['claude-haiku-4-5'], scope: 'machine', order: 7 }, 'Models probed in `message` mode (each is billed), and the model counted in `count_tokens` mode (the first).'),
  s('probe.timeoutMs', { type: 'number', default: 10000, minimum: 1000, maximum: 120000, order: 8 }, 'Timeout of one probe, in milliseconds.'),
  s('probe.idleMinutes', { type: 'number', default: 15, minimum: 0, maximum: 1440, order: 9 }, 'Probing pauses when VS Code has been unfocused and unused this many minutes, so an idle machine costs nothing. 0 probes even when idle.'),
  s('signals.windowMinutes', { type: 'number', default: 15, minimum: 1, maximum: 1440, order: 10 }, 'Minutes of the rolling window behind the 529/429 counts in the status bar.'),
  s('health.degradeAfter', { type: 'number', default: 2, minimum: 1, maximum: 10, order: 11 }, 'Bad probe results needed before the status bar leaves operational, so one stray 529 does not flap it.'),
  s('health.recoverAfter', { type: 'number', default: 2, minimum: 1, maximum: 10, order: 12 }, 'Consecutive good probe results needed to recover.'),
  s('notifications', {
    type: 'string', enum: ['all', 'outages', 'off'], default: 'outages', order: 13,
    enumDescriptions: [t('setting.notifications.all', 'Notify on every degradation, outage and recovery.'), t('setting.notifications.outages', 'Notify on outages and their recovery only.'), t('setting.notifications.off', 'Never notify.')],
  }, 'When to show a notification about a health change (once per change).'),
  s('snippets.maxAttempts', { type: 'number', default: 10, minimum: 1, maximum: 100, order: 20 }, 'Default attempts of an inserted retry wrapper.'),
  s('snippets.deadlineSeconds', { type: 'number', default: 60, minimum: 1, maximum: 3600, order: 21 }, 'Default overall deadline of an inserted retry wrapper, in seconds.'),
  s('snippets.baseDelayMs', { type: 'number', default: 1000, minimum: 1, maximum: 60000, order: 22 }, 'Default first backoff delay of an inserted retry wrapper, in milliseconds.'),
  s('snippets.maxDelayMs', { type: 'number', default: 8000, minimum: 1, maximum: 600000, order: 23 }, 'Default cap of the backoff delay, in milliseconds.'),
  s('snippets.fallbackModel', { type: 'string', default: 'claude-haiku-4-5', order: 24 }, 'Model the fallback variant switches to after sustained 529 overloads.'),
  s('diagnostics.dnsServers', { type: 'array', items: { type: 'string' }, default: ['1.1.1.1', '8.8.8.8'], scope: 'machine', order: 30 }, 'Public DNS resolvers the diagnostics compare the system resolver with (`host` or `host:port`). Empty: no comparison.'),
  s('diagnostics.timeoutMs', { type: 'number', default: 10000, minimum: 1000, maximum: 120000, order: 31 }, 'Timeout of each diagnostic check, in milliseconds.'),
]);

pkg.contributes = {
  commands,
  menus: {
    commandPalette: [{ command: 'claudeHealth.stopSimulator', when: 'claudeHealth.simulatorRunning' }],
  },
  configuration: { title: t('configuration.title', 'Claude Health'), properties },
  snippets: ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'java'].map((language) => ({ language, path: `./dist/snippets/${language}.code-snippets` })),
};

const step = (id, title, description, completion) => ({
  id,
  title: t(`walkthrough.${id}.title`, title),
  description: t(`walkthrough.${id}.description`, description),
  media: { markdown: `media/walkthrough/${id}.md` },
  completionEvents: [completion],
});
pkg.contributes.walkthroughs = [
  {
    id: 'gettingStarted',
    title: t('walkthrough.title', 'Get started with Claude Health'),
    description: t('walkthrough.description', 'Know whether the Claude API works from this machine, find what breaks it, and write retry code that survives 529s.'),
    steps: [
      step('set-key', 'Set your API key', 'Stored in SecretStorage and sent only to the configured API host.\n[Set API Key](command:claudeHealth.setApiKey)', 'onCommand:claudeHealth.setApiKey'),
      step('probe-mode', 'Choose how to probe', 'Free probes by default; message probes see inference 529s and cost a few tokens.\n[Choose Probe Mode](command:workbench.action.openSettings?%22claudeHealth.probe.mode%22)', 'onSettingChanged:claudeHealth.probe.mode'),
      step('diagnose', 'Run the diagnostics', 'One command walks config, proxy, DNS, TCP, TLS, HTTP, auth, limits and the status page, and names the broken layer.\n[Run Connection Diagnostics](command:claudeHealth.runDiagnostics)', 'onCommand:claudeHealth.runDiagnostics'),
      step('insert-wrapper', 'Insert a retry wrapper', 'A correct wrapper for the official SDK of your file\'s language.\n[Insert Retry Wrapper](command:claudeHealth.insertRetryWrapper)', 'onCommand:claudeHealth.insertRetryWrapper'),
      step('simulator', 'Rehearse a 529 storm', 'Run the local simulator and point your own code at it.\n[Start Local Simulator](command:claudeHealth.startSimulator)', 'onCommand:claudeHealth.startSimulator'),
    ],
  },
];

pkg.icon = 'media/icon.png';
pkg.categories = ['Other', 'Testing'];
pkg.keywords = ['claude', 'anthropic', 'api', 'status', '529', 'overloaded', 'rate limit', 'retry', 'diagnostics'];
pkg.galleryBanner = { color: '#D97757', theme: 'dark' };
pkg.capabilities = {
  // Nothing from the workspace is executed, and every setting that decides where the key goes is machine-scoped.
  untrustedWorkspaces: { supported: true },
  virtualWorkspaces: { supported: 'limited', description: t('capabilities.virtualWorkspaces', 'The SDK version check of the diagnostics reads files on disk and is skipped in virtual workspaces.') },
};
pkg.extensionKind = ['workspace'];

writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync('package.nls.json', `${JSON.stringify(nls, null, 2)}\n`);

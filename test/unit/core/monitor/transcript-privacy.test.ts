// A marker planted everywhere in a Claude Code transcript (prompts, answers,
// paths, the error rows' own text) reaches neither the log, the saved state,
// the tooltip, the status bar nor the shared store.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock, systemTimers } from '../../../../src/core/clock';
import { HealthMonitor } from '../../../../src/core/monitor';
import { TranscriptSource } from '../../../../src/core/monitor/transcript-source';
import { settingsFrom } from '../../../../src/core/settings';
import { observationsDir } from '../../../../src/core/store/observation-store';
import { renderStatusBar } from '../../../../src/core/view/status-bar';
import { renderTooltip } from '../../../../src/core/view/tooltip';
import * as rows from '../transcripts/rows';

describe('transcript privacy', function () {
  this.timeout(60_000);
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'ch-privacy-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('keeps the marker out of the log, the state, the views and the store', async () => {
    const secret = rows.SECRET_TEXT;
    const project = path.join(work, 'claude', 'projects', `-home-${secret}`);
    await mkdir(project, { recursive: true });
    const now = Date.now();
    await writeFile(
      path.join(project, `${secret}.jsonl`),
      [
        rows.userRow(now, `${secret} API Error: 529`),
        rows.assistantRow(now, `${secret} API Error: 529 overloaded_error`),
        rows.errorRow({ at: now, text: `API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"${secret}"},"request_id":"req_${secret}"}` }),
        rows.errorRow({ at: now, text: `API Error: Connection lost ${secret}`, error: secret }),
        rows.errorRow({ at: now, text: `You've hit your limit · resets 3pm (${secret})` }),
        '',
      ].join('\n'),
    );
    const settings = settingsFrom({ 'sources.claudeCodeDirs': [path.join(work, 'claude')], 'probe.idleMinutes': 0 });
    const logs: string[] = [];
    const monitor = new HealthMonitor({
      clock: systemClock,
      timers: systemTimers,
      settings,
      fetch: () => Promise.reject(new Error('offline')),
      getApiKey: () => undefined,
      env: {},
      log: (line) => logs.push(line),
      extraSources: [(sink) => new TranscriptSource({ clock: systemClock, timers: systemTimers, sink, env: {}, homedir: work }, settings)],
      shared: { dir: path.join(work, 'state'), writerName: 'window-privacy' },
    });
    try {
      monitor.start();
      const deadline = Date.now() + 30_000;
      while (monitor.snapshot().traffic.counts['claude-code'].plan_limit === 0) {
        assert.ok(Date.now() < deadline, 'the transcript was not read');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await monitor.flushShared();
      const snapshot = monitor.snapshot();
      assert.equal(snapshot.traffic.counts['claude-code'].overloaded, 1);
      assert.equal(snapshot.traffic.counts['claude-code'].network, 1);
      const folder = observationsDir(path.join(work, 'state'));
      const store = (await Promise.all((await readdir(folder)).map((name) => readFile(path.join(folder, name), 'utf8')))).join('');
      assert.ok(store.includes('"claude-code"'), 'the rows reached the store');
      const everything = [logs.join('\n'), JSON.stringify(monitor.saveState()), JSON.stringify(snapshot), renderTooltip(snapshot), renderStatusBar(snapshot).text, store].join('\n');
      assert.ok(!everything.includes('SENTINEL'), everything.slice(everything.indexOf('SENTINEL') - 200, everything.indexOf('SENTINEL') + 50));
    } finally {
      monitor.dispose();
    }
  });
});

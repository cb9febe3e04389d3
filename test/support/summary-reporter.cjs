// Mocha's spec output, plus the run's totals written to $CLAUDE_HEALTH_TEST_STATS
// so scripts/test-all.mjs can add up every layer into one closing line, and the
// failed tests' titles, which it repeats there: a CI log that keeps only its last
// lines still names every failure, not just the last one spelled out.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      const message = String((error && error.message) || error).split('\n')[0].slice(0, 200);
      failed.push({ title: test.fullTitle(), message });
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const target = process.env.CLAUDE_HEALTH_TEST_STATS;
      if (!target) return;
      const { passes, failures, pending, tests } = runner.stats;
      fs.writeFileSync(target, JSON.stringify({ passes, failures, pending, tests, failed }));
    });
  }
}

module.exports = SummaryReporter;

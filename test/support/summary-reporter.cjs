// Mocha's spec output, plus the run's totals written to $CLAUDE_HEALTH_TEST_STATS
// so scripts/test-all.mjs can add up every layer into one closing line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const target = process.env.CLAUDE_HEALTH_TEST_STATS;
      if (!target) return;
      const { passes, failures, pending, tests } = runner.stats;
      fs.writeFileSync(target, JSON.stringify({ passes, failures, pending, tests }));
    });
  }
}

module.exports = SummaryReporter;

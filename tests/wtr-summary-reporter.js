// Adds a closing `N passed, N failed` count to the browser suites, and writes
// it as JSON for tests/run-all.js when CROSSROADS_SUMMARY_FILE is set.
import { writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  const base = defaultReporter();
  return {
    ...base,
    onTestRunFinished(args) {
      base.onTestRunFinished?.(args);
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of args.sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load counts as one failure, not as nothing.
        if (!session.passed && (!session.testResults || session.errors?.length)) totals.failed += session.errors?.length ? 1 : 0;
      }
      const file = process.env.CROSSROADS_SUMMARY_FILE;
      if (file) writeFileSync(file, JSON.stringify(totals));
      process.stdout.write(`browser: ${totals.passed} passed, ${totals.failed} failed\n`);
    },
  };
}

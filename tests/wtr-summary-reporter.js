// Adds a closing `N passed, N failed` count to the browser suites, and writes
// it as JSON for tests/run-all.js when CROSSROADS_SUMMARY_FILE is set, and
// names the slowest files (the sum of their tests' times), where test time goes.
import { writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';

function testTime(suite) {
  let ms = 0;
  for (const test of suite?.tests ?? []) ms += test.duration ?? 0;
  for (const child of suite?.suites ?? []) ms += testTime(child);
  return ms;
}

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
      const slowest = args.sessions
        .map((session) => ({ file: session.testFile.replace(`${process.cwd()}/`, ''), ms: testTime(session.testResults) }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8);
      process.stdout.write(`slowest files: ${slowest.map(({ file, ms }) => `${file} ${(ms / 1000).toFixed(1)} s`).join(', ')}\n`);
      process.stdout.write(`browser: ${totals.passed} passed, ${totals.failed} failed\n`);
    },
  };
}

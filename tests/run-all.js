#!/usr/bin/env node
// `npm test`: every suite in turn (Node, browser, end to end), then one line
// totalling them: `N passed, N failed`. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireChromium } from './chromium-path.js';

try {
  requireChromium();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'crossroads-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(name, command, args, summaryFrom) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const summary = join(scratch, `${name}.json`);
  const result = spawnSync(command, args(summary), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CROSSROADS_SUMMARY_FILE: summary },
  });
  const counts = existsSync(summary) ? summaryFrom(JSON.parse(readFileSync(summary, 'utf8'))) : null;
  if (!counts) {
    process.stdout.write(`${name}: no results (exit ${result.status})\n`);
    broken = true;
    totals.failed++;
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (result.status !== 0 && counts.failed === 0) {
    process.stdout.write(`${name}: exited ${result.status} with no failed test\n`);
    broken = true;
    totals.failed++;
  }
}

// Vitest's JSON report: numPassedTests / numFailedTests / numPendingTests.
// A file that failed without a failing test (it did not load) counts as one failure.
const fromVitest = (report) => ({
  passed: report.numPassedTests,
  failed:
    report.numFailedTests +
    (report.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')).length,
  skipped: report.numPendingTests + (report.numTodoTests ?? 0),
});
const vitest = (config) => (summary) => [
  'vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${summary}`,
];

// The e2e suite needs the built kiosk and bridge.
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stdout.write('build failed\n');
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

run('node', 'npx', vitest('tests/vitest.config.ts'), fromVitest);
run('browser', 'npx', () => ['web-test-runner', '--config', 'tests/web-test-runner.config.js'], (t) => t);
run('e2e', 'npx', vitest('tests/e2e/vitest.config.ts'), fromVitest);

rmSync(scratch, { recursive: true, force: true });
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(totals.failed > 0 || broken ? 1 : 0);

#!/usr/bin/env node
// `npm test`: every suite in turn, then one line totalling them:
// `N passed, N failed`. Exits non-zero if anything failed.
//
// Order: the Node suites first (pure units in parallel, then the pty and
// child-process suites one file at a time), then the build, the browser
// suites and the end-to-end tests. Without Chromium the Node suites still
// run, so a newcomer sees what works, and the run ends with the advice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireChromium } from './chromium-path.js';

// fileURLToPath, not URL.pathname: a checkout under "My Projects" has a space.
const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'crossroads-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function finish(extra) {
  rmSync(scratch, { recursive: true, force: true });
  if (extra) process.stderr.write(`${extra}\n`);
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
  process.exit(totals.failed > 0 || broken || extra ? 1 : 0);
}

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
    process.stdout.write(`${name}: no results (exit ${result.status ?? result.error?.message})\n`);
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
const vitest = (config, ...extra) => (summary) => [
  'vitest', 'run', '--config', config, ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${summary}`,
];

run('node-unit', 'npx', vitest('tests/vitest.config.ts', '--project', 'unit'), fromVitest);
run('node-serial', 'npx', vitest('tests/vitest.config.ts', '--project', 'serial'), fromVitest);

let chromium = null;
try {
  chromium = requireChromium();
} catch (error) {
  finish(`The browser and end-to-end suites did not run. ${error.message.replace(/\n/g, ' ')}`);
}
process.stdout.write(`\nChromium: ${chromium}\n`);

// The e2e suite needs the built kiosk and bridge.
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stdout.write('build failed\n');
  totals.failed++;
  finish();
}

run('browser', 'npx', () => ['web-test-runner', '--config', 'tests/web-test-runner.config.js'], (t) => t);
run('e2e', 'npx', vitest('tests/e2e/vitest.config.ts'), fromVitest);
finish();

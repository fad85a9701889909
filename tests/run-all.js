#!/usr/bin/env node
// `npm test`: every suite in turn, then one line totalling them:
// `N passed, N failed`. Exits non-zero if anything failed.
//
// Order: the Node suites first (pure units in parallel, then the pty and
// child-process suites one file at a time), then the build, the browser
// suites and the end-to-end tests. Without Chromium the Node suites still
// run, so a newcomer sees what works, and the run ends with the advice.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
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

function count(name, status, summary, summaryFrom) {
  const counts = existsSync(summary) ? summaryFrom(JSON.parse(readFileSync(summary, 'utf8'))) : null;
  if (!counts) {
    process.stdout.write(`${name}: no results (exit ${status})\n`);
    broken = true;
    totals.failed++;
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (status !== 0 && counts.failed === 0) {
    process.stdout.write(`${name}: exited ${status} with no failed test\n`);
    broken = true;
    totals.failed++;
  }
}

function run(name, command, args, summaryFrom) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const summary = join(scratch, `${name}.json`);
  const result = spawnSync(command, args(summary), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CROSSROADS_SUMMARY_FILE: summary },
  });
  count(name, result.status ?? result.error?.message, summary, summaryFrom);
}

/** Runs suites that share nothing side by side, each line of output tagged with its name. */
async function runSideBySide(tiers) {
  process.stdout.write(`\n=== ${tiers.map((t) => t.name).join(' + ')} (side by side) ===\n`);
  await Promise.all(
    tiers.map(
      ({ name, command, args, summaryFrom }) =>
        new Promise((resolve) => {
          const summary = join(scratch, `${name}.json`);
          const child = spawn(command, args(summary), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CROSSROADS_SUMMARY_FILE: summary } });
          for (const stream of [child.stdout, child.stderr]) {
            createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
          }
          child.on('error', (error) => {
            count(name, error.message, summary, summaryFrom);
            resolve();
          });
          child.on('close', (status) => {
            count(name, status, summary, summaryFrom);
            resolve();
          });
        }),
    ),
  );
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
// The two serial projects share no pty and no port, so they run at once,
// each one file at a time (Vitest itself runs projects of one group in turn).
await runSideBySide(['serial-link', 'serial-host'].map((project) => ({
  name: project,
  command: 'npx',
  args: vitest('tests/vitest.config.ts', '--project', project),
  summaryFrom: fromVitest,
})));

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

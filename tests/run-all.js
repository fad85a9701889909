#!/usr/bin/env node
// `npm test`: every suite, then the time each took and one line totalling them:
// `N passed, N failed`. Exits non-zero if anything failed.
//
// Two lanes at once: the Node suites (pure units in parallel, then the pty
// and child-process suites one file at a time), and the build, the browser
// suites and the end-to-end tests. Without Chromium the Node suites still
// run, so a newcomer sees what works, and the run ends with the advice.
import { spawn } from 'node:child_process';
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
const started = Date.now();
/** Each tier's wall time, in the order they ended. */
const times = [];
let broken = false;

function finish(extra) {
  rmSync(scratch, { recursive: true, force: true });
  if (extra) process.stderr.write(`${extra}\n`);
  const seconds = (ms) => `${Math.round(ms / 1000)} s`;
  process.stdout.write(`\ntimes: ${times.map(({ name, ms }) => `${name} ${seconds(ms)}`).join(', ')}; in all ${seconds(Date.now() - started)}\n`);
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

/** Runs one tier as a child process, each line of its output tagged with its name. */
function tier({ name, command, args, summaryFrom, env = {} }) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const begun = Date.now();
  return new Promise((resolve) => {
    const summary = join(scratch, `${name}.json`);
    const child = spawn(command, args(summary), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, CROSSROADS_SUMMARY_FILE: summary } });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
    }
    let settled = false;
    const settle = (status) => {
      if (settled) return;
      settled = true;
      times.push({ name, ms: Date.now() - begun });
      if (summaryFrom) count(name, status, summary, summaryFrom);
      resolve(status);
    };
    child.on('error', (error) => settle(error.message));
    child.on('close', (status) => settle(status));
  });
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

const vitestTier = (name, config, ...extra) => ({ name, command: 'npx', args: vitest(config, ...extra), summaryFrom: fromVitest });

// Two lanes at once, since they share no pty, port or GPU: the Node tiers in
// one, and the build, the browser suites and the end-to-end tests in the
// other, in turn. The soak (the AVR image's 10,000 events through the bridge
// to a page of its own, which draws an empty map) follows the panel's link in
// the Node lane, beside serial-host: on a quiet machine that lane has time to
// spare while the Chromium lane runs; with a core busy it is the longer one.
async function nodeLane(built) {
  await tier(vitestTier('node-unit', 'tests/vitest.config.ts', '--project', 'unit'));
  // The two serial projects share no pty and no port, so they run at once,
  // each one file at a time (Vitest itself runs projects of one group in turn).
  const link = async () => {
    await tier(vitestTier('serial-link', 'tests/vitest.config.ts', '--project', 'serial-link'));
    // It needs the built bridge and Chromium, as the end-to-end tests do.
    if (built && (await built) === 0) await tier({ ...vitestTier('soak', 'tests/e2e/vitest.config.ts'), env: { CROSSROADS_SOAK: '1' } });
  };
  await Promise.all([link(), tier(vitestTier('serial-host', 'tests/vitest.config.ts', '--project', 'serial-host'))]);
}

async function chromiumLane(chromium, built) {
  process.stdout.write(`\nChromium: ${chromium}\n`);
  // The e2e suite needs the built kiosk and bridge.
  if ((await built) !== 0) {
    process.stdout.write('build failed\n');
    totals.failed++;
    return;
  }
  await tier({ name: 'browser', command: 'npx', args: () => ['web-test-runner', '--config', 'tests/web-test-runner.config.js'], summaryFrom: (t) => t });
  await tier(vitestTier('e2e', 'tests/e2e/vitest.config.ts'));
}

let chromium = null;
let missing = null;
try {
  chromium = requireChromium();
} catch (error) {
  missing = `The browser and end-to-end suites did not run. ${error.message.replace(/\n/g, ' ')}`;
}
const built = chromium ? tier({ name: 'build', command: 'npm', args: () => ['run', '--silent', 'build'] }) : null;
await Promise.all([nodeLane(built), chromium ? chromiumLane(chromium, built) : Promise.resolve()]);
finish(missing ?? undefined);

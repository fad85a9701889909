// tests/run-all.js itself, in a copy of the project whose path has spaces and
// whose test tools are stand-ins: it totals the tiers, still runs the Node
// suites without Chromium, and ends with the one-line advice; with Chromium,
// the Node lane and the Chromium lane (build, browser, e2e) run at once.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
let root: string;

// A stand-in for vitest: records how it was called and writes a JSON report.
const FAKE_VITEST = `#!/usr/bin/env node
const { appendFileSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
const at = args.indexOf('--project');
const out = args.find((a) => a.startsWith('--outputFile.json=')).slice('--outputFile.json='.length);
const tier = at >= 0 ? args[at + 1] : process.env.CROSSROADS_SOAK === '1' ? 'soak' : 'e2e';
appendFileSync('calls.txt', JSON.stringify({ project: tier, cwd: process.cwd() }) + '\\n');
// With Chromium, the unit tier waits until the build has begun: it can only
// see that if the two lanes run at once (else it gives up and fails).
if (tier === 'unit' && process.env.FAKE_LANES) {
  const deadline = Date.now() + 20000;
  while (!require('node:fs').existsSync('build-started') && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  if (!require('node:fs').existsSync('build-started')) { console.error('the build never started beside the unit tier'); process.exit(3); }
}
const failed = process.env.FAKE_FAIL === tier ? 1 : 0;
writeFileSync(out, JSON.stringify({ numPassedTests: tier === 'unit' ? 5 : 2, numFailedTests: failed, numPendingTests: 0, testResults: [] }));
process.exit(failed);
`;

// Stand-ins for the build (an npm script) and for web-test-runner (its summary file).
const FAKE_BUILD = `const { appendFileSync, writeFileSync } = require('node:fs');
writeFileSync('build-started', '');
appendFileSync('calls.txt', JSON.stringify({ project: 'build', cwd: process.cwd() }) + '\\n');
`;
const FAKE_WTR = `#!/usr/bin/env node
const { appendFileSync, writeFileSync } = require('node:fs');
appendFileSync('calls.txt', JSON.stringify({ project: 'browser', cwd: process.cwd() }) + '\\n');
writeFileSync(process.env.CROSSROADS_SUMMARY_FILE, JSON.stringify({ passed: 3, failed: 0, skipped: 0 }));
`;

beforeAll(() => {
  root = join(mkdtempSync(join(tmpdir(), 'crossroads runner ')), 'My Projects', 'caspian crossroads');
  mkdirSync(join(root, 'tests'), { recursive: true });
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  for (const file of ['run-all.js', 'chromium-path.js']) copyFileSync(join(here, file), join(root, 'tests', file));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'runner-copy', private: true, type: 'module', scripts: { build: 'node fake-build.cjs' } }));
  writeFileSync(join(root, 'fake-build.cjs'), FAKE_BUILD);
  for (const [name, text] of [['vitest', FAKE_VITEST], ['web-test-runner', FAKE_WTR]] as const) {
    writeFileSync(join(root, 'node_modules', '.bin', name), text);
    chmodSync(join(root, 'node_modules', '.bin', name), 0o755);
  }
  // The stand-in is CommonJS inside an ES-module package: give it its own package scope.
  writeFileSync(join(root, 'node_modules', '.bin', 'package.json'), JSON.stringify({ type: 'commonjs' }));
});

afterAll(() => rmSync(join(root, '..', '..'), { recursive: true, force: true }));

function runner(env: Record<string, string>) {
  for (const file of ['calls.txt', 'build-started']) rmSync(join(root, file), { force: true });
  const result = spawnSync(process.execPath, [join(root, 'tests', 'run-all.js')], {
    cwd: root,
    env: { ...process.env, CHROME_PATH: '/nonexistent/chromium', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const calls = readFileSync(join(root, 'calls.txt'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { project: string; cwd: string });
  return { ...result, calls };
}

it('runs the Node tiers from a path with spaces, then stops with the advice when Chromium is missing', () => {
  const result = runner({});
  expect(result.calls.map((c) => c.project).sort(), result.stdout + result.stderr).toEqual(['serial-host', 'serial-link', 'unit']);
  expect(result.calls[0]!.project).toBe('unit');
  expect(result.calls[0]!.cwd).toBe(root);
  const lines = result.stdout.trim().split('\n');
  expect(lines.at(-1)).toBe('9 passed, 0 failed');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain('Chromium was not found at /nonexistent/chromium');
  expect(result.stderr).toContain('apt-get install chromium');
  expect(result.stderr).toContain('CHROME_PATH');
  // Nothing was built and no browser suite was tried.
  expect(result.stdout).not.toContain('=== browser ===');
  expect(result.status).toBe(1);
});

it('counts a failing tier and goes on to the next', () => {
  const result = runner({ FAKE_FAIL: 'unit' });
  expect(result.calls.map((c) => c.project).sort()).toEqual(['serial-host', 'serial-link', 'unit']);
  expect(result.stdout.trim().split('\n').at(-1)).toBe('9 passed, 1 failed');
  expect(result.status).toBe(1);
});

it('with Chromium, runs the build, browser and e2e tiers in turn beside the Node tiers, the soak after the link and the build, and totals all seven', () => {
  // Any existing file stands for Chromium: the stand-ins never start it.
  const result = runner({ CHROME_PATH: process.execPath, FAKE_LANES: '1' });
  const order = result.calls.map((c) => c.project);
  expect(order.slice().sort(), result.stdout + result.stderr).toEqual(['browser', 'build', 'e2e', 'serial-host', 'serial-link', 'soak', 'unit']);
  expect(order.indexOf('build')).toBeLessThan(order.indexOf('browser'));
  expect(order.indexOf('browser')).toBeLessThan(order.indexOf('e2e'));
  expect(order.indexOf('unit')).toBeLessThan(order.indexOf('serial-link'));
  expect(order.indexOf('serial-link')).toBeLessThan(order.indexOf('soak'));
  expect(order.indexOf('build')).toBeLessThan(order.indexOf('soak'));
  // unit 5, serial-link 2, serial-host 2, soak 2, browser 3, e2e 2
  expect(result.stdout.trim().split('\n').at(-1)).toBe('16 passed, 0 failed');
  expect(result.stdout).toMatch(/times: .*build \d+ s.*; in all \d+ s/);
  expect(result.status, result.stdout + result.stderr).toBe(0);
});

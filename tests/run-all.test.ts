// tests/run-all.js itself, in a copy of the project whose path has spaces and
// whose test tools are stand-ins: it totals the tiers, still runs the Node
// suites without Chromium, and ends with the one-line advice.

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
const project = args[args.indexOf('--project') + 1];
const out = args.find((a) => a.startsWith('--outputFile.json=')).slice('--outputFile.json='.length);
appendFileSync('calls.txt', JSON.stringify({ project, cwd: process.cwd() }) + '\\n');
const failed = process.env.FAKE_FAIL === project ? 1 : 0;
writeFileSync(out, JSON.stringify({ numPassedTests: project === 'unit' ? 5 : 2, numFailedTests: failed, numPendingTests: 0, testResults: [] }));
process.exit(failed);
`;

beforeAll(() => {
  root = join(mkdtempSync(join(tmpdir(), 'crossroads runner ')), 'My Projects', 'caspian crossroads');
  mkdirSync(join(root, 'tests'), { recursive: true });
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  for (const file of ['run-all.js', 'chromium-path.js']) copyFileSync(join(here, file), join(root, 'tests', file));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'runner-copy', private: true, type: 'module' }));
  writeFileSync(join(root, 'node_modules', '.bin', 'vitest'), FAKE_VITEST);
  chmodSync(join(root, 'node_modules', '.bin', 'vitest'), 0o755);
  // The stand-in is CommonJS inside an ES-module package: give it its own package scope.
  writeFileSync(join(root, 'node_modules', '.bin', 'package.json'), JSON.stringify({ type: 'commonjs' }));
});

afterAll(() => rmSync(join(root, '..', '..'), { recursive: true, force: true }));

function runner(env: Record<string, string>) {
  rmSync(join(root, 'calls.txt'), { force: true });
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

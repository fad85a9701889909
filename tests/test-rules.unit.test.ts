// Guards for the rules that keep the suites steady on a busy machine (see the
// README's Tests section). They read the test sources themselves.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from './vitest.config.js';

const TESTS = fileURLToPath(new URL('.', import.meta.url));

function sources(dir = TESTS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'output' || entry.name === 'fixtures' ? [] : sources(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

const FIXED_WAIT = /waitForTimeout\(|setTimeout\(\s*(r|resolve)\s*,\s*[1-9]|\bsleep\(\s*[1-9]/;

describe('the test sources', () => {
  it('never wait a fixed time for something to happen', () => {
    // Allowed: a poll inside a loop that has a deadline, and a wait that only
    // proves an absence (marked so in a comment just above it).
    const offenders: string[] = [];
    for (const file of sources()) {
      if (file.includes(`${TESTS}bench/`) || file === fileURLToPath(import.meta.url)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!FIXED_WAIT.test(line)) return;
        const before = lines.slice(Math.max(0, i - 6), i).join('\n');
        const polling = /while \(|for \(;;\)/.test(before) && /deadline/.test(before);
        const absence = /absence/.test(lines.slice(Math.max(0, i - 3), i).join('\n'));
        if (!polling && !absence) offenders.push(`${relative(TESTS, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('keep pseudo-terminals, child processes and sockets out of the parallel unit tier', () => {
    const io = /from 'node:(child_process|net|dgram|http)'|from 'serialport'|from 'ws'|virtual-board-process|bridge-harness|supervisor-harness|notify-listener|install-child|child-script|startBridge|playwright/;
    const offenders = sources()
      .filter((file) => file.endsWith('.unit.test.ts') && file !== fileURLToPath(import.meta.url))
      .filter((file) => io.test(readFileSync(file, 'utf8')))
      .map((file) => relative(TESTS, file));
    expect(offenders).toEqual([]);
  });

  it('turn file URLs into paths with fileURLToPath, so a checkout under a folder with a space works', () => {
    const offenders = sources()
      .filter((file) => file !== fileURLToPath(import.meta.url))
      .filter((file) => /import\.meta\.url\)\.pathname/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(TESTS, file));
    expect(offenders).toEqual([]);
  });

  it('run each serial project one file at a time, after the unit tier', () => {
    const projects = (config.test?.projects ?? []) as { test: { name: string; fileParallelism?: boolean; sequence?: { groupOrder?: number } } }[];
    const unit = projects.find((p) => p.test.name === 'unit')!;
    const serial = projects.filter((p) => p.test.name.startsWith('serial-'));
    expect(serial.map((p) => p.test.name).sort()).toEqual(['serial-host', 'serial-link']);
    for (const project of serial) {
      expect(project.test.fileParallelism).toBe(false);
      expect(project.test.sequence!.groupOrder!).toBeGreaterThan(unit.test.sequence!.groupOrder!);
    }
  });
});

// Builds and runs the firmware core's C++ unit tests (protocol vectors, CRC, parser,
// debounce, quadrature, seq wrap, heartbeat, LED blink rates).

import { execFile } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFirmwareTests } from '../../../firmware-bridge/firmware/build-host.js';

function run(binary: string, args: string[] = []): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(binary, args, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout });
    });
  });
}

// A cold build on a busy two-core machine can take minutes; a warm one takes milliseconds.
const BUILD_TIMEOUT_MS = 240_000;
let binary = '';

async function testBinary(): Promise<string> {
  if (binary === '') throw new Error('the firmware tests were not built');
  return binary;
}

describe('firmware core unit tests (C++)', () => {
  beforeAll(async () => {
    const built = await buildFirmwareTests();
    if (built === null) {
      throw new Error('no C++ compiler found (tried $CXX, g++, clang++, c++): install g++ to build and test the firmware core');
    }
    binary = built;
  }, BUILD_TIMEOUT_MS);

  it('all pass and report their counts', async () => {
    const { code, stdout } = await run(await testBinary());
    const counts = /^(\d+) passed, (\d+) failed$/m.exec(stdout);
    expect(counts, stdout).not.toBeNull();
    expect(Number(counts![2]), stdout).toBe(0);
    expect(Number(counts![1])).toBeGreaterThanOrEqual(38);
    expect(code, stdout).toBe(0);
  });

  it('exits non-zero when nothing ran, so a broken filter cannot pass', async () => {
    const { code, stdout } = await run(await testBinary(), ['no-test-has-this-name']);
    expect(stdout).toMatch(/^0 passed, 0 failed$/m);
    expect(code).not.toBe(0);
  });

  it('can run one group by name', async () => {
    const { code, stdout } = await run(await testBinary(), ['quadrature']);
    const counts = /^(\d+) passed, 0 failed$/m.exec(stdout);
    expect(counts, stdout).not.toBeNull();
    expect(Number(counts![1])).toBeGreaterThanOrEqual(4);
    expect(code).toBe(0);
  });
});

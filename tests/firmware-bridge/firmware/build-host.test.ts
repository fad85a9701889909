// The Node build helper: up-to-date checks, concurrent callers, a missing compiler.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildVirtualBoard, checkSketch, findCompiler, firmwareDir } from '../../../firmware-bridge/firmware/build-host.js';

// A cold build on a busy two-core machine can take minutes; a warm one takes milliseconds.
const BUILD_TIMEOUT_MS = 240_000;
const temporaryDirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'crossroads-fw-build-'));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function helpText(binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['--help'], (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

describe('build-host', () => {
  it('finds the firmware sources and a compiler', async () => {
    expect(firmwareDir()).toMatch(/firmware-bridge[\\/]firmware$/);
    const compiler = await findCompiler();
    if (compiler === null) throw new Error('no C++ compiler found (tried $CXX, g++, clang++, c++): install g++');
  });

  it('returns null, not an exception, when the compiler does not exist', async () => {
    expect(await buildVirtualBoard({ compiler: 'no-such-compiler-c++', outDir: await freshDir() })).toBeNull();
  });

  it('builds once, then reuses the binary while the sources are older', async () => {
    const first = await buildVirtualBoard();
    if (first === null) throw new Error('no C++ compiler found: install g++');
    const before = (await stat(first)).mtimeMs;
    const second = await buildVirtualBoard();
    expect(second).toBe(first);
    expect((await stat(first)).mtimeMs).toBe(before);
    expect(await helpText(first)).toMatch(/usage: virtual-board \[--link PATH\]/);
  }, BUILD_TIMEOUT_MS);

  it('compiles the Arduino sketch against the core (with stub Arduino headers)', async () => {
    expect(await checkSketch()).toBe(true);
  });

  it('is safe when two callers build into the same folder at once, and relinks a stale binary', async () => {
    const warm = await buildVirtualBoard();
    if (warm === null) throw new Error('no C++ compiler found: install g++');
    // Objects come from the shared cache; the binaries go to a fresh folder.
    const outDir = await freshDir();
    const objDir = join(firmwareDir(), 'build', 'obj');
    const [a, b] = await Promise.all([buildVirtualBoard({ outDir, objDir }), buildVirtualBoard({ outDir, objDir })]);
    expect(a).toBe(join(outDir, 'virtual-board'));
    expect(b).toBe(a);
    expect(await helpText(a!)).toMatch(/usage: virtual-board/);
    expect(await readdir(outDir)).toEqual(['virtual-board']); // no temporary file left behind
    // A binary older than its objects is linked again.
    await utimes(a!, new Date('2000-01-01'), new Date('2000-01-01'));
    await buildVirtualBoard({ outDir, objDir });
    expect((await stat(a!)).mtime.getFullYear()).toBeGreaterThan(2000);
  }, BUILD_TIMEOUT_MS);
});

// Builds the firmware's host programs with the PC's C++ compiler: the virtual board (the
// firmware core behind a pseudo-terminal) and the core's unit tests. Tests and tools call
// this; it rebuilds only when a source is newer than the binary, and several callers at
// once are safe (each compiles to its own temporary name, then renames).

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildOptions {
  /** The compiler (only this one is tried); default: $CXX, else the first of g++, clang++, c++ that runs. */
  compiler?: string;
  /** Where the binaries go; default firmware-bridge/firmware/build (git-ignored). */
  outDir?: string;
  /** Rebuild even when the binary is newer than every source. */
  force?: boolean;
}

interface Target {
  name: string;
  /** Folders (relative to the firmware folder) whose .cpp files are compiled and whose .h files are watched. */
  folders: string[];
}

const VIRTUAL_BOARD: Target = { name: 'virtual-board', folders: ['crossroads-panel/src/core', 'host'] };
const FIRMWARE_TESTS: Target = { name: 'firmware-tests', folders: ['crossroads-panel/src/core', 'tests'] };
const FLAGS = ['-O2', '-std=c++17', '-Wall', '-Wextra'];
const CANDIDATES = ['g++', 'clang++', 'c++'];

/** The firmware folder: beside this file when run from source, else found from the package root. */
export function firmwareDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'host', 'virtual-board.cpp'))) return here;
  for (let dir = here; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      const candidate = join(dir, 'firmware-bridge', 'firmware');
      if (pkg.name === 'caspian-crossroads' && existsSync(join(candidate, 'host', 'virtual-board.cpp'))) return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the firmware sources from ${here}`);
  }
}

function run(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, output: `${stdout}${stderr}` });
    });
  });
}

/** The C++ compiler to use: `preferred` alone when given, else the first that answers `--version`; or null. */
export async function findCompiler(preferred?: string): Promise<string | null> {
  const choices = preferred ? [preferred] : [process.env['CXX'], ...CANDIDATES].filter((c): c is string => !!c);
  for (const choice of choices) {
    if ((await run(choice, ['--version'])).ok) return choice;
  }
  return null;
}

async function sourcesOf(root: string, target: Target): Promise<{ compile: string[]; newestMs: number }> {
  const compile: string[] = [];
  let newestMs = 0;
  for (const folder of target.folders) {
    const dir = join(root, folder);
    for (const entry of (await readdir(dir)).sort()) {
      if (!/\.(cpp|h)$/.test(entry)) continue;
      const file = join(dir, entry);
      newestMs = Math.max(newestMs, (await stat(file)).mtimeMs);
      if (entry.endsWith('.cpp')) compile.push(file);
    }
  }
  return { compile, newestMs };
}

async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function build(target: Target, options: BuildOptions): Promise<string | null> {
  const compiler = await findCompiler(options.compiler);
  if (compiler === null) return null;
  const root = firmwareDir();
  const outDir = options.outDir ?? join(root, 'build');
  const binary = join(outDir, target.name);
  const { compile, newestMs } = await sourcesOf(root, target);
  const builtMs = await mtimeMs(binary);
  if (!options.force && builtMs !== null && builtMs >= newestMs) return binary;

  await mkdir(outDir, { recursive: true });
  const temporary = `${binary}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const result = await run(compiler, [...FLAGS, '-o', temporary, ...compile]);
  if (!result.ok) {
    await rm(temporary, { force: true });
    throw new Error(`building ${target.name} with ${compiler} failed:\n${result.output}`);
  }
  // rename() replaces atomically: a concurrent caller sees the old binary or the new one.
  await rename(temporary, binary);
  return binary;
}

/** Path to the virtual-board binary, built if needed; null when no C++ compiler is found. */
export function buildVirtualBoard(options: BuildOptions = {}): Promise<string | null> {
  return build(VIRTUAL_BOARD, options);
}

/** Path to the firmware core's unit-test binary, built if needed; null when no C++ compiler is found. */
export function buildFirmwareTests(options: BuildOptions = {}): Promise<string | null> {
  return build(FIRMWARE_TESTS, options);
}

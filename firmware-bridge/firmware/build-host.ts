// Builds the firmware's host programs with the PC's C++ compiler: the virtual board (the
// firmware core behind a pseudo-terminal), the core's unit tests and the emulated AVR
// board's pty relay. Tests and tools call this; it rebuilds only when a source is newer
// than the binary, and several callers at once are safe (each compiles to its own
// temporary name, then renames).

import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileAll, linkIfStale, runTool, sourcesOf } from './build-steps.js';

export interface BuildOptions {
  /** The compiler (only this one is tried); default: $CXX, else the first of g++, clang++, c++ that runs. */
  compiler?: string;
  /** Where the binaries go; default firmware-bridge/firmware/build (git-ignored). */
  outDir?: string;
  /** Where compiled objects are cached; default OUTDIR/obj. */
  objDir?: string;
  /** Recompile everything even when up to date. */
  force?: boolean;
}

interface Target {
  name: string;
  /** Folders (relative to the firmware folder) whose .cpp files are compiled and linked. */
  folders: string[];
  /** Single .cpp files from other folders. */
  files?: string[];
}

const CORE = 'crossroads-panel/src/core';
const VIRTUAL_BOARD: Target = { name: 'virtual-board', folders: [CORE, 'host'] };
const FIRMWARE_TESTS: Target = { name: 'firmware-tests', folders: [CORE, 'tests'] };
// The emulated AVR board's USB-serial chip: the virtual board's pty code without the core.
const PTY_RELAY: Target = { name: 'pty-relay', folders: ['relay'], files: ['host/pty-port.cpp'] };
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

/** The C++ compiler to use: `preferred` alone when given, else the first that answers `--version`; or null. */
export async function findCompiler(preferred?: string): Promise<string | null> {
  const choices = preferred ? [preferred] : [process.env['CXX'], ...CANDIDATES].filter((c): c is string => !!c);
  for (const choice of choices) {
    if ((await runTool(choice, ['--version'])).ok) return choice;
  }
  return null;
}

async function build(target: Target, options: BuildOptions): Promise<string | null> {
  const compiler = await findCompiler(options.compiler);
  if (compiler === null) return null;
  const root = firmwareDir();
  const outDir = options.outDir ?? join(root, 'build');
  const objDir = options.objDir ?? join(outDir, 'obj');
  await mkdir(objDir, { recursive: true });
  const sources = await sourcesOf(root, target.folders, target.files ?? [], [CORE], objDir);
  const compiled = await compileAll(compiler, FLAGS, sources, options.force === true, target.name);
  const binary = join(outDir, target.name);
  await linkIfStale(compiler, FLAGS, sources, binary, compiled, target.name);
  return binary;
}

/** Path to the virtual-board binary, built if needed; null when no C++ compiler is found. */
export function buildVirtualBoard(options: BuildOptions = {}): Promise<string | null> {
  return build(VIRTUAL_BOARD, options);
}

/**
 * Compile-checks the Arduino sketch against stub Arduino headers (no linking, no board
 * core needed): the sketch still fits the core's interfaces. Resolves to false when no
 * compiler is found, true when it compiles; throws with the compiler's output otherwise.
 */
export async function checkSketch(options: Pick<BuildOptions, 'compiler'> = {}): Promise<boolean> {
  const compiler = await findCompiler(options.compiler);
  if (compiler === null) return false;
  const root = firmwareDir();
  const sketch = join(root, 'crossroads-panel', 'crossroads-panel.ino');
  const result = await runTool(compiler, [...FLAGS, '-fsyntax-only', '-I', join(root, 'tests', 'arduino-stubs'), '-x', 'c++', sketch]);
  if (!result.ok) throw new Error(`the sketch does not compile against the core:\n${result.output}`);
  return true;
}

/** Path to the firmware core's unit-test binary, built if needed; null when no C++ compiler is found. */
export function buildFirmwareTests(options: BuildOptions = {}): Promise<string | null> {
  return build(FIRMWARE_TESTS, options);
}

/** The emulated AVR board's pty relay (see relay/pty-relay.cpp), built if needed; null without a C++ compiler. */
export function buildPtyRelay(options: BuildOptions = {}): Promise<string | null> {
  return build(PTY_RELAY, options);
}

// Builds the firmware's host programs with the PC's C++ compiler: the virtual board (the
// firmware core behind a pseudo-terminal) and the core's unit tests. Tests and tools call
// this; it rebuilds only when a source is newer than the binary, and several callers at
// once are safe (each compiles to its own temporary name, then renames).

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

const CORE = 'crossroads-panel/src/core';
const VIRTUAL_BOARD: Target = { name: 'virtual-board', folders: [CORE, 'host'] };
const FIRMWARE_TESTS: Target = { name: 'firmware-tests', folders: [CORE, 'tests'] };
const FLAGS = ['-O2', '-std=c++17', '-Wall', '-Wextra'];
const CANDIDATES = ['g++', 'clang++', 'c++'];
// Two cores on the kiosk and on the test machine: more parallel compiles only thrash.
const PARALLEL_COMPILES = 2;
// A lock older than this is taken over even if its owner still runs (a hung compiler).
const STALE_LOCK_MS = 5 * 60_000;

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

interface Source {
  file: string;
  /** Newest of the file itself and the headers it can include (its folder's and the core's). */
  changedMs: number;
  object: string;
}

async function newestHeaderMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir)) {
    if (entry.endsWith('.h')) newest = Math.max(newest, (await stat(join(dir, entry))).mtimeMs);
  }
  return newest;
}

async function sourcesOf(root: string, target: Target, objDir: string): Promise<Source[]> {
  const coreHeadersMs = await newestHeaderMs(join(root, CORE));
  const sources: Source[] = [];
  for (const folder of target.folders) {
    const dir = join(root, folder);
    const headersMs = Math.max(coreHeadersMs, await newestHeaderMs(dir));
    for (const entry of (await readdir(dir)).sort()) {
      if (!entry.endsWith('.cpp')) continue;
      const file = join(dir, entry);
      const changedMs = Math.max(headersMs, (await stat(file)).mtimeMs);
      sources.push({ file, changedMs, object: join(objDir, `${folder.replace(/[\\/]/g, '-')}-${entry.replace(/\.cpp$/, '.o')}`) });
    }
  }
  return sources;
}

async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding `${file}.lock`, so that concurrent builds (test files run in parallel)
 * compile each object once instead of fighting over the two cores. A lock whose owner
 * died is taken over.
 */
async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
      const ageMs = Date.now() - ((await mtimeMs(lock)) ?? Date.now());
      if ((Number.isInteger(owner) && owner > 0 && !processAlive(owner)) || ageMs > STALE_LOCK_MS) {
        await rm(lock, { force: true });
        continue;
      }
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Compiles to a temporary name, then renames it over `output`: readers never see half a file. */
async function produce(compiler: string, output: string, args: string[], what: string): Promise<void> {
  const temporary = `${output}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const result = await run(compiler, [...args, '-o', temporary]);
  if (!result.ok) {
    await rm(temporary, { force: true });
    throw new Error(`building ${what} with ${compiler} failed:\n${result.output}`);
  }
  await rename(temporary, output);
}

async function isStale(output: string, changedMs: number, force: boolean): Promise<boolean> {
  const builtMs = await mtimeMs(output);
  return force || builtMs === null || builtMs < changedMs;
}

async function build(target: Target, options: BuildOptions): Promise<string | null> {
  const compiler = await findCompiler(options.compiler);
  if (compiler === null) return null;
  const root = firmwareDir();
  const outDir = options.outDir ?? join(root, 'build');
  const objDir = options.objDir ?? join(outDir, 'obj');
  await mkdir(objDir, { recursive: true });
  const sources = await sourcesOf(root, target, objDir);
  const force = options.force === true;

  let compiled = false;
  const queue = [...sources];
  const worker = async (): Promise<void> => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      const { object, changedMs, file } = source;
      if (!(await isStale(object, changedMs, force))) continue;
      await withLock(object, async () => {
        // Another build may have made it while this one waited for the lock.
        if (!force && !(await isStale(object, changedMs, false))) return;
        await produce(compiler, object, [...FLAGS, '-c', file], `${target.name} (${file})`);
        compiled = true;
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_COMPILES }, worker));

  const binary = join(outDir, target.name);
  let newestObjectMs = 0;
  for (const source of sources) newestObjectMs = Math.max(newestObjectMs, (await mtimeMs(source.object)) ?? Infinity);
  if (compiled || (await isStale(binary, newestObjectMs, false))) {
    await withLock(binary, async () => {
      if (!compiled && !(await isStale(binary, newestObjectMs, false))) return;
      await produce(compiler, binary, [...FLAGS, ...sources.map((source) => source.object)], target.name);
    });
  }
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
  const result = await run(compiler, [...FLAGS, '-fsyntax-only', '-I', join(root, 'tests', 'arduino-stubs'), '-x', 'c++', sketch]);
  if (!result.ok) throw new Error(`the sketch does not compile against the core:\n${result.output}`);
  return true;
}

/** Path to the firmware core's unit-test binary, built if needed; null when no C++ compiler is found. */
export function buildFirmwareTests(options: BuildOptions = {}): Promise<string | null> {
  return build(FIRMWARE_TESTS, options);
}

// The steps every firmware build shares, the PC's and the AVR's: running a tool,
// compiling only what changed, renaming finished outputs into place, and a lock file so
// that callers running at once (test files in parallel) compile each object once.

import { execFile } from 'node:child_process';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

// Two cores on the kiosk and on the test machine: more parallel compiles only thrash.
const PARALLEL_COMPILES = 2;
// A lock older than this is taken over even if its owner still runs (a hung compiler).
const STALE_LOCK_MS = 5 * 60_000;

export interface ToolResult {
  ok: boolean;
  output: string;
}

export function runTool(command: string, args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, output: `${stdout}${stderr}` });
    });
  });
}

export interface Source {
  file: string;
  /** Newest of the file itself and the headers it can include (its folder's and the core's). */
  changedMs: number;
  object: string;
}

export async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function newestHeaderMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir)) {
    if (entry.endsWith('.h')) newest = Math.max(newest, (await stat(join(dir, entry))).mtimeMs);
  }
  return newest;
}

/**
 * The .cpp files of `folders` (relative to `root`), and single `files`, each with the
 * object it compiles to; a change to a header of its own folder or of any folder in
 * `sharedHeaders` counts as a change to it.
 */
export async function sourcesOf(root: string, folders: string[], files: string[], sharedHeaders: string[], objDir: string): Promise<Source[]> {
  let sharedMs = 0;
  for (const folder of sharedHeaders) sharedMs = Math.max(sharedMs, await newestHeaderMs(join(root, folder)));
  const entries: { folder: string; entry: string }[] = [];
  for (const folder of folders) {
    for (const entry of (await readdir(join(root, folder))).sort()) if (entry.endsWith('.cpp')) entries.push({ folder, entry });
  }
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    entries.push({ folder: file.slice(0, slash), entry: file.slice(slash + 1) });
  }
  const sources: Source[] = [];
  for (const { folder, entry } of entries) {
    const file = join(root, folder, entry);
    const headersMs = Math.max(sharedMs, await newestHeaderMs(join(root, folder)));
    const changedMs = Math.max(headersMs, (await stat(file)).mtimeMs);
    sources.push({ file, changedMs, object: join(objDir, `${folder.replace(/[\\/]/g, '-')}-${entry.replace(/\.cpp$/, '.o')}`) });
  }
  return sources;
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

/** Runs `fn` holding `${file}.lock`; a lock whose owner died is taken over. */
export async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
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

/** Runs `tool` writing to a temporary name, then renames it over `output`: readers never see half a file. */
export async function produce(tool: string, output: string, args: string[], what: string, outputFlag: string[] = ['-o']): Promise<void> {
  const temporary = `${output}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const result = await runTool(tool, [...args, ...outputFlag, temporary]);
  if (!result.ok) {
    await rm(temporary, { force: true });
    throw new Error(`building ${what} with ${tool} failed:\n${result.output}`);
  }
  await rename(temporary, output);
}

export async function isStale(output: string, changedMs: number, force: boolean): Promise<boolean> {
  const builtMs = await mtimeMs(output);
  return force || builtMs === null || builtMs < changedMs;
}

/** Compiles each stale source with `compiler flags -c`, two at a time; true when any was compiled. */
export async function compileAll(compiler: string, flags: string[], sources: Source[], force: boolean, what: string): Promise<boolean> {
  let compiled = false;
  const queue = [...sources];
  const worker = async (): Promise<void> => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      const { object, changedMs, file } = source;
      if (!(await isStale(object, changedMs, force))) continue;
      await withLock(object, async () => {
        // Another build may have made it while this one waited for the lock.
        if (!force && !(await isStale(object, changedMs, false))) return;
        await produce(compiler, object, [...flags, '-c', file], `${what} (${file})`);
        compiled = true;
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_COMPILES }, worker));
  return compiled;
}

/** Links the objects into `binary` when one is newer than it (or `compiled` says so); true when it linked. */
export async function linkIfStale(compiler: string, flags: string[], sources: Source[], binary: string, compiled: boolean, what: string): Promise<boolean> {
  let newestObjectMs = 0;
  for (const source of sources) newestObjectMs = Math.max(newestObjectMs, (await mtimeMs(source.object)) ?? Infinity);
  if (!compiled && !(await isStale(binary, newestObjectMs, false))) return false;
  return withLock(binary, async () => {
    if (!compiled && !(await isStale(binary, newestObjectMs, false))) return false;
    await produce(compiler, binary, [...flags, ...sources.map((source) => source.object)], what);
    return true;
  });
}

// The installed packs on disk, laid out so that a power cut at any moment
// leaves a complete pack current:
//   DATA/packs/<id>-<version>/   one folder per installed version
//   DATA/packs/current           JSON {current, previous}, replaced only by rename
//   DATA/packs/.staging-<random>/ a pack being written; never read, cleared at start-up
//   DATA/packs.lock               held while a process changes DATA/packs (data-lock.ts)
// A version folder appears by renaming a fully written and fsynced staging
// folder, and becomes current only when the pointer file is renamed over.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncPath as fsyncPath, tempPrefixFor, writeFileAtomic } from '../core/atomic-file.js';
import type { FileWriter } from './pack-validator.js';

export interface PointerEntry {
  /** Folder name under DATA/packs. */
  dir: string;
  id: string;
  version: string;
  installedAt: string;
}

export interface Pointer {
  current: PointerEntry;
  previous: PointerEntry | null;
}

const STAGING_PREFIX = '.staging-';
const POINTER = 'current';
const POINTER_TEMP_PREFIX = tempPrefixFor(POINTER);

function isEntry(value: unknown): value is PointerEntry {
  const v = value as PointerEntry;
  return (
    typeof v === 'object' && v !== null &&
    typeof v.dir === 'string' && /^[a-z0-9][a-z0-9.+_-]*$/i.test(v.dir) &&
    typeof v.id === 'string' && typeof v.version === 'string' && typeof v.installedAt === 'string'
  );
}

/** A pack being written; its files are fsynced as they finish, its folders on finalize(). */
export class Staging {
  private readonly folders = new Set<string>();
  private readonly handles = new Set<FileHandle>();

  constructor(readonly dir: string) {}

  async writer(path: string): Promise<FileWriter> {
    const target = join(this.dir, ...path.split('/'));
    const parent = dirname(target);
    await mkdir(parent, { recursive: true });
    for (let dir = parent; dir.startsWith(this.dir) && dir !== this.dir; dir = dirname(dir)) this.folders.add(dir);
    const handle = await open(target, 'wx', 0o644);
    this.handles.add(handle);
    return {
      write: async (chunk) => {
        // A write may take only part of the buffer; keep going until all of it is down.
        for (let offset = 0; offset < chunk.length; ) {
          offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
        }
      },
      finish: async () => {
        await handle.sync();
        this.handles.delete(handle);
        await handle.close();
      },
    };
  }

  /** Makes the folder entries durable, deepest first. */
  async finalize(): Promise<void> {
    const folders = [...this.folders].sort((a, b) => b.length - a.length);
    for (const folder of [...folders, this.dir]) await fsyncPath(folder);
  }

  /** Closes files left open by a refused pack and removes the folder. */
  async discard(): Promise<void> {
    for (const handle of this.handles) await handle.close().catch(() => {});
    this.handles.clear();
    await rm(this.dir, { recursive: true, force: true });
  }
}

export class PackLayout {
  readonly packsDir: string;
  readonly trustedKeysDir: string;
  /** Beside DATA/packs, not in it: the start-up cleanup removes what it does not know there. */
  readonly lockFile: string;

  constructor(readonly dataDir: string) {
    this.packsDir = join(dataDir, 'packs');
    this.trustedKeysDir = join(dataDir, 'trusted-keys');
    this.lockFile = join(dataDir, 'packs.lock');
  }

  dirOf(entry: PointerEntry): string {
    return join(this.packsDir, entry.dir);
  }

  /** The pointer, or null when nothing is installed; throws with a reason when it is unreadable. */
  async readPointer(): Promise<Pointer | null> {
    let text: string;
    try {
      text = await readFile(join(this.packsDir, POINTER), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const value = JSON.parse(text) as Pointer;
    if (!isEntry(value.current) || (value.previous !== null && !isEntry(value.previous))) {
      throw new Error(`${join(this.packsDir, POINTER)} is not a pack pointer`);
    }
    return value;
  }

  /** Temp file, fsync, rename over, fsync the folder: the switch is all or nothing. */
  async writePointer(pointer: Pointer): Promise<void> {
    await writeFileAtomic(join(this.packsDir, POINTER), JSON.stringify(pointer, null, 2) + '\n');
  }

  async createStaging(): Promise<Staging> {
    await mkdir(this.packsDir, { recursive: true });
    const dir = join(this.packsDir, STAGING_PREFIX + randomBytes(6).toString('hex'));
    await mkdir(dir);
    return new Staging(dir);
  }

  /** Renames a finalized staging folder to DATA/packs/<name>, replacing an unreferenced leftover. */
  async promote(staging: Staging, name: string): Promise<void> {
    const target = join(this.packsDir, name);
    await rm(target, { recursive: true, force: true });
    await rename(staging.dir, target);
    await fsyncPath(this.packsDir);
  }

  /**
   * Removes what an interrupted install or an old version left: staging
   * folders, temp pointers and version folders the pointer does not name.
   * Only at start-up (or after a switch, without staging), when nothing else writes.
   */
  async removeLeftovers(pointer: Pointer | null, options: { staging: boolean; versions: boolean }): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.packsDir);
    } catch {
      return [];
    }
    const keep = new Set([POINTER, pointer?.current.dir, pointer?.previous?.dir]);
    const removed: string[] = [];
    for (const name of names) {
      if (keep.has(name)) continue;
      const isStaging = name.startsWith(STAGING_PREFIX) || name.startsWith(POINTER_TEMP_PREFIX);
      if (isStaging ? !options.staging : !options.versions) continue;
      await rm(join(this.packsDir, name), { recursive: true, force: true });
      removed.push(name);
    }
    if (removed.length > 0) await fsyncPath(this.packsDir);
    return removed;
  }
}

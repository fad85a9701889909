// The bridge's one way to replace a file so that a power cut at any moment
// leaves either the old or the new content, never half of one: write a
// temporary file beside it, fsync it, rename it over the target, fsync the
// folder. The pack pointer, the visit counts, the fleet's nonces, a stick's
// report and a built zip all go through here.

import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permissions of a new file; default 0o644. */
  mode?: number;
  /**
   * `required` (the default): a folder that cannot be synced is an error.
   * `best-effort`: for USB sticks, whose FAT file system cannot sync a folder.
   */
  folderSync?: 'required' | 'best-effort';
}

/** A hidden, unique name beside `path` (`.NAME.tmp-<hex>`), for a file being written. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
}

/** The prefix of every temporary name tempPathFor() gives for a file called `name`. */
export function tempPrefixFor(name: string): string {
  return `.${name}.tmp-`;
}

/** fsync of a file or folder by path. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(dir: string, mode: AtomicWriteOptions['folderSync']): Promise<void> {
  try {
    await syncPath(dir);
  } catch (error) {
    if (mode !== 'best-effort') throw error;
  }
}

/** Makes a fully written temporary file the content of `path`: fsync, rename over, fsync the folder. */
export async function commitFile(temp: string, path: string, options: AtomicWriteOptions = {}): Promise<void> {
  try {
    await syncPath(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path), options.folderSync);
}

/** Replaces `path` with `content`, all or nothing. */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await commitFile(temp, path, options);
}

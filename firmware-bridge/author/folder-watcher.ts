// Watches a pack folder being authored and calls back once a burst of file
// events has settled (an editor's save is often a write, a rename and a
// chmod). Each folder is watched itself, not its files: a folder's watch sees
// a file written in place and one renamed over the old (as many editors
// save), where a watch on the file would end with the old file. Folders are
// listed again after each change, so a new images/ folder is watched too.

import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';

export interface FolderWatcherOptions {
  dir: string;
  log: Logger;
  /** Quiet time after the last event before onChange, ms. */
  settleMs?: number;
  onChange: () => void;
}

/** A pack holds at most 5,000 entries; deeper than this is not worth watching. */
const MAX_DEPTH = 8;

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly options: FolderWatcherOptions) {}

  start(): void {
    this.running = true;
    this.sync();
  }

  /** How many folder watches are open, for the leak tests. */
  get active(): number {
    return this.watchers.size;
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      this.sync();
      this.options.onChange();
    }, this.options.settleMs ?? 40);
  }

  /** Watches every folder there is now and drops the watches of folders gone. Symbolic links are not followed. */
  private sync(): void {
    const folders = new Set<string>();
    const walk = (dir: string, depth: number): void => {
      folders.add(dir);
      if (depth >= MAX_DEPTH) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return; // gone or unreadable: the checks say so
      }
      for (const entry of entries) if (entry.isDirectory()) walk(join(dir, entry.name), depth + 1);
    };
    walk(this.options.dir, 0);
    for (const [dir, watcher] of this.watchers) {
      if (!folders.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of folders) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, () => this.changed());
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(dir);
          this.changed();
        });
        this.watchers.set(dir, watcher);
      } catch (error) {
        this.options.log.warn(`cannot watch ${dir}: ${(error as Error).message}`);
      }
    }
  }
}

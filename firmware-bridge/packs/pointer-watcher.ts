// Watches DATA/packs for the "current" pointer being replaced (it is only
// ever renamed over), so the running bridge follows an install or rollback
// made by `crossroads pack` from another process. A burst of events becomes
// one call. Where the folder cannot be watched (inotify limits), the pointer
// is polled instead.

import { watch, watchFile, unwatchFile, type FSWatcher, type Stats } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';

export interface PointerWatcherOptions {
  packsDir: string;
  log: Logger;
  onChange: () => void;
  /** Coalesces the events of one replacement. */
  settleMs?: number;
  /** Polling interval when watching fails. */
  pollMs?: number;
}

const POINTER = 'current';

export class PointerWatcher {
  private watcher: FSWatcher | null = null;
  private polling = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly pointerPath: string;

  constructor(private readonly options: PointerWatcherOptions) {
    this.pointerPath = join(options.packsDir, POINTER);
  }

  async start(): Promise<void> {
    await mkdir(this.options.packsDir, { recursive: true });
    try {
      this.watcher = watch(this.options.packsDir, { persistent: false }, (_event, name) => {
        if (name === null || name === POINTER) this.schedule();
      });
      this.watcher.on('error', (error) => this.fallBack(error));
    } catch (error) {
      this.fallBack(error as Error);
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.polling) unwatchFile(this.pointerPath, this.onPoll);
    this.polling = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly onPoll = (now: Stats, before: Stats): void => {
    if (now.ino !== before.ino || now.mtimeMs !== before.mtimeMs) this.schedule();
  };

  private fallBack(error: Error): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.polling) return;
    this.options.log.warn(`cannot watch ${this.options.packsDir} (${error.message}); checking it every few seconds instead`);
    this.polling = true;
    watchFile(this.pointerPath, { interval: this.options.pollMs ?? 2_000, persistent: false }, this.onPoll);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.options.onChange();
    }, this.options.settleMs ?? 50);
  }
}

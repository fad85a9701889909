// Counts scenario openings from the page's `view` messages: one each time a
// visitor (or a class) arrives at a scenario, not the attract loop's drift
// nor the maintenance screen. Kept in DATA/stats/interactions.json across
// restarts (written atomically, a moment after a change, and on stop), and
// written as CSV to a USB stick on request (writeCsv).

import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { PageMessage } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import { addOpen, countsToCsv, localDay, parseCounts, serializeCounts, type DayCounts } from './interaction-counts.js';

export interface InteractionCounterOptions {
  bus: EventBus;
  log: Logger;
  dataDir: string;
  mediaDir?: string;
  /** The clock (tests). */
  now?: () => Date;
  /** Delay before a change is written; several openings share one write. */
  saveDelayMs?: number;
}

export class InteractionCounter implements Capability {
  readonly name = 'interaction-counter';
  private days: DayCounts = {};
  private lastScenario: string | null = null;
  private unsubscribe: (() => void) | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly now: () => Date;

  constructor(private readonly options: InteractionCounterOptions) {
    this.log = options.log.child('stats');
    this.now = options.now ?? (() => new Date());
  }

  get file(): string {
    return join(this.options.dataDir, 'stats', 'interactions.json');
  }

  async start(): Promise<void> {
    await mkdir(join(this.options.dataDir, 'stats'), { recursive: true });
    this.days = await this.load();
    this.unsubscribe ??= this.options.bus.on('page.message', (message) => this.onMessage(message));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.queueSave();
    }
    await this.saving;
  }

  /** A copy of the counts: day -> scenario -> times opened. */
  counts(): DayCounts {
    return structuredClone(this.days);
  }

  /** Writes every day's counts as CSV into `dir` (e.g. a stick's crossroads/ folder); returns the file's path. */
  async writeCsv(dir: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const at = this.now();
    const stamp = localDay(at).replace(/-/g, '') + '-' + [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
    const path = join(dir, `interactions-${stamp}.csv`);
    // A stick's FAT cannot sync a folder; the file itself is still synced before the rename.
    await writeFileAtomic(path, countsToCsv(this.days), { folderSync: 'best-effort' });
    this.log.info(`wrote interaction counts to ${path}`);
    return path;
  }

  private onMessage(message: PageMessage): void {
    if (message.type !== 'view') return;
    if (message.mode === 'maintenance') return;
    if (message.mode === 'attract' || message.scenario === null) {
      // The next scenario a visitor reaches counts, even the one the loop stopped on.
      this.lastScenario = null;
      return;
    }
    if (message.scenario === this.lastScenario) return;
    this.lastScenario = message.scenario;
    addOpen(this.days, localDay(this.now()), message.scenario);
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.queueSave();
    }, this.options.saveDelayMs ?? 2000);
  }

  private queueSave(): void {
    const text = serializeCounts(this.days);
    this.saving = this.saving
      .then(() => writeFileAtomic(this.file, text, { folderSync: 'best-effort' }))
      .catch((error: Error) => this.log.error(`cannot save interaction counts: ${error.message}`));
  }

  private async load(): Promise<DayCounts> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`cannot read ${this.file}: ${(error as Error).message}`);
      return {};
    }
    try {
      return parseCounts(text);
    } catch (error) {
      // Keep the damaged file for a person to look at; start counting afresh.
      const aside = `${this.file}.bad-${Date.now()}`;
      await rename(this.file, aside).catch(() => undefined);
      this.log.warn(`${this.file} is damaged (${(error as Error).message}); kept it as ${aside} and started new counts`);
      return {};
    }
  }
}

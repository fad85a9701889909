// Watches for USB sticks holding content packs. Automounted sticks appear as
// /media/STICK or /media/USER/STICK; fs.watch misses mounts, so the media
// folder is polled. A new stick with a crossroads/ folder has the newest
// valid version of each pack id installed, the result shown on screen
// (install.status) and written back to the stick; nothing on it is removed.

import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InstallStatus } from '../api/messages.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { compareSemVer } from '../core/semver.js';
import { describeError } from './pack-problem.js';
import type { PackStore } from './pack-store.js';
import { peekPack } from './pack-validator.js';
import { reportName, reportText, resultLines, type StickResult } from './stick-report.js';

export interface UsbWatcherOptions {
  bus: EventBus;
  log: Logger;
  store: PackStore;
  mediaDir?: string;
  pollMs?: number;
  /** Least time between progress updates on screen. */
  statusEveryMs?: number;
  /** Called with the stick's crossroads/ folder after its packs are handled; returns a file it wrote. */
  onStick?: (folder: string) => Promise<string | null>;
}

const PACK_FOLDER = 'crossroads';

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function subfolders(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => join(path, d.name));
  } catch {
    return [];
  }
}

export class UsbWatcher implements Capability {
  readonly name = 'usb';
  private readonly mediaDir: string;
  private readonly pollMs: number;
  private readonly statusEveryMs: number;
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> = Promise.resolve();
  private work: Promise<void> = Promise.resolve();
  private readonly aborts = new Map<string, AbortController>();
  private stopped = true;

  constructor(private readonly options: UsbWatcherOptions) {
    this.mediaDir = options.mediaDir ?? '/media';
    this.pollMs = options.pollMs ?? 2000;
    this.statusEveryMs = options.statusEveryMs ?? 250;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const abort of this.aborts.values()) abort.abort(new Error('the kiosk is shutting down'));
    await this.polling;
    await this.work;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => this.schedule(this.pollMs));
    }, delay);
  }

  /** Stick roots: /media/X or /media/X/Y holding a crossroads/ folder. */
  private async findSticks(): Promise<Set<string>> {
    const found = new Set<string>();
    for (const first of await subfolders(this.mediaDir)) {
      if (await isDir(join(first, PACK_FOLDER))) {
        found.add(first);
        continue;
      }
      for (const second of await subfolders(first)) if (await isDir(join(second, PACK_FOLDER))) found.add(second);
    }
    return found;
  }

  private async poll(): Promise<void> {
    const sticks = await this.findSticks();
    for (const stick of [...this.known]) {
      if (sticks.has(stick)) continue;
      this.known.delete(stick);
      this.options.log.info(`stick removed: ${stick}`);
      const abort = this.aborts.get(stick);
      if (abort) abort.abort(new Error('the stick was removed'));
      else this.status({ phase: 'idle', progress: 0, lines: [] });
    }
    for (const stick of sticks) {
      if (this.known.has(stick)) continue;
      this.known.add(stick);
      this.options.log.info(`stick found: ${stick}`);
      const abort = new AbortController();
      this.aborts.set(stick, abort);
      this.work = this.work
        .then(() => this.processStick(stick, abort.signal))
        .catch((error: unknown) => this.options.log.error(`stick ${stick}: ${describeError(error)}`))
        .finally(() => this.aborts.delete(stick));
    }
  }

  private status(status: InstallStatus): void {
    this.options.bus.emit('install.status', status);
  }

  private async processStick(stick: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const folder = join(stick, PACK_FOLDER);
    this.status({ phase: 'reading', progress: 0, lines: [`reading ${basename(stick)}`] });
    const results: StickResult[] = [];
    let note: string | null = null;
    try {
      await this.installFrom(folder, results, signal);
    } catch (error) {
      note = `reading the stick failed: ${describeError(error)}`;
    }
    const gone = !(await isDir(folder));
    if (signal.aborted || gone) {
      const why = signal.aborted ? describeError(signal.reason) : 'the stick was removed';
      note = `${why} before reading finished; the pack on screen is unchanged`;
    }
    const lines = resultLines(results);
    if (results.length === 0 && !note) lines.push(`no .zip packs in ${PACK_FOLDER}/ on this stick`);
    if (note) lines.push(note);
    if (!signal.aborted && !gone) {
      const extra = await this.options.onStick?.(folder).catch((error: unknown) => {
        this.options.log.warn(`stick ${basename(stick)}: ${describeError(error)}`);
        return null;
      });
      if (extra) lines.push(`${PACK_FOLDER}/${basename(extra)} written`);
      const written = await this.writeReport(folder, lines);
      lines.push(written ? `report written to ${PACK_FOLDER}/${written}` : 'the report could not be written to the stick (it may be read-only); the result is only on screen');
    }
    const installed = results.some((r) => r.outcome === 'installed');
    const refused = results.some((r) => r.outcome === 'refused');
    const phase = note || (refused && !installed) ? 'failed' : 'done';
    for (const line of lines) this.options.log.info(`stick ${basename(stick)}: ${line}`);
    this.status({ phase, progress: 1, lines });
  }

  private async installFrom(folder: string, results: StickResult[], signal: AbortSignal): Promise<void> {
    const names = (await readdir(folder, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.') && d.name.toLowerCase().endsWith('.zip'))
      .map((d) => d.name)
      .sort();
    const groups = new Map<string, { zip: string; version: string | null }[]>();
    for (const zip of names) {
      signal.throwIfAborted();
      const peeked = await peekPack(join(folder, zip));
      // A zip whose manifest cannot be read is still tried alone, to report why it is refused.
      const key = peeked ? `id:${peeked.id}` : `zip:${zip}`;
      groups.set(key, [...(groups.get(key) ?? []), { zip, version: peeked?.version ?? null }]);
    }
    const attempts = Math.max(1, names.length);
    let done = 0;
    let lastStatus = 0;
    for (const [, candidates] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      candidates.sort((a, b) => (a.version && b.version ? compareSemVer(b.version, a.version) : 0));
      for (const candidate of candidates) {
        signal.throwIfAborted();
        const result = await this.options.store.install(
          join(folder, candidate.zip),
          (fraction) => {
            const now = Date.now();
            if (now - lastStatus < this.statusEveryMs) return;
            lastStatus = now;
            this.status({ phase: 'installing', progress: Math.min(1, (done + fraction) / attempts), lines: [...resultLines(results), `installing ${candidate.zip}`] });
          },
          signal,
        );
        done++;
        results.push({ zip: candidate.zip, outcome: result.status, info: result.info ?? undefined, problems: result.problems });
        // The newest valid version wins; older ones are not newer than it, nor than what is installed when skipped.
        if (result.status !== 'refused') break;
      }
    }
  }

  /** Writes the report next to the packs; null when the stick refuses (read-only, full, gone). */
  private async writeReport(folder: string, lines: string[]): Promise<string | null> {
    const at = new Date();
    const name = reportName(at);
    const current = (() => {
      try {
        return this.options.store.current().info;
      } catch {
        return null;
      }
    })();
    try {
      // A pulled stick leaves no half report; its FAT cannot sync the folder itself.
      await writeFileAtomic(join(folder, name), reportText({ at, kioskVersion: this.options.store.kioskVersion, lines, current }), { folderSync: 'best-effort' });
      return name;
    } catch (error) {
      this.options.log.warn(`cannot write ${join(folder, name)}: ${describeError(error)}`);
      return null;
    }
  }
}


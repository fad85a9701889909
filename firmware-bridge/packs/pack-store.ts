// Owns which content pack is on screen: the installed one under the data
// folder when it validates, else the built-in pack shipped with the code.
// The built-in pack is trusted as code, so it is validated without the
// signature check; installed packs must be signed by a trusted key.
// Every change to DATA/packs happens under the data folder's lock, so the
// bridge and `crossroads pack` never write there at once, and the store
// follows the pointer on disk, so a command-line install or rollback shows
// on screen without a restart.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { PackInfo } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { DataLock, DataLockBusy } from './data-lock.js';
import { installPack, swapToPrevious, type ProgressListener } from './pack-installer.js';
import { PackLayout, type Pointer, type PointerEntry } from './pack-layout.js';
import { DEFAULT_LIMITS, formatProblem, type PackLimits, type PackProblem } from './pack-problem.js';
import { loadTrustedKeys } from './pack-signature.js';
import { validatePack, type ValidationResult } from './pack-validator.js';
import { PointerWatcher } from './pointer-watcher.js';
import { compareSemVer, parseSemVer } from '../core/semver.js';

export class PackError extends Error {
  constructor(
    readonly path: string,
    readonly reasons: string[],
  ) {
    super(`${path}: ${reasons.join('; ')}`);
    this.name = 'PackError';
  }
}

export interface PackStoreOptions {
  bus: EventBus;
  log: Logger;
  dataDir: string;
  builtInDir: string;
  kioskVersion: string;
  allowUnsigned?: boolean;
  limits?: PackLimits;
  /** Who takes the data folder's lock, for the message another writer shows; default "crossroads start". */
  lockOwner?: string;
  /** How long an install or rollback waits for another process's; default 60 s. */
  lockWaitMs?: number;
}

const DEFAULT_LOCK_WAIT_MS = 60_000;

export interface CurrentPack {
  pack: PackManifest;
  info: PackInfo;
  /** The folder holding the pack's files (pack.json, images/, audio/): the built-in pack's or the installed version's. */
  dir: string;
}

export interface InstallResult {
  status: 'installed' | 'skipped' | 'refused';
  info: PackInfo | null;
  problems: PackProblem[];
}

export interface RollbackResult {
  info: PackInfo | null;
  /** Why nothing changed, when info is null. */
  reason: string | null;
}

function installedInfo(entry: PointerEntry): PackInfo {
  return { id: entry.id, version: entry.version, source: 'installed', installedAt: entry.installedAt };
}

export class PackStore implements Capability {
  readonly name = 'packs';
  readonly layout: PackLayout;
  private active: CurrentPack | null = null;
  private pointer: Pointer | null = null;
  private builtIn: PackManifest | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lock: DataLock;
  private watcher: PointerWatcher | null = null;

  constructor(private readonly options: PackStoreOptions) {
    this.layout = new PackLayout(options.dataDir);
    this.lock = new DataLock(this.layout.lockFile, options.lockOwner ?? 'crossroads start');
  }

  get kioskVersion(): string {
    return this.options.kioskVersion;
  }

  async start(): Promise<void> {
    const { log } = this.options;
    let pointerReadable = true;
    try {
      this.pointer = await this.layout.readPointer();
    } catch (error) {
      pointerReadable = false;
      log.warn(`the installed-pack pointer cannot be read (${(error as Error).message}); showing the built-in pack`);
    }
    await this.removeLeftovers(pointerReadable);

    const builtIn = await this.validateFolder(this.options.builtInDir, false);
    this.builtIn = builtIn.manifest;
    if (this.pointer) {
      const entry = this.pointer.current;
      const installed = await this.validateInstalled(entry);
      if (installed.ok && installed.manifest) this.active = { pack: installed.manifest, info: installedInfo(entry), dir: this.layout.dirOf(entry) };
      else log.warn(`installed pack ${entry.dir} cannot be used, showing the built-in pack: ${installed.problems.map(formatProblem).join('; ')}`);
    }
    if (this.active && !builtIn.manifest) {
      log.warn(`the built-in pack at ${this.options.builtInDir} has problems (not shown now): ${builtIn.problems.map(formatProblem).join('; ')}`);
    }
    if (!this.active) {
      if (!builtIn.manifest) throw new PackError(this.options.builtInDir, builtIn.problems.map(formatProblem));
      this.active = { pack: builtIn.manifest, info: this.builtInInfo(builtIn.manifest), dir: this.options.builtInDir };
    }
    log.info(`showing pack ${this.active.info.id} ${this.active.info.version} (${this.active.info.source})`);
    this.options.bus.emit('pack.changed', this.active);
    this.watcher = new PointerWatcher({ packsDir: this.layout.packsDir, log, onChange: () => void this.followDisk() });
    await this.watcher.start();
  }

  async stop(): Promise<void> {
    this.watcher?.stop();
    this.watcher = null;
    await this.queue.catch(() => {});
  }

  current(): CurrentPack {
    if (!this.active) throw new Error('pack store not started');
    return this.active;
  }

  /** The built-in pack and the installed current and previous versions. */
  list(): PackInfo[] {
    const infos: PackInfo[] = [];
    if (this.builtIn) infos.push(this.builtInInfo(this.builtIn));
    if (this.pointer) infos.push(installedInfo(this.pointer.current));
    if (this.pointer?.previous) infos.push(installedInfo(this.pointer.previous));
    return infos;
  }

  /** Installs a pack zip exactly as a USB stick would; the current pack is untouched unless it succeeds. */
  install(path: string, onProgress?: ProgressListener, signal?: AbortSignal): Promise<InstallResult> {
    const onWait = (): void => onProgress?.(0, 'waiting for another install to finish');
    return this.locked(onWait, (busy) => ({ status: 'refused', info: null, problems: [{ file: this.layout.packsDir, field: '', message: busy.message }] }), async () => {
      const known = await this.knownVersions();
      const outcome = await installPack(this.layout, {
        path,
        trustedKeys: await loadTrustedKeys(this.layout.trustedKeysDir),
        requireSignature: !this.options.allowUnsigned,
        kioskVersion: this.options.kioskVersion,
        limits: this.options.limits ?? DEFAULT_LIMITS,
        newestKnown: (id) =>
          known.filter((k) => k.id === id).reduce<string | null>((max, k) => (max === null || compareSemVer(k.version, max) > 0 ? k.version : max), null),
        onProgress,
        signal,
      });
      if (outcome.status !== 'installed') return { status: outcome.status, info: null, problems: outcome.problems };
      this.pointer = outcome.pointer;
      this.switchTo({ pack: outcome.manifest, info: installedInfo(outcome.pointer.current), dir: this.layout.dirOf(outcome.pointer.current) });
      return { status: 'installed', info: this.active!.info, problems: [] };
    });
  }

  /** Makes the previous installed pack current again (and the current one previous). */
  rollback(): Promise<RollbackResult> {
    return this.locked(undefined, (busy) => ({ info: null, reason: busy.message }), async () => {
      const pointer = await this.layout.readPointer();
      if (!pointer?.previous) return { info: null, reason: 'there is no previous installed pack to go back to' };
      const checked = await this.validateInstalled(pointer.previous);
      if (!checked.ok || !checked.manifest) {
        return { info: null, reason: `the previous pack ${pointer.previous.dir} cannot be used: ${checked.problems.map(formatProblem).join('; ')}` };
      }
      this.pointer = await swapToPrevious(this.layout);
      const info = installedInfo(this.pointer!.current);
      this.switchTo({ pack: checked.manifest, info, dir: this.layout.dirOf(this.pointer!.current) });
      return { info, reason: null };
    });
  }

  private switchTo(next: CurrentPack): void {
    this.active = next;
    this.options.log.info(`switched to pack ${next.info.id} ${next.info.version}`);
    this.options.bus.emit('pack.changed', next);
  }

  private builtInInfo(pack: PackManifest): PackInfo {
    return { id: pack.id, version: pack.version, source: 'built-in', installedAt: null };
  }

  private async knownVersions(): Promise<{ id: string; version: string }[]> {
    const known: { id: string; version: string }[] = [];
    const pointer = await this.layout.readPointer().catch(() => null);
    for (const entry of [pointer?.current, pointer?.previous]) if (entry) known.push(entry);
    const builtIn = this.builtIn ?? (await this.peekBuiltIn());
    if (builtIn) known.push(builtIn);
    return known.filter((k) => parseSemVer(k.version));
  }

  private async peekBuiltIn(): Promise<{ id: string; version: string } | null> {
    try {
      const { id, version } = JSON.parse(await readFile(join(this.options.builtInDir, 'pack.json'), 'utf8')) as Record<string, unknown>;
      return typeof id === 'string' && typeof version === 'string' ? { id, version } : null;
    } catch {
      return null;
    }
  }

  private async validateFolder(dir: string, requireSignature: boolean): Promise<ValidationResult> {
    return validatePack(dir, {
      requireSignature,
      trustedKeys: await loadTrustedKeys(this.layout.trustedKeysDir),
      kioskVersion: this.options.kioskVersion,
      limits: this.options.limits ?? DEFAULT_LIMITS,
      // Packs here were map-checked when installed, and the built-in pack by
      // its tests; start-up re-checks hashes and signatures, not geography.
      geography: false,
    });
  }

  private async validateInstalled(entry: PointerEntry): Promise<ValidationResult> {
    const result = await this.validateFolder(this.layout.dirOf(entry), !this.options.allowUnsigned);
    if (result.manifest && (result.manifest.id !== entry.id || result.manifest.version !== entry.version)) {
      const found = `${result.manifest.id} ${result.manifest.version}`;
      return { ok: false, manifest: null, problems: [{ file: entry.dir, field: '', message: `holds ${found}, not ${entry.id} ${entry.version} as the pointer says` }] };
    }
    return result;
  }

  /** At start-up, with the lock: what an interrupted install left. Skipped while another process installs. */
  private async removeLeftovers(pointerReadable: boolean): Promise<void> {
    const { log } = this.options;
    try {
      await this.lock.run({ waitMs: 0 }, async () => {
        const removed = await this.layout.removeLeftovers(this.pointer, { staging: true, versions: pointerReadable });
        if (removed.length > 0) log.info(`removed leftovers of an interrupted install or old versions: ${removed.join(', ')}`);
      });
    } catch (error) {
      if (!(error instanceof DataLockBusy)) throw error;
      log.info(`left the leftovers of installs for later: ${error.message}`);
    }
  }

  /** The pointer on disk changed (a command-line install or rollback): show what it names now. */
  private followDisk(): Promise<void> {
    return this.locked(undefined, (busy) => this.options.log.warn(`cannot read the new pack yet: ${busy.message}`), async () => {
      const pointer = await this.layout.readPointer().catch(() => null);
      const entry = pointer?.current;
      if (!pointer || !entry || JSON.stringify(pointer) === JSON.stringify(this.pointer)) return;
      const checked = await this.validateInstalled(entry);
      this.pointer = pointer;
      if (!checked.ok || !checked.manifest) {
        this.options.log.warn(`the pack installed from outside, ${entry.dir}, cannot be used: ${checked.problems.map(formatProblem).join('; ')}`);
        return;
      }
      if (this.active?.info.source === 'installed' && this.active.info.id === entry.id && this.active.info.version === entry.version) return;
      this.options.log.info(`the installed pack changed on disk (crossroads pack)`);
      this.switchTo({ pack: checked.manifest, info: installedInfo(entry), dir: this.layout.dirOf(entry) });
    });
  }

  /** One at a time in this process, and under the data folder's lock against other processes. */
  private locked<T>(onWait: (() => void) | undefined, busy: (error: DataLockBusy) => T, task: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      try {
        return await this.lock.run({ waitMs: this.options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, onWait }, task);
      } catch (error) {
        if (error instanceof DataLockBusy) return busy(error);
        throw error;
      }
    });
  }

  /** Installs and rollbacks run one at a time. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

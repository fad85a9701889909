// Owns which content pack is on screen: the installed one under the data
// folder when it validates, else the built-in pack shipped with the code.
// The built-in pack is trusted as code, so it is validated without the
// signature check; installed packs must be signed by a trusted key.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { PackInfo } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { installPack, swapToPrevious, type ProgressListener } from './pack-installer.js';
import { PackLayout, type Pointer, type PointerEntry } from './pack-layout.js';
import { DEFAULT_LIMITS, formatProblem, type PackLimits, type PackProblem } from './pack-problem.js';
import { loadTrustedKeys } from './pack-signature.js';
import { validatePack, type ValidationResult } from './pack-validator.js';
import { compareSemVer, parseSemVer } from './semver.js';

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
}

export interface CurrentPack {
  pack: PackManifest;
  info: PackInfo;
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

  constructor(private readonly options: PackStoreOptions) {
    this.layout = new PackLayout(options.dataDir);
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
    const removed = await this.layout.removeLeftovers(this.pointer, { staging: true, versions: pointerReadable });
    if (removed.length > 0) log.info(`removed leftovers of an interrupted install or old versions: ${removed.join(', ')}`);

    const builtIn = await this.validateFolder(this.options.builtInDir, false);
    this.builtIn = builtIn.manifest;
    if (this.pointer) {
      const entry = this.pointer.current;
      const installed = await this.validateInstalled(entry);
      if (installed.ok && installed.manifest) this.active = { pack: installed.manifest, info: installedInfo(entry) };
      else log.warn(`installed pack ${entry.dir} cannot be used, showing the built-in pack: ${installed.problems.map(formatProblem).join('; ')}`);
    }
    if (this.active && !builtIn.manifest) {
      log.warn(`the built-in pack at ${this.options.builtInDir} has problems (not shown now): ${builtIn.problems.map(formatProblem).join('; ')}`);
    }
    if (!this.active) {
      if (!builtIn.manifest) throw new PackError(this.options.builtInDir, builtIn.problems.map(formatProblem));
      this.active = { pack: builtIn.manifest, info: this.builtInInfo(builtIn.manifest) };
    }
    log.info(`showing pack ${this.active.info.id} ${this.active.info.version} (${this.active.info.source})`);
    this.options.bus.emit('pack.changed', this.active);
  }

  async stop(): Promise<void> {
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
    return this.exclusive(async () => {
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
      this.switchTo({ pack: outcome.manifest, info: installedInfo(outcome.pointer.current) });
      return { status: 'installed', info: this.active!.info, problems: [] };
    });
  }

  /** Makes the previous installed pack current again (and the current one previous). */
  rollback(): Promise<RollbackResult> {
    return this.exclusive(async () => {
      const pointer = await this.layout.readPointer();
      if (!pointer?.previous) return { info: null, reason: 'there is no previous installed pack to go back to' };
      const checked = await this.validateInstalled(pointer.previous);
      if (!checked.ok || !checked.manifest) {
        return { info: null, reason: `the previous pack ${pointer.previous.dir} cannot be used: ${checked.problems.map(formatProblem).join('; ')}` };
      }
      this.pointer = await swapToPrevious(this.layout);
      const info = installedInfo(this.pointer!.current);
      this.switchTo({ pack: checked.manifest, info });
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

  /** Installs and rollbacks run one at a time. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

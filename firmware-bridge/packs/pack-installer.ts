// Installs a pack zip (or folder) into DATA/packs: validate while streaming
// into staging, fsync, rename into place, then switch the pointer. Every
// step before the pointer rename leaves the old pack current; the rename
// itself is atomic; what follows it is only cleanup.

import type { PackManifest } from '../../content/schema/pack-types.js';
import type { PackLayout, Pointer, PointerEntry, Staging } from './pack-layout.js';
import { describeError, problem, type PackLimits, type PackProblem } from './pack-problem.js';
import type { TrustedKeys } from './pack-signature.js';
import { validatePack, MANIFEST } from './pack-validator.js';
import { compareSemVer } from '../core/semver.js';

export type ProgressListener = (fraction: number, step: string) => void;

export interface InstallRequest {
  path: string;
  trustedKeys: TrustedKeys;
  requireSignature: boolean;
  kioskVersion: string;
  limits?: PackLimits;
  /** The newest version of a pack id already on the kiosk (installed or built in), if any. */
  newestKnown: (id: string) => string | null;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export type InstallOutcome =
  | { status: 'installed'; manifest: PackManifest; pointer: Pointer }
  | { status: 'skipped'; problems: PackProblem[] }
  | { status: 'refused'; problems: PackProblem[] };

const DIR_NAME = /^[a-z0-9][a-z0-9.+_-]*$/i;

export async function installPack(layout: PackLayout, request: InstallRequest): Promise<InstallOutcome> {
  const progress = request.onProgress ?? (() => {});
  let skipped = false;
  let staging: Staging | null = null;
  let switched = false;
  try {
    staging = await layout.createStaging();
    const target = staging;
    progress(0, 'reading');
    const result = await validatePack(request.path, {
      requireSignature: request.requireSignature,
      trustedKeys: request.trustedKeys,
      kioskVersion: request.kioskVersion,
      limits: request.limits,
      signal: request.signal,
      writer: (path) => target.writer(path),
      onProgress: (fraction, path) => progress(fraction * 0.9, `reading ${path}`),
      admit: (manifest) => {
        const newest = request.newestKnown(manifest.id);
        if (newest === null || compareSemVer(manifest.version, newest) > 0) return null;
        skipped = true;
        return problem(MANIFEST, 'version', `${manifest.id} ${manifest.version} is not newer than ${newest}, already on this kiosk`);
      },
    });
    if (!result.ok || !result.manifest) {
      await staging.discard();
      return { status: skipped ? 'skipped' : 'refused', problems: result.problems };
    }
    const manifest = result.manifest;
    const name = `${manifest.id}-${manifest.version}`;
    if (!DIR_NAME.test(name)) {
      await staging.discard();
      return { status: 'refused', problems: [problem(MANIFEST, 'id', `"${name}" cannot be used as a folder name`)] };
    }
    progress(0.92, 'syncing');
    await staging.finalize();
    const old = await layout.readPointer().catch(() => null);
    if (old && (old.current.dir === name || old.previous?.dir === name)) {
      await staging.discard();
      return { status: 'skipped', problems: [problem(MANIFEST, 'version', `${manifest.id} ${manifest.version} is already installed`)] };
    }
    progress(0.95, 'switching');
    await layout.promote(staging, name);
    const entry: PointerEntry = { dir: name, id: manifest.id, version: manifest.version, installedAt: new Date().toISOString() };
    const pointer: Pointer = { current: entry, previous: old?.current ?? null };
    await layout.writePointer(pointer);
    switched = true;
    progress(0.98, 'cleaning up');
    // The old previous version goes; failing to remove it only wastes space until start-up.
    await layout.removeLeftovers(pointer, { staging: false, versions: true }).catch(() => []);
    progress(1, 'installed');
    return { status: 'installed', manifest, pointer };
  } catch (error) {
    if (switched) throw error;
    await staging?.discard().catch(() => {});
    return {
      status: 'refused',
      problems: [problem(layout.packsDir, '', `the pack could not be written here (${describeError(error)}); the current pack is unchanged`)],
    };
  }
}

/** Makes the previous installed pack current and the current one previous. */
export async function swapToPrevious(layout: PackLayout): Promise<Pointer | null> {
  const pointer = await layout.readPointer();
  if (!pointer?.previous) return null;
  const swapped: Pointer = { current: pointer.previous, previous: pointer.current };
  await layout.writePointer(swapped);
  return swapped;
}

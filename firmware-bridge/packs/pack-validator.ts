// The one pack validator: the CLI, a USB install and bridge start-up all call
// it, so a pack is judged the same everywhere. It reads each file once,
// hashing it and, when installing, handing its bytes to the staging writer.

import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { checkManifest } from '../../content/schema/check-manifest.js';
import { checkPackGeography } from '../geo/pack-geography.js';
import { findAssetReferences } from './pack-assets.js';
import { mediaInspector, type MediaInspector } from './media-checks.js';
import { openFolderSource } from './folder-source.js';
import {
  DEFAULT_LIMITS,
  describeError,
  formatBytes,
  problem,
  RefusalError,
  type PackLimits,
  type PackProblem,
} from './pack-problem.js';
import { decodeSignature, findSigner, type TrustedKeys } from './pack-signature.js';
import type { OpenedSource, PackSource } from './pack-source.js';
import { compareSemVer, parseSemVer } from '../core/semver.js';
import { openZipSource } from './zip-source.js';

export const MANIFEST = 'pack.json';
export const SIGNATURE = 'pack.sig';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;

/** Receives one file's bytes while it is checked (the installer's staging). */
export interface FileWriter {
  write(chunk: Buffer): Promise<void>;
  finish(): Promise<void>;
}

export interface ValidateOptions {
  /** Off only for the built-in pack, which ships with the code and is trusted as code. */
  requireSignature: boolean;
  trustedKeys: TrustedKeys;
  /** This kiosk's version; null skips the minKioskVersion check (pack build). */
  kioskVersion: string | null;
  limits?: PackLimits;
  /** Called for each file, pack.json and pack.sig last, only while no problem is found. */
  writer?: (path: string) => Promise<FileWriter>;
  /** Fraction 0..1 of the bytes read, and the file being read. */
  onProgress?: (fraction: number, path: string) => void;
  signal?: AbortSignal;
  /** Asked once the manifest and signature check out, before file data is read; a problem stops there. */
  admit?: (manifest: PackManifest) => PackProblem | null;
  /**
   * The map checks (routes against Natural Earth 1:10m borders, dots in their
   * countries); on unless turned off. The bridge turns them off only when it
   * re-checks, at start-up, packs it already accepted.
   */
  geography?: boolean;
}

export interface ValidationResult {
  ok: boolean;
  problems: PackProblem[];
  manifest: PackManifest | null;
}

export async function openPackSource(path: string, limits: PackLimits = DEFAULT_LIMITS): Promise<OpenedSource> {
  try {
    if ((await stat(path)).isDirectory()) return await openFolderSource(path, limits);
  } catch (error) {
    return { source: null, problems: [problem(path, '', `cannot be read (${describeError(error)})`)] };
  }
  return openZipSource(path, limits);
}

/** Validates a pack folder or .zip at `path`. */
export async function validatePack(path: string, options: ValidateOptions): Promise<ValidationResult> {
  const { source, problems } = await openPackSource(path, options.limits ?? DEFAULT_LIMITS);
  if (!source) return { ok: false, problems, manifest: null };
  try {
    return await validateSource(source, options);
  } finally {
    await source.close();
  }
}

/** The id and version a pack claims, read from pack.json alone (to pick the newest on a stick). */
export async function peekPack(path: string, limits: PackLimits = DEFAULT_LIMITS): Promise<{ id: string; version: string } | null> {
  const { source } = await openPackSource(path, limits);
  if (!source) return null;
  try {
    if (!source.entries.some((e) => e.path === MANIFEST)) return null;
    const value = JSON.parse((await readSmall(source, MANIFEST, MAX_MANIFEST_BYTES)).toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    const { id, version } = (value ?? {}) as { id?: unknown; version?: unknown };
    return typeof id === 'string' && typeof version === 'string' && parseSemVer(version) ? { id, version } : null;
  } catch {
    return null;
  } finally {
    await source.close();
  }
}

async function readSmall(source: PackSource, path: string, max: number, signal?: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = await source.open(path);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    signal?.throwIfAborted();
    length += chunk.length;
    if (length > max) {
      stream.destroy();
      throw new RefusalError(problem(path, '', `is larger than ${formatBytes(max)}, too large to be what it claims`));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function checkSignature(manifestBytes: Buffer, sig: Buffer | null, keys: TrustedKeys): PackProblem[] {
  if (!sig) {
    return [problem(SIGNATURE, '', 'is missing: the pack is not signed (sign it with `crossroads pack build DIR -o FILE.zip --key NAME.key`)')];
  }
  const decoded = decodeSignature(sig.toString('utf8'));
  if (typeof decoded === 'string') return [problem(SIGNATURE, '', `is not an ed25519 signature: it ${decoded}`)];
  if (keys.keys.length === 0) {
    const skipped = keys.skipped.length ? ` (unusable: ${keys.skipped.join('; ')})` : '';
    return [problem(SIGNATURE, '', `cannot be trusted: there are no trusted keys in ${keys.dir}${skipped}; copy the publisher's NAME.pub there`)];
  }
  if (findSigner(manifestBytes, decoded, keys.keys)) return [];
  const names = keys.keys.map((k) => k.name).join(', ');
  return [
    problem(SIGNATURE, '', `does not match: pack.json was changed after signing, or it was signed by a key that is not trusted here (trusted: ${names} in ${keys.dir})`),
  ];
}

function checkManifestObject(value: unknown, options: ValidateOptions): PackProblem[] {
  const problems: PackProblem[] = checkManifest(value).map((p) => ({ ...p, file: p.file || MANIFEST }));
  // Routes can only be drawn from a manifest whose ids and places resolve.
  if (problems.length === 0 && options.geography !== false) problems.push(...checkPackGeography(value as PackManifest));
  const manifest = value as Partial<PackManifest>;
  const min = manifest.minKioskVersion;
  if (options.kioskVersion && typeof min === 'string' && parseSemVer(min) && parseSemVer(options.kioskVersion)) {
    if (compareSemVer(min, options.kioskVersion) > 0) {
      problems.push(
        problem(MANIFEST, 'minKioskVersion', `the pack needs kiosk ${min} or newer, and this kiosk is ${options.kioskVersion}; update the kiosk software first`),
      );
    }
  }
  return problems;
}

function checkListing(source: PackSource, files: Record<string, unknown>, manifest: unknown): PackProblem[] {
  const problems: PackProblem[] = [];
  const present = new Set(source.entries.map((e) => e.path));
  // Unsafe paths in the listing are the schema's to report; here only whether they are present.
  for (const path of Object.keys(files)) {
    if (!present.has(path)) problems.push(problem(path, '', `is listed in pack.json "files" but is not in the pack`));
  }
  for (const { path } of source.entries) {
    if (path !== MANIFEST && path !== SIGNATURE && !Object.hasOwn(files, path)) {
      problems.push(problem(path, '', 'is in the pack but not listed in pack.json "files" (files added after signing are refused)'));
    }
  }
  for (const ref of findAssetReferences(manifest)) {
    if (!present.has(ref.path) || !Object.hasOwn(files, ref.path)) {
      problems.push(problem(MANIFEST, ref.field, `names the file "${ref.path}", which is not in the pack`));
    }
  }
  return problems;
}

async function copyAndHash(
  stream: Readable,
  writer: FileWriter | null,
  inspector: MediaInspector | null,
  onChunk: (n: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    signal?.throwIfAborted();
    hash.update(chunk);
    inspector?.push(chunk);
    if (writer) await writer.write(chunk);
    onChunk(chunk.length);
  }
  if (writer) await writer.finish();
  return hash.digest('hex');
}

export async function validateSource(source: PackSource, options: ValidateOptions): Promise<ValidationResult> {
  const problems: PackProblem[] = [];
  const result = (manifest: PackManifest | null): ValidationResult => ({ ok: problems.length === 0, problems, manifest });
  const has = (path: string): boolean => source.entries.some((e) => e.path === path);
  let manifest: PackManifest | null = null;
  try {
    if (!has(MANIFEST)) {
      problems.push(problem(MANIFEST, '', 'is missing; every pack needs its manifest at the top level of the pack'));
      return result(null);
    }
    const manifestBytes = await readSmall(source, MANIFEST, MAX_MANIFEST_BYTES, options.signal);
    let value: unknown;
    try {
      value = JSON.parse(manifestBytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      problems.push(problem(MANIFEST, '', `is not valid JSON (${(error as Error).message})`));
      return result(null);
    }
    problems.push(...checkManifestObject(value, options));
    const sig = has(SIGNATURE) ? await readSmall(source, SIGNATURE, MAX_SIGNATURE_BYTES, options.signal) : null;
    if (options.requireSignature) problems.push(...checkSignature(manifestBytes, sig, options.trustedKeys));
    const files = (value as { files?: unknown }).files;
    const listed = files !== null && typeof files === 'object' && !Array.isArray(files) ? (files as Record<string, unknown>) : {};
    problems.push(...checkListing(source, listed, value));
    manifest = problems.length === 0 ? (value as PackManifest) : null;
    const refusal = manifest && options.admit ? options.admit(manifest) : null;
    if (refusal) {
      problems.push(refusal);
      return result(null);
    }

    const toRead = source.entries.filter((e) => e.path !== MANIFEST && e.path !== SIGNATURE && Object.hasOwn(listed, e.path));
    const total = Math.max(1, toRead.reduce((sum, e) => sum + e.declaredSize, 0));
    let done = 0;
    for (const entry of toRead) {
      options.signal?.throwIfAborted();
      const writer = options.writer && problems.length === 0 ? await options.writer(entry.path) : null;
      const stream = await source.open(entry.path);
      // Pictures, sounds and captions are checked from the same bytes as they are hashed.
      const inspector = mediaInspector(entry.path, value);
      const actual = await copyAndHash(
        stream,
        writer,
        inspector,
        (n) => {
          done += n;
          options.onProgress?.(Math.min(1, done / total), entry.path);
        },
        options.signal,
      );
      const expected = listed[entry.path];
      if (typeof expected === 'string' && actual !== expected.toLowerCase()) {
        problems.push(problem(entry.path, '', `has sha256 ${actual}, but pack.json "files" says ${expected}: the file was changed after the pack was built`));
      }
      if (inspector) problems.push(...inspector.finish());
    }
    const gone = await source.checkUnchanged();
    if (gone) problems.push(gone);
    if (options.writer && problems.length === 0) {
      for (const [path, bytes] of [[MANIFEST, manifestBytes], [SIGNATURE, sig]] as const) {
        if (!bytes) continue;
        const writer = await options.writer(path);
        await writer.write(bytes);
        await writer.finish();
      }
    }
    options.onProgress?.(1, MANIFEST);
  } catch (error) {
    if (error instanceof RefusalError) problems.push(error.problem);
    else if (options.signal?.aborted) problems.push(problem(source.label, '', `reading stopped: ${describeError(options.signal.reason)}`));
    else throw error;
  }
  return result(problems.length === 0 ? manifest : null);
}

// `pack build`: fills pack.json "files" with the hash of every other file,
// signs pack.json into the zip (never into the folder), and writes a
// deterministic zip (sorted entries, fixed dates and modes), then checks the
// zip with the same validator a kiosk uses.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { commitFile, tempPathFor } from '../core/atomic-file.js';
import { openFolderSource } from './folder-source.js';
import { DEFAULT_LIMITS, describeError, problem, type PackProblem } from './pack-problem.js';
import { publicKeyOf, signBytes } from './pack-signature.js';
import { MANIFEST, SIGNATURE, validatePack } from './pack-validator.js';

export interface BuildOptions {
  /** PKCS8 PEM private key; without it the pack is unsigned. */
  privateKeyPem?: string;
  keyName?: string;
  onProgress?: (fraction: number, step: string) => void;
}

export interface BuildResult {
  problems: PackProblem[];
  signed: boolean;
}

// Already-compressed media gain nothing from deflate.
const STORED = /\.(png|jpe?g|webp|avif|gif|mp3|ogg|oga|opus|m4a|aac|mp4|webm|m4v|woff2|glb|ktx2)$/i;
// 1980-01-01 local time: the zip format's earliest date, the same on every machine.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

function pathOf(dir: string, path: string): string {
  return resolve(dir, ...path.split('/'));
}

export async function buildPack(dir: string, outFile: string, options: BuildOptions = {}): Promise<BuildResult> {
  const progress = options.onProgress ?? (() => {});
  const opened = await openFolderSource(dir, DEFAULT_LIMITS);
  if (!opened.source) return { problems: opened.problems, signed: false };
  const source = opened.source;
  const files = source.entries.filter((e) => e.path !== MANIFEST && e.path !== SIGNATURE && pathOf(dir, e.path) !== resolve(outFile));
  if (!source.entries.some((e) => e.path === MANIFEST)) {
    return { problems: [problem(MANIFEST, '', `is missing from ${dir}`)], signed: false };
  }
  let manifest: Record<string, unknown>;
  try {
    const value = JSON.parse((await readFile(join(dir, MANIFEST), 'utf8')).replace(/^\uFEFF/, '')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('it does not hold a JSON object');
    manifest = value as Record<string, unknown>;
  } catch (error) {
    return { problems: [problem(MANIFEST, '', `is not valid JSON (${(error as Error).message})`)], signed: false };
  }

  const total = Math.max(1, files.reduce((sum, f) => sum + f.declaredSize, 0));
  let done = 0;
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(pathOf(dir, file.path)) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      done += chunk.length;
      progress((done / total) * 0.6, `hashing ${file.path}`);
    }
    hashes[file.path] = hash.digest('hex');
  }
  manifest.files = hashes;
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  const signature = options.privateKeyPem ? Buffer.from(signBytes(manifestBytes, options.privateKeyPem) + '\n', 'utf8') : null;

  // The folder's manifest gets the fresh hashes (that is how a maintainer refreshes them), but the
  // signature goes into the zip only: a build adds no file to the folder it reads.
  if (!(await readFile(join(dir, MANIFEST))).equals(manifestBytes)) await writeFile(join(dir, MANIFEST), manifestBytes);

  const zip = new yazl.ZipFile();
  const entryOptions = (path: string) => ({ mtime: FIXED_DATE, mode: 0o100644, compress: !STORED.test(path), forceDosTimestamp: true });
  zip.addBuffer(manifestBytes, MANIFEST, entryOptions(MANIFEST));
  if (signature) zip.addBuffer(signature, SIGNATURE, entryOptions(SIGNATURE));
  for (const path of Object.keys(hashes).sort()) zip.addFile(pathOf(dir, path), path, entryOptions(path));
  zip.end();

  const temp = tempPathFor(outFile);
  try {
    progress(0.7, 'zipping');
    await pipeline(zip.outputStream, createWriteStream(temp));
    progress(0.85, 'checking the zip');
    const keys = options.privateKeyPem ? [{ name: options.keyName ?? 'the signing key', key: publicKeyOf(options.privateKeyPem) }] : [];
    const checked = await validatePack(temp, {
      requireSignature: signature !== null,
      trustedKeys: { dir: 'the signing key', keys, skipped: [] },
      kioskVersion: null,
    });
    if (!checked.ok) {
      await rm(temp, { force: true });
      return { problems: checked.problems, signed: signature !== null };
    }
    await commitFile(temp, outFile);
    progress(1, 'done');
    return { problems: [], signed: signature !== null };
  } catch (error) {
    await rm(temp, { force: true });
    return { problems: [problem(basename(outFile), '', `could not be written (${describeError(error)})`)], signed: false };
  }
}

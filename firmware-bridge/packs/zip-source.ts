// Reads a pack zip without trusting it: yauzl streams one entry at a time
// (lazyEntries) and checks each entry's inflated size against its header
// (validateEntrySizes); this module refuses unsafe names, links, devices and
// duplicates before any data is read, and counts inflated bytes as they come.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  describeError,
  formatBytes,
  problem,
  RefusalError,
  type PackLimits,
  type PackProblem,
} from './pack-problem.js';
import { ExpansionCounter, unsafePathReason, type OpenedSource, type PackSource, type SourceEntry } from './pack-source.js';

const MAX_LISTED_PROBLEMS = 20;
const S_IFMT = 0o170000;
const FILE_TYPES: Record<number, string | null> = {
  0o100000: null, // regular file
  0o040000: null, // folder
  0o120000: 'is a symbolic link; packs may hold only plain files and folders',
  0o020000: 'is a character device; packs may hold only plain files and folders',
  0o060000: 'is a block device; packs may hold only plain files and folders',
  0o010000: 'is a named pipe; packs may hold only plain files and folders',
  0o140000: 'is a socket; packs may hold only plain files and folders',
};

function damaged(label: string, error: unknown): PackProblem {
  const text = describeError(error);
  if (/end of central directory/i.test(text)) {
    return problem(label, '', `is not a zip file, or it is truncated (${text})`);
  }
  return problem(label, '', `is damaged and cannot be read as a zip (${text})`);
}

function entryProblem(path: string, error: unknown): PackProblem {
  const text = describeError(error);
  if (/too many bytes|too few bytes/.test(text)) {
    return problem(path, '', `inflates to a different size than the zip header declares (${text}); the zip is damaged or made to attack the kiosk`);
  }
  if (/unexpected end of file|unexpected EOF/i.test(text)) {
    return problem(path, '', `ends before its data does (${text}); the zip is truncated, or the stick was removed while it was read`);
  }
  if ((error as { errno?: number }).errno !== undefined && /Z_|zlib|invalid (block|stored|distance|code)|incorrect header/i.test(`${(error as NodeJS.ErrnoException).code} ${text}`)) {
    return problem(path, '', `cannot be decompressed (${text}); the zip is damaged`);
  }
  if (/signature|overflows|bounds/i.test(text)) return problem(path, '', `cannot be read: the zip is damaged (${text})`);
  return problem(path, '', `could not be read (${text}); the zip is truncated or damaged, or the stick was removed`);
}

/** Reads the central directory and checks every entry; no file data is read here. */
function readDirectory(zip: ZipFile, label: string): Promise<{ files: Map<string, Entry>; problems: PackProblem[] }> {
  return new Promise((resolve) => {
    const files = new Map<string, Entry>();
    const folders = new Set<string>();
    const seen = new Set<string>();
    const problems: PackProblem[] = [];
    let hidden = 0;
    const report = (p: PackProblem): void => {
      if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p);
      else hidden++;
    };
    const finish = (): void => {
      for (const path of files.keys()) {
        const parts = path.split('/');
        for (let i = 1; i < parts.length; i++) {
          const parent = parts.slice(0, i).join('/');
          if (files.has(parent)) report(problem(label, `entry "${path}"`, `sits inside "${parent}", which is a file`));
        }
      }
      if (hidden > 0) problems.push(problem(label, '', `and ${hidden} more problems like these`));
      resolve({ files, problems });
    };
    zip.on('error', (error: unknown) => {
      report(damaged(label, error));
      finish();
    });
    zip.on('end', finish);
    zip.on('entry', (entry: Entry) => {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const field = `entry ${JSON.stringify(name)}`;
      const unsafe = unsafePathReason(name);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      const typeReason = mode === 0 ? null : mode in FILE_TYPES ? FILE_TYPES[mode] : `has an unknown file type (mode ${mode.toString(8)})`;
      const key = name.replace(/\/$/, '');
      if (unsafe) report(problem(label, field, unsafe));
      else if (typeReason) report(problem(label, field, typeReason));
      else if (seen.has(key)) report(problem(label, field, 'appears twice in the zip; which copy wins would depend on the unzip tool'));
      else if (entry.generalPurposeBitFlag & 0x1) report(problem(label, field, 'is encrypted; packs must not be'));
      else if (!name.endsWith('/') && entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        report(problem(label, field, `uses compression method ${entry.compressionMethod}; only stored and deflate are read`));
      } else if (name.endsWith('/') || mode === 0o040000) {
        folders.add(key);
      } else {
        files.set(name, entry);
      }
      seen.add(key);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

class ZipSource implements PackSource {
  readonly entries: SourceEntry[];
  private readonly counter: ExpansionCounter;

  constructor(
    readonly label: string,
    private readonly path: string,
    private readonly zip: ZipFile,
    private readonly files: Map<string, Entry>,
    private readonly identity: { dev: number; ino: number; size: number; mtimeMs: number },
    limits: PackLimits,
  ) {
    this.counter = new ExpansionCounter(label, limits);
    this.entries = [...files.entries()]
      .map(([path, entry]) => ({ path, declaredSize: entry.uncompressedSize }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async open(path: string): Promise<Readable> {
    const entry = this.files.get(path);
    if (!entry) throw new RefusalError(problem(path, '', 'is not in the zip'));
    let raw: Readable;
    try {
      raw = await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new RefusalError(entryProblem(path, error));
    }
    const meter = this.counter.meter();
    raw.on('error', (error) => meter.destroy(new RefusalError(entryProblem(path, error))));
    // However the reader stops (done, refused, abandoned), the entry stream must
    // end too, or yauzl keeps the zip's file descriptor open.
    const release = (): void => {
      if (raw.destroyed) return;
      raw.unpipe(meter);
      raw.destroy();
    };
    meter.on('error', release);
    meter.on('close', release);
    return raw.pipe(meter);
  }

  async checkUnchanged(): Promise<PackProblem | null> {
    try {
      const now = await stat(this.path);
      const same =
        now.dev === this.identity.dev &&
        now.ino === this.identity.ino &&
        now.size === this.identity.size &&
        now.mtimeMs === this.identity.mtimeMs;
      return same ? null : problem(this.label, '', 'changed while it was being read; nothing from it was used');
    } catch (error) {
      return problem(this.label, '', `disappeared while it was being read (${describeError(error)}); was the stick pulled out?`);
    }
  }

  async close(): Promise<void> {
    this.zip.close();
  }
}

export async function openZipSource(path: string, limits: PackLimits): Promise<OpenedSource> {
  const label = basename(path);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return { source: null, problems: [problem(label, '', `cannot be read (${describeError(error)})`)] };
  }
  if (!info.isFile()) return { source: null, problems: [problem(label, '', 'is not a file')] };
  if (info.size > limits.maxZipBytes) {
    return {
      source: null,
      problems: [problem(label, '', `is ${formatBytes(info.size)}; the largest zip accepted is ${formatBytes(limits.maxZipBytes)}`)],
    };
  }
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(
        path,
        { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false, strictFileNames: true },
        (error, opened) => (error || !opened ? reject(error ?? new Error('no zip')) : resolve(opened)),
      ),
    );
  } catch (error) {
    return { source: null, problems: [damaged(label, error)] };
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return {
      source: null,
      problems: [problem(label, '', `has ${zip.entryCount.toLocaleString('en')} entries; the most accepted is ${limits.maxEntries.toLocaleString('en')}`)],
    };
  }
  const { files, problems } = await readDirectory(zip, label);
  if (problems.length > 0) {
    zip.close();
    return { source: null, problems };
  }
  const identity = { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
  return { source: new ZipSource(label, path, zip, files, identity, limits), problems: [] };
}

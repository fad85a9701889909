// Reads a pack folder (the built-in pack, an installed pack, a folder being
// authored). The same rules as for a zip: only plain files and folders,
// within the entry and size limits.

import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describeError, formatBytes, problem, RefusalError, type PackLimits, type PackProblem } from './pack-problem.js';
import { ExpansionCounter, type OpenedSource, type PackSource, type SourceEntry } from './pack-source.js';

class FolderSource implements PackSource {
  private readonly counter: ExpansionCounter;

  constructor(
    readonly label: string,
    private readonly dir: string,
    readonly entries: SourceEntry[],
    limits: PackLimits,
  ) {
    this.counter = new ExpansionCounter(label, limits);
  }

  async open(path: string): Promise<Readable> {
    const stream = createReadStream(join(this.dir, ...path.split('/')));
    const meter = this.counter.meter();
    stream.on('error', (error) =>
      meter.destroy(new RefusalError(problem(path, '', `could not be read (${describeError(error)})`))),
    );
    meter.on('close', () => stream.destroy());
    return stream.pipe(meter);
  }

  async checkUnchanged(): Promise<PackProblem | null> {
    try {
      await lstat(this.dir);
      return null;
    } catch (error) {
      return problem(this.label, '', `disappeared while it was being read (${describeError(error)})`);
    }
  }

  async close(): Promise<void> {}
}

export async function openFolderSource(dir: string, limits: PackLimits): Promise<OpenedSource> {
  const label = dir;
  const entries: SourceEntry[] = [];
  const problems: PackProblem[] = [];
  let count = 0;
  let bytes = 0;
  const walk = async (relative: string): Promise<boolean> => {
    let names: string[];
    try {
      names = (await readdir(join(dir, relative))).sort();
    } catch (error) {
      problems.push(problem(relative || label, '', `cannot be read (${describeError(error)})`));
      return false;
    }
    for (const name of names) {
      const path = relative ? `${relative}/${name}` : name;
      if (++count > limits.maxEntries) {
        problems.push(problem(label, '', `holds more than ${limits.maxEntries.toLocaleString('en')} files and folders, the most accepted`));
        return false;
      }
      let info;
      try {
        info = await lstat(join(dir, path));
      } catch (error) {
        problems.push(problem(path, '', `cannot be read (${describeError(error)})`));
        continue;
      }
      if (info.isSymbolicLink()) problems.push(problem(path, '', 'is a symbolic link; packs may hold only plain files and folders'));
      else if (info.isDirectory()) {
        if (!(await walk(path))) return false;
      } else if (!info.isFile()) problems.push(problem(path, '', 'is a device or special file; packs may hold only plain files and folders'));
      else {
        bytes += info.size;
        entries.push({ path, declaredSize: info.size });
      }
    }
    return true;
  };
  try {
    if (!(await lstat(dir)).isDirectory()) return { source: null, problems: [problem(label, '', 'is not a folder')] };
  } catch (error) {
    return { source: null, problems: [problem(label, '', `cannot be read (${describeError(error)})`)] };
  }
  await walk('');
  if (bytes > limits.maxExpandedBytes) {
    problems.push(problem(label, '', `holds ${formatBytes(bytes)}; the most accepted is ${formatBytes(limits.maxExpandedBytes)}`));
  }
  if (problems.length > 0) return { source: null, problems };
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { source: new FolderSource(label, dir, entries, limits), problems: [] };
}

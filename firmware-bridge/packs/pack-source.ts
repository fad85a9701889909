// A pack being read: a folder on disk or a zip. Both give the validator the
// same view — a list of plain files it may read once each — and both refuse
// unsafe entries before anything is read.

import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { formatBytes, problem, RefusalError, type PackLimits, type PackProblem } from './pack-problem.js';

export interface SourceEntry {
  /** Pack-relative path with forward slashes. */
  path: string;
  /** Size the zip header or the file system claims; only used for progress. */
  declaredSize: number;
}

export interface PackSource {
  /** The zip or folder, as named in reasons. */
  readonly label: string;
  /** Plain files, sorted by path. */
  readonly entries: SourceEntry[];
  /** A file's bytes, counted against the expansion limit. */
  open(path: string): Promise<Readable>;
  /** A problem when the source vanished or changed while it was read (a pulled stick). */
  checkUnchanged(): Promise<PackProblem | null>;
  close(): Promise<void>;
}

export interface OpenedSource {
  source: PackSource | null;
  problems: PackProblem[];
}

/** Why an entry name is unsafe, in words; null when it is a plain relative path. */
export function unsafePathReason(name: string): string | null {
  if (name === '') return 'has an empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has control characters in its name';
  if (name.includes('\\')) return 'uses backslashes in its name; zip paths use "/" and a backslash could climb out of the pack on some systems';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path; entries must be relative to the pack folder';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.includes('..')) return 'climbs out of the pack folder with ".."';
  if (parts.some((part) => part === '' || part === '.')) return 'has an empty or "." part in its path';
  if (parts.some((part) => Buffer.byteLength(part) > 255)) return 'has a name part longer than 255 bytes';
  return null;
}

/** Counts every byte read from a source and stops at the expansion limit. */
export class ExpansionCounter {
  private total = 0;

  constructor(
    private readonly label: string,
    private readonly limits: PackLimits,
  ) {}

  get bytes(): number {
    return this.total;
  }

  add(count: number): void {
    this.total += count;
    if (this.total > this.limits.maxExpandedBytes) {
      throw new RefusalError(
        problem(
          this.label,
          '',
          `expands past ${formatBytes(this.limits.maxExpandedBytes)} (counted while inflating); the limit keeps a zip bomb from filling the disk`,
        ),
      );
    }
  }

  /** A pass-through stream that counts, for piping a file's bytes. */
  meter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback: TransformCallback) => {
        try {
          this.add(chunk.length);
          callback(null, chunk);
        } catch (error) {
          callback(error as Error);
        }
      },
    });
  }
}

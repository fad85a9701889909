// What is wrong with a pack, said so a maintainer can fix it: which file,
// which field (empty when the whole file is meant) and what is wrong.

export interface PackProblem {
  file: string;
  field: string;
  message: string;
  /** The manifest check's kind of problem, where it has one (see ProblemKind in content/schema/manifest-problem.ts). */
  code?: string;
  params?: Record<string, string | number>;
}

/** Limits that keep a hostile or broken zip from filling the disk or memory. */
export interface PackLimits {
  /** Largest zip file accepted, in bytes. */
  maxZipBytes: number;
  /** Most bytes all entries may inflate to, counted as they inflate. */
  maxExpandedBytes: number;
  /** Most entries (files and folders) in a zip or pack folder. */
  maxEntries: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: PackLimits = {
  maxZipBytes: 256 * MIB,
  maxExpandedBytes: 512 * MIB,
  maxEntries: 5000,
};

export function problem(file: string, field: string, message: string): PackProblem {
  return { file, field, message };
}

/** One line: `file: field: message` (the field is left out when empty). */
export function formatProblem(p: PackProblem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** A problem that stops reading the pack at once (unsafe zip, limits, pulled stick). */
export class RefusalError extends Error {
  constructor(readonly problem: PackProblem) {
    super(formatProblem(problem));
    this.name = 'RefusalError';
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}

/** Error codes turned into words, for read failures. */
export function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string') {
    const words: Record<string, string> = {
      ENOENT: 'it is gone',
      EIO: 'input/output error',
      EACCES: 'permission denied',
      EPERM: 'not permitted',
      EROFS: 'read-only file system',
      ENOSPC: 'the disk is full',
      EISDIR: 'it is a folder',
      ENOTDIR: 'a part of the path is not a folder',
    };
    return words[e.code] ? `${words[e.code]} (${e.code})` : `${e.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

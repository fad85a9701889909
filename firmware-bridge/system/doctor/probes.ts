// What `crossroads doctor` may look at on the machine. The checks see only
// this interface, so tests hand them any machine they like.

import { execFile } from 'node:child_process';
import { readdir, readFile, stat, statfs } from 'node:fs/promises';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FileInfo {
  mode: number;
  uid: number;
  gid: number;
  isCharacterDevice: boolean;
}

export interface DoctorProbes {
  /** GET a URL and parse its JSON body; throws with a plain reason when that fails. */
  fetchJson(url: string): Promise<unknown>;
  /** Runs a program without a shell; null when it is not installed. */
  run(file: string, args: string[]): Promise<CommandResult | null>;
  /** Entry names of a folder, or null when it does not exist. */
  listDir(path: string): Promise<string[] | null>;
  /** stat() following links, or null when missing. */
  stat(path: string): Promise<FileInfo | null>;
  readText(path: string): Promise<string | null>;
  /** Free and total bytes of the file system holding `path`, or null when missing. */
  diskSpace(path: string): Promise<{ freeBytes: number; totalBytes: number } | null>;
  now(): Date;
}

export function systemProbes(timeoutMs = 5000): DoctorProbes {
  return {
    async fetchJson(url) {
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        throw new Error(cause === 'ECONNREFUSED' ? 'nothing is listening there' : (error as Error).message);
      }
      if (!response.ok) throw new Error(`it answered HTTP ${response.status}`);
      return (await response.json()) as unknown;
    },
    run(file, args) {
      return new Promise((resolve) => {
        execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
          const failure = error as (Error & { code?: string | number }) | null;
          if (failure?.code === 'ENOENT') return resolve(null);
          resolve({ code: failure ? (typeof failure.code === 'number' ? failure.code : 1) : 0, stdout, stderr });
        });
      });
    },
    async listDir(path) {
      try {
        return await readdir(path);
      } catch {
        return null;
      }
    },
    async stat(path) {
      try {
        const info = await stat(path);
        return { mode: info.mode, uid: info.uid, gid: info.gid, isCharacterDevice: info.isCharacterDevice() };
      } catch {
        return null;
      }
    },
    async readText(path) {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return null;
      }
    },
    async diskSpace(path) {
      try {
        const info = await statfs(path);
        return { freeBytes: info.bavail * info.bsize, totalBytes: info.blocks * info.bsize };
      } catch {
        return null;
      }
    },
    now: () => new Date(),
  };
}

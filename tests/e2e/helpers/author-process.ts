// Starts `crossroads author DIR` (compiled) as a child process on a free
// port, and stops it with SIGTERM. Also counts its open inotify watches, so a
// test can see that saves leave no stray watcher behind.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../firmware-bridge/bin/crossroads.js', import.meta.url));

export interface AuthorProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** inotify watches the process holds (Linux), summed over its inotify instances. */
  watches(): number;
  stop(): Promise<number | null>;
}

export async function startAuthor(dir: string, timeoutMs = 30_000): Promise<AuthorProcess> {
  const child = spawn(process.execPath, [CLI, 'author', dir, '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`crossroads author printed no URL within ${timeoutMs} ms; output:\n${text}`)), timeoutMs);
    const look = (): void => {
      const match = text.match(/open (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`crossroads author exited; output:\n${text}`));
    });
  });
  return {
    url,
    child,
    output: () => text,
    watches: () => {
      let count = 0;
      const fds = `/proc/${child.pid}/fd`;
      for (const fd of readdirSync(fds)) {
        let target = '';
        try {
          target = readlinkSync(`${fds}/${fd}`);
        } catch {
          continue; // closed meanwhile
        }
        if (target.includes('inotify')) count += readFileSync(`/proc/${child.pid}/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
      }
      return count;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

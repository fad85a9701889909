// Makes a folder refuse writes, as a write-protected stick does. Root ignores
// permission bits, so as root the folder is bind-mounted read-only (falling
// back to the immutable attribute); otherwise its mode is enough.

import { execFileSync } from 'node:child_process';
import { chmod } from 'node:fs/promises';

export async function makeReadOnly(dir: string): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    return () => chmod(dir, 0o755);
  }
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' });
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', dir, dir], { stdio: 'ignore' });
    } catch (error) {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      throw error;
    }
    return async () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    };
  } catch {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    return async () => {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    };
  }
}

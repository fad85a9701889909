// Where the kiosk keeps its state. Installed kiosks keep code under /opt or
// /usr and state in /var/lib; a checkout keeps both in the repository, so
// trying things out needs no root.

import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPaths } from '../core/project-paths.js';

const HERE = fileURLToPath(import.meta.url);

/** True when the code at `from` runs from an installed location rather than a checkout. */
export function isInstalled(from: string = HERE): boolean {
  const path = resolve(from);
  return path.startsWith(`${sep}opt${sep}`) || path.startsWith(`${sep}usr${sep}`);
}

/** `--data` default: /var/lib/crossroads when installed, else var/ in the checkout. */
export function defaultDataDir(from: string = HERE): string {
  if (isInstalled(from)) return '/var/lib/crossroads';
  try {
    return join(projectPaths().root, 'var');
  } catch {
    return resolve('var');
  }
}

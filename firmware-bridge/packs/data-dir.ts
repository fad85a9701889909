// Where the kiosk keeps its state, and which kiosk version this code is.
// Installed kiosks keep code under /opt or /usr and state in /var/lib;
// a checkout keeps both in the repository so nothing needs root.

import { readFileSync } from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

/** The folder holding the package.json this code ships with. */
export function packageRoot(from: string = HERE): string {
  let dir = dirname(from);
  const root = parse(dir).root;
  while (dir !== root) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (json.name === 'caspian-crossroads') return dir;
    } catch {
      // no package.json here, keep climbing
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the caspian-crossroads package.json above ${from}`);
}

/** True when the code runs from an installed location rather than a checkout. */
export function isInstalled(from: string = HERE): boolean {
  const path = resolve(from);
  return path.startsWith(`${sep}opt${sep}`) || path.startsWith(`${sep}usr${sep}`);
}

/** `--data` default: /var/lib/crossroads when installed, else ./var in the checkout. */
export function defaultDataDir(from: string = HERE): string {
  if (isInstalled(from)) return '/var/lib/crossroads';
  try {
    return join(packageRoot(from), 'var');
  } catch {
    return resolve('var');
  }
}

/** This kiosk's version, from the package.json it ships with. */
export function kioskVersion(from: string = HERE): string {
  const json = JSON.parse(readFileSync(join(packageRoot(from), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof json.version !== 'string') throw new Error('package.json has no version');
  return json.version;
}

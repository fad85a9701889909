// Where the project's own files are, whether running from source (tsx), from
// the compiled dist/ folder, or installed under /opt.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProjectPaths {
  root: string;
  version: string;
  kioskDir: string;
  builtInPackDir: string;
}

let found: ProjectPaths | null = null;

export function projectPaths(): ProjectPaths {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'caspian-crossroads') {
        found = {
          root: dir,
          version: pkg.version ?? '0.0.0',
          kioskDir: join(dir, 'dist', 'kiosk'),
          builtInPackDir: join(dir, 'content', 'packs', 'caspian-2025'),
        };
        return found;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the caspian-crossroads package root');
    dir = parent;
  }
}

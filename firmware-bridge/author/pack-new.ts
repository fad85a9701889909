// `crossroads pack new DIR`: writes a minimal valid pack into a new or empty
// folder, its `$schema` pointing at this kiosk's pack schema so that an
// editor completes and checks fields while the author types.

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { projectPaths } from '../core/project-paths.js';
import { packTemplate } from './pack-template.js';

export interface NewPackResult {
  /** The manifest written, or null when the folder was refused. */
  manifestPath: string | null;
  /** Why nothing was written. */
  reason: string | null;
}

/** A pack id from a folder name: lower-case words joined by single hyphens. */
export function idFromFolder(dir: string): string {
  const words = basename(resolve(dir)).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words.length > 0 ? words.join('-').slice(0, 64).replace(/-+$/, '') : 'my-pack';
}

/** `$schema` as a path from DIR, so that it works wherever the checkout or install lives. */
export function schemaReference(dir: string, root = projectPaths().root): string {
  const schema = join(root, 'content', 'schema', 'pack.schema.json');
  return relative(resolve(dir), schema).split(sep).join('/');
}

export async function newPack(dir: string): Promise<NewPackResult> {
  await mkdir(dir, { recursive: true });
  const present = await readdir(dir);
  if (present.length > 0) {
    return { manifestPath: null, reason: `${dir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}); choose a new folder` };
  }
  const manifest = { $schema: schemaReference(dir), ...packTemplate(idFromFolder(dir)) };
  const manifestPath = join(dir, 'pack.json');
  // `wx`: never overwrite, even if a file appeared since the check.
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
  return { manifestPath, reason: null };
}

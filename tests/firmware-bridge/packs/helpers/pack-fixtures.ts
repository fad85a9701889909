// Real packs for tests: a small valid manifest, real files with their real
// hashes, real ed25519 signatures, zipped by the same builder maintainers use.

import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateKeyPair, signBytes } from '../../../../firmware-bridge/packs/pack-signature.js';
import { craftZip, type CraftedEntry } from './zip-writer.js';

const text = (en: string) => ({ en });

export function minimalManifest(id = 'test-pack', version = '1.0.0'): Record<string, unknown> {
  return {
    format: 1,
    id,
    version,
    title: text(`Test pack ${version}`),
    languages: ['en'],
    files: {},
    minKioskVersion: '0.1.0',
    credits: { analyst: 'A. Analyst' },
    actors: [
      { id: 'azerbaijan', name: text('Azerbaijan'), kind: 'country', iso: '031' },
      { id: 'kazakhstan', name: text('Kazakhstan'), kind: 'country', iso: '398' },
    ],
    places: [
      { id: 'baku', name: text('Baku'), kind: 'capital', at: [49.867, 40.409], country: 'azerbaijan' },
      { id: 'alat', name: text('Alat'), kind: 'port', at: [49.42, 39.95], country: 'azerbaijan' },
      { id: 'aktau', name: text('Aktau'), kind: 'port', at: [51.2, 43.65], country: 'kazakhstan' },
    ],
    corridors: [
      {
        id: 'crossing', name: text('Caspian crossing'), kind: 'sea', status: 'operating', backers: ['azerbaijan'], route: ['aktau', 'alat'],
        countries: ['kazakhstan', 'azerbaijan'], legs: ['water'],
      },
    ],
    scenarios: [
      {
        id: 'crossing',
        title: text('Across the sea'),
        summary: text('Ferries link Aktau and Alat, the port of Baku.'),
        more: text('More about the ferries.'),
        highlight: ['azerbaijan', 'kazakhstan'],
        corridors: ['crossing'],
        relations: [{ from: 'azerbaijan', to: 'kazakhstan', type: 'partnership', reason: text('They share a sea route.') }],
        camera: { center: [50.5, 42], zoom: 1.5 },
        sources: ['analysis'],
      },
    ],
    timeline: [
      { id: 'ferry', date: '2024', title: text('New ferries'), text: text('More ferries sail.'), scenario: 'crossing', sources: ['analysis'] },
    ],
    sources: [{ id: 'analysis', author: 'A. Analyst', title: 'The analysis', publisher: 'A publisher', date: '2025' }],
  };
}

export interface Keys {
  privatePem: string;
  publicPem: string;
}

export function makeKeys(): Keys {
  return generateKeyPair();
}

export async function tempDir(prefix = 'crossroads-packs-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes a signed pack folder: assets, pack.json with their hashes, pack.sig. */
export async function writePackFolder(
  dir: string,
  options: { manifest?: Record<string, unknown>; assets?: Record<string, string | Buffer>; keys?: Keys | null } = {},
): Promise<Buffer> {
  const manifest = options.manifest ?? minimalManifest();
  const assets = options.assets ?? { 'data/notes.txt': 'notes\n' };
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(assets)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
    files[path] = sha256(content);
  }
  const bytes = Buffer.from(JSON.stringify({ ...manifest, files }, null, 2) + '\n');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pack.json'), bytes);
  if (options.keys !== null) await writeFile(join(dir, 'pack.sig'), signBytes(bytes, (options.keys ?? makeKeys()).privatePem));
  return bytes;
}

/** The folder's files as zip entries, for crafting variants with the zip writer. */
export async function folderEntries(dir: string): Promise<CraftedEntry[]> {
  const entries: CraftedEntry[] = [];
  const walk = async (relative: string): Promise<void> => {
    for (const item of (await readdir(join(dir, relative), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = relative ? `${relative}/${item.name}` : item.name;
      if (item.isDirectory()) await walk(path);
      else entries.push({ name: path, data: await readFile(join(dir, path)) });
    }
  };
  await walk('');
  return entries;
}

export async function writeZip(path: string, entries: CraftedEntry[]): Promise<string> {
  await writeFile(path, craftZip(entries));
  return path;
}

/** A data dir trusting `keys`. */
export async function makeDataDir(root: string, keys: Keys, name = 'publisher'): Promise<string> {
  const data = join(root, 'data');
  await mkdir(join(data, 'trusted-keys'), { recursive: true });
  await writeFile(join(data, 'trusted-keys', `${name}.pub`), keys.publicPem);
  return data;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

// Size: the built kiosk page by file (raw and gzipped with zlib's default
// level, what a compressing server would send) and the built-in content pack
// (raw, and as the zip a maintainer would carry on a stick).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { valueRow, type BenchRow } from './bench-table.js';

const KIB = 1024;

function filesUnder(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Vite's content hash (index-C3cpZn5d.js) hidden, so runs compare by chunk. */
export function chunkName(file: string): string {
  return file.replace(/-[A-Za-z0-9_-]{8}(\.[a-z0-9]+)$/, '-*$1');
}

async function zipSize(root: string, files: string[]): Promise<number> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addFile(file, relative(root, file));
  zip.end();
  let size = 0;
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) size += chunk.length;
  return size;
}

/** The pack's pictures, narration and captions, as its manifest lists them (paths inside the pack). */
function mediaFiles(packDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(packDir, 'pack.json'), 'utf8')) as PackManifest;
  const files = new Set((manifest.images ?? []).map((i) => i.file));
  for (const scenario of manifest.scenarios) {
    for (const track of Object.values(scenario.narration ?? {})) {
      files.add(track.audio);
      files.add(track.captions);
    }
  }
  return files;
}

export async function benchSize(kioskDir: string, packDir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let raw = 0;
  let gzipped = 0;
  for (const file of filesUnder(kioskDir)) {
    const bytes = readFileSync(file);
    const zipped = gzipSync(bytes).length;
    raw += bytes.length;
    gzipped += zipped;
    const name = chunkName(relative(kioskDir, file));
    rows.push(valueRow('size', `kiosk ${name}`, 'KiB', bytes.length / KIB), valueRow('size', `kiosk ${name}, gzipped`, 'KiB', zipped / KIB));
  }
  rows.push(valueRow('size', 'kiosk total (dist/kiosk)', 'KiB', raw / KIB), valueRow('size', 'kiosk total, gzipped', 'KiB', gzipped / KIB));
  const packFiles = filesUnder(packDir);
  const packRaw = packFiles.reduce((sum, f) => sum + statSync(f).size, 0);
  const packZip = await zipSize(packDir, packFiles);
  const pack = relative(join(packDir, '..', '..', '..'), packDir);
  rows.push(valueRow('size', `pack ${pack}`, 'KiB', packRaw / KIB, `${packFiles.length} files`), valueRow('size', `pack ${pack}, zipped`, 'KiB', packZip / KIB, 'yazl deflate'));
  // The same pack without its pictures, narration and captions: what the media add.
  const media = mediaFiles(packDir);
  const bare = packFiles.filter((f) => !media.has(relative(packDir, f).split(sep).join('/')));
  const bareRaw = bare.reduce((sum, f) => sum + statSync(f).size, 0);
  rows.push(
    valueRow('size', `pack ${pack} without media`, 'KiB', bareRaw / KIB, `${packFiles.length - bare.length} media files left out (${((packRaw - bareRaw) / KIB).toFixed(0)} KiB)`),
    valueRow('size', `pack ${pack} without media, zipped`, 'KiB', (await zipSize(packDir, bare)) / KIB, 'yazl deflate'),
  );
  return rows;
}

// Draws a map detail for every scenario of a pack and puts it in the pack:
// images/<scenario>.webp, an entry in "images" with alt text and credit in
// the pack's languages, the scenario's "images", and the file's hash in
// "files". The SVG from map-detail-svg.ts is rasterised in headless Chromium
// (the one the tests use), into lossy WebP, small enough for a Pi.
//
//   node --import tsx content/tools/render-map-details.ts [PACK_DIR]
//
// The pack folder defaults to the built-in pack. Run it again after a
// scenario's routes change; it replaces the pictures it made before, and
// keeps their alt texts, which the editors wrote (reread them then).

import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { PackImage, PackManifest } from '../schema/pack-types.js';
import { altText, HEIGHT, MAP_CREDIT, mapDetail, WIDTH } from './map-detail-svg.js';

const QUALITY = 0.8;

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('../packs/caspian-2025/', import.meta.url)));
  const manifestPath = join(dir, 'pack.json');
  const pack = JSON.parse(await readFile(manifestPath, 'utf8')) as PackManifest;
  await mkdir(join(dir, 'images'), { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
  const made: PackImage[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    for (const scenario of pack.scenarios) {
      const detail = mapDetail(pack, scenario);
      const url = `data:image/svg+xml;base64,${Buffer.from(detail.svg).toString('base64')}`;
      // Drawn into a canvas and encoded there: Chromium's own WebP encoder, no other tool.
      const dataUrl = (await page.evaluate(`(async () => {
        const img = new Image();
        img.src = ${JSON.stringify(url)};
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = ${WIDTH}; canvas.height = ${HEIGHT};
        canvas.getContext('2d').drawImage(img, 0, 0);
        return canvas.toDataURL('image/webp', ${QUALITY});
      })()`)) as string;
      if (!dataUrl.startsWith('data:image/webp')) throw new Error(`Chromium did not encode WebP for ${scenario.id}`);
      const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      const file = `images/${scenario.id}.webp`;
      await writeFile(join(dir, file), bytes);
      // An editor's wording of a picture drawn before is kept (check it when the routes change); a new one gets a draft.
      const before = pack.images?.find((i) => i.id === `${scenario.id}-map`);
      const alt = Object.fromEntries(pack.languages.map((l) => [l, before?.alt[l] ?? altText(pack, scenario, detail, l)]));
      const credit = Object.fromEntries(pack.languages.map((l) => [l, MAP_CREDIT[l] ?? MAP_CREDIT.en!]));
      made.push({ id: `${scenario.id}-map`, file, width: WIDTH, height: HEIGHT, alt, credit });
      console.log(`${file}: ${(bytes.length / 1024).toFixed(1)} KiB`);
    }
  } finally {
    await browser.close();
  }
  await writeFile(manifestPath, await withImages(pack, made, dir));
}

/** The manifest with the pictures in, written as `pack build` writes it (the built-in pack's own layout). */
async function withImages(pack: PackManifest, made: PackImage[], dir: string): Promise<string> {
  const ours = new Set(made.map((m) => m.id));
  const images = [...(pack.images ?? []).filter((i) => !ours.has(i.id)), ...made];
  for (const scenario of pack.scenarios) {
    const id = `${scenario.id}-map`;
    scenario.images = [...(scenario.images ?? []).filter((i) => i !== id), id];
  }
  const files: Record<string, string> = { ...pack.files };
  for (const image of made) files[image.file] = createHash('sha256').update(await readFile(join(dir, image.file))).digest('hex');
  const sortedFiles = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // "images" goes after "lessons", where the schema lists it.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pack)) {
    if (key === 'images') continue;
    out[key] = key === 'files' ? sortedFiles : value;
    if (key === 'lessons') out.images = images;
  }
  out.images ??= images;
  return JSON.stringify(out, null, 2) + '\n';
}

await main();

// The built-in pack's pictures and narration: a map detail the project drew
// for every scenario, credited and described in both languages, draft
// narration in English and Spanish, every file listed with its hash, all of
// it small enough for a Pi and accepted by the kiosk's own validator.
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../firmware-bridge/packs/pack-validator.js';
import { MAP_CREDIT } from '../../content/tools/map-detail-svg.js';
import { loadPack, loadPackFiles, PACK_URL } from './helpers/load-pack.js';

const pack = loadPack();
const files = loadPackFiles();
const KIB = 1024;

describe('the built-in pack\'s media', () => {
  it('has a picture for every scenario, of its own map detail', () => {
    for (const s of pack.scenarios) {
      expect(s.images?.length, s.id).toBeGreaterThanOrEqual(1);
      const image = pack.images!.find((i) => i.id === s.images![0]);
      expect(image?.file, s.id).toBe(`images/${s.id}.webp`);
    }
  });

  it('credits the project and Natural Earth, and describes each map, in English and Spanish', () => {
    for (const image of pack.images!) {
      expect(image.credit).toEqual({
        en: 'Map detail drawn by the Caspian Crossroads project from Natural Earth borders (public domain)',
        es: MAP_CREDIT.es,
      });
      expect(image.alt.en, image.id).toMatch(/^Map of the region showing .+\.$/);
      expect(image.alt.es, image.id).toMatch(/^Mapa de la región en el que .+\.$/);
    }
  });

  it('has draft narration with captions in English and Spanish for every scenario', () => {
    for (const s of pack.scenarios) {
      for (const lang of ['en', 'es']) {
        expect(s.narration?.[lang], `${s.id} ${lang}`).toEqual({
          audio: `audio/${s.id}.${lang}.opus`, captions: `audio/${s.id}.${lang}.vtt`, credit: expect.stringContaining('espeak-ng'), draft: true,
        });
      }
    }
  });

  it('lists exactly the files the folder holds, with their hashes', () => {
    const dir = fileURLToPath(new URL('.', PACK_URL));
    const onDisk = ['images', 'audio'].flatMap((folder) => readdirSync(`${dir}/${folder}`).map((name) => `${folder}/${name}`)).sort();
    expect(Object.keys(pack.files).sort()).toEqual(onDisk);
    for (const [path, bytes] of Object.entries(files)) expect(createHash('sha256').update(bytes).digest('hex'), path).toBe(pack.files[path]);
    expect(statSync(`${dir}/images/${pack.scenarios[0]!.id}.webp`).size).toBeGreaterThan(5 * KIB);
  });

  it('stays small: each picture under 150 KiB, all media under 3 MiB', () => {
    for (const [path, bytes] of Object.entries(files)) if (path.startsWith('images/')) expect(bytes.length, path).toBeLessThan(150 * KIB);
    const total = Object.values(files).reduce((sum, b) => sum + b.length, 0);
    expect(total).toBeLessThan(3 * 1024 * KIB);
  });

  it('passes the kiosk\'s validator, media checks and all', async () => {
    const result = await validatePack(fileURLToPath(new URL('.', PACK_URL)), {
      requireSignature: false, trustedKeys: { dir: '', keys: [], skipped: [] }, kioskVersion: '0.1.0', geography: false,
    });
    expect(result.problems).toEqual([]);
  });
});

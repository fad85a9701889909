// The built-in pack's pictures and narration: a map detail the project drew
// for every scenario, credited and described in both languages, draft
// narration in English and Spanish, every file listed with its hash, all of
// it small enough for a Pi and accepted by the kiosk's own validator.
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../firmware-bridge/packs/pack-validator.js';
import { mapDetail, MAP_CREDIT } from '../../content/tools/map-detail-svg.js';
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
      expect(image.alt.en, image.id).toMatch(/^Map .+\.$/);
      expect(image.alt.es, image.id).toMatch(/^Mapa .+\.$/);
    }
  });

  it('says in words what each map draws: every shaded country and every place with a dot, in both languages', () => {
    for (const s of pack.scenarios) {
      const image = pack.images!.find((i) => i.id === s.images![0])!;
      const detail = mapDetail(pack, s);
      const named = new Set(s.places?.length ? s.places : detail.corridors.flatMap((c) => [c.route[0]!, c.route.at(-1)!]));
      for (const lang of ['en', 'es']) {
        const alt = image.alt[lang]!;
        const countries = s.highlight.map((id) => pack.actors.find((a) => a.id === id)).filter((a) => a?.kind === 'country');
        for (const country of countries) expect(alt, `${s.id} ${lang}`).toContain(country!.name[lang]);
        for (const place of detail.places.filter((p) => named.has(p.id))) expect(alt, `${s.id} ${lang}`).toContain(place.name[lang]!.replace(/\s*\(.*$/, ''));
        // Dashed lines are said to be plans; a map without them says nothing of dashes.
        expect(/dashed|discontinua/.test(alt), `${s.id} ${lang}: dashes`).toBe(detail.corridors.some((c) => c.status !== 'operating'));
      }
    }
  });

  it('names the corridor through Syunik neutrally: each side\'s name, attributed to it', () => {
    for (const image of pack.images!.filter((i) => /Zangezur/.test(i.alt.en))) {
      expect(image.alt.en, image.id).toContain('Baku calls the Zangezur corridor and Yerevan the Syunik corridor');
      expect(image.alt.es, image.id).toContain('Bakú llama corredor de Zangezur y Ereván, corredor de Syunik');
    }
    expect(pack.images!.filter((i) => /Zangezur/.test(i.alt.en)).map((i) => i.id)).toEqual(['zangezur-syunik-map', 'new-balance-map']);
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

// Packs with pictures and narration, signed and checked end to end by the one
// validator: a good one installs (folder and zip), a pack without media still
// does, and a 100-megapixel picture, a broken sound, a misstated size or bad
// captions are refused with their reason while the current pack stays.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../firmware-bridge/packs/pack-problem.js';
import { loadTrustedKeys } from '../../../firmware-bridge/packs/pack-signature.js';
import { validatePack } from '../../../firmware-bridge/packs/pack-validator.js';
import { GOOD_VTT, makePng, mediaFixture } from './helpers/media-fixtures.js';
import { folderEntries, minimalManifest, writePackFolder, writeZip } from './helpers/pack-fixtures.js';
import { buildZip, fingerprint, KIOSK_VERSION, makeWorld, type World } from './helpers/pack-world.js';

let world: World;
let n = 0;

/** A manifest with one picture on its scenario and its timeline event, and narration in English. */
function mediaManifest(version: string, edit: (m: Record<string, any>) => void = () => {}): Record<string, unknown> {
  const m = minimalManifest('test-pack', version) as Record<string, any>;
  m.images = [{
    id: 'ferry-map', file: 'images/ferry.webp', width: 120, height: 80,
    alt: { en: 'Map of the ferry route from Aktau to Alat' }, credit: { en: 'Drawn by the project' },
  }];
  m.scenarios[0].images = ['ferry-map'];
  m.timeline[0].image = 'ferry-map';
  m.scenarios[0].narration = { en: { audio: 'audio/crossing.en.opus', captions: 'audio/crossing.en.vtt', credit: 'Draft narration', draft: true } };
  edit(m);
  return m;
}

function mediaAssets(overrides: Record<string, Buffer | string> = {}): Record<string, Buffer | string> {
  return { 'images/ferry.webp': mediaFixture('vp8.webp'), 'audio/crossing.en.opus': mediaFixture('hello.opus'), 'audio/crossing.en.vtt': GOOD_VTT, ...overrides };
}

async function validateFolder(manifest: Record<string, unknown>, assets: Record<string, Buffer | string>) {
  const dir = join(world.root, 'folders', String(++n));
  await writePackFolder(dir, { manifest, assets, keys: world.keys });
  return validatePack(dir, { requireSignature: true, trustedKeys: await loadTrustedKeys(join(world.data, 'trusted-keys')), kioskVersion: KIOSK_VERSION });
}

/** Installs, as a signed zip, a pack the builder would refuse (so it is zipped from its signed folder), and expects the reason. */
async function expectZipRefused(manifest: Record<string, unknown>, assets: Record<string, Buffer | string>, file: string, message: RegExp): Promise<void> {
  const dir = join(world.root, 'bad', String(++n));
  await writePackFolder(dir, { manifest, assets, keys: world.keys });
  const zip = await writeZip(join(world.root, `bad-${n}.zip`), await folderEntries(dir));
  const before = await fingerprint(world.data);
  const result = await world.store().install(zip);
  const lines = result.problems.map(formatProblem);
  expect(result.status, lines.join('\n')).toBe('refused');
  expect(result.problems.some((p) => p.file === file && message.test(p.message)), `no ${file}: ${String(message)} in\n${lines.join('\n')}`).toBe(true);
  expect(await fingerprint(world.data)).toBe(before);
}

beforeAll(async () => {
  world = await makeWorld();
  await world.store().start();
});

afterAll(async () => {
  await world.close();
});

describe('a pack with pictures and narration', () => {
  it('validates as a signed folder', async () => {
    const result = await validateFolder(mediaManifest('1.0.0'), mediaAssets());
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.manifest?.images?.[0]?.id).toBe('ferry-map');
  });

  it('installs as a signed zip, and a pack without media still does', async () => {
    const store = world.store();
    const withMedia = await store.install(await buildZip(world, { manifest: mediaManifest('1.1.0'), assets: mediaAssets() }));
    expect(withMedia.status, withMedia.problems.map(formatProblem).join('\n')).toBe('installed');
    expect(store.current().pack.scenarios[0]!.narration?.en?.draft).toBe(true);
    const without = await store.install(await buildZip(world, { version: '1.2.0' }));
    expect(without.status, without.problems.map(formatProblem).join('\n')).toBe('installed');
    expect((await validateFolder(minimalManifest('test-pack', '1.3.0'), { 'data/notes.txt': 'notes\n' })).ok).toBe(true);
  });

  it('accepts JPEG, PNG and Ogg Vorbis too', async () => {
    const manifest = mediaManifest('1.0.0', (m) => {
      m.images[0].file = 'images/photo.jpg'; m.images[0].width = 160; m.images[0].height = 90;
      m.images.push({ id: 'map', file: 'images/map.png', width: 64, height: 48, alt: { en: 'A map' }, credit: { en: 'The project' } });
      m.scenarios[0].narration.en.audio = 'audio/crossing.en.ogg';
    });
    const result = await validateFolder(manifest, {
      'images/photo.jpg': mediaFixture('photo.jpg'), 'images/map.png': mediaFixture('map.png'),
      'audio/crossing.en.ogg': mediaFixture('tone.ogg'), 'audio/crossing.en.vtt': GOOD_VTT,
    });
    expect(result.problems.map(formatProblem)).toEqual([]);
  });
});

describe('media refused with a reason, folder and zip', () => {
  it('refuses a 100-megapixel picture', async () => {
    const manifest = mediaManifest('2.0.0', (m) => { m.images[0].file = 'images/ferry.png'; m.images[0].width = 4000; m.images[0].height = 4000; });
    const assets = mediaAssets({ 'images/ferry.png': makePng(10_000, 10_000) });
    delete assets['images/ferry.webp'];
    const folder = await validateFolder(manifest, assets);
    expect(folder.problems.map(formatProblem)).toEqual([
      'images/ferry.png: is 10000 × 10000 pixels (100 megapixels); a picture may be at most 4096 px a side and 16 megapixels, so the kiosk can decode it (scale it down)',
    ]);
    await expectZipRefused(manifest, assets, 'images/ferry.png', /100 megapixels/);
  });

  it('refuses a broken sound file', async () => {
    const opus = mediaFixture('hello.opus');
    const assets = mediaAssets({ 'audio/crossing.en.opus': opus.subarray(0, opus.length - 300) });
    const folder = await validateFolder(mediaManifest('2.0.0'), assets);
    expect(folder.problems.map(formatProblem)).toEqual([expect.stringMatching(/^audio\/crossing.en.opus: is cut short/)]);
    await expectZipRefused(mediaManifest('2.0.0'), mediaAssets({ 'audio/crossing.en.opus': Buffer.alloc(4000, 7) }), 'audio/crossing.en.opus', /is not an Ogg file/);
  });

  it('refuses a picture whose size the manifest misstates, and captions that are not WebVTT', async () => {
    const manifest = mediaManifest('2.0.0', (m) => { m.images[0].height = 90; });
    const folder = await validateFolder(manifest, mediaAssets({ 'audio/crossing.en.vtt': 'Hello.\n' }));
    expect(folder.problems.map(formatProblem).sort()).toEqual([
      'audio/crossing.en.vtt: is not WebVTT: its first line must be "WEBVTT"',
      'images/ferry.webp: is 120 × 80 pixels, but pack.json images[0] says 120 × 90; correct the width and height',
    ]);
    await expectZipRefused(manifest, mediaAssets(), 'images/ferry.webp', /says 120 × 90/);
  });

  it('refuses a manifest naming a picture file the pack does not carry', async () => {
    const assets = mediaAssets();
    delete assets['images/ferry.webp'];
    const folder = await validateFolder(mediaManifest('2.0.0'), assets);
    expect(folder.problems.map(formatProblem)).toEqual(['pack.json: images[0].file: names the file "images/ferry.webp", which is not in the pack']);
  });
});

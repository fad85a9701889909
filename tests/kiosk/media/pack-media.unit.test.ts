import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { narrationFor, packFileUrl, shownImage } from '../../../kiosk/media/pack-media.js';
import { MEDIA_VERSION, mediaPack, VOICE_CREDIT, withoutMedia } from './media-pack.js';

const builtIn = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;
const pack = mediaPack(builtIn);

describe('packFileUrl', () => {
  it('puts a pack file under /pack/<version>/, each part URL-encoded', () => {
    expect(packFileUrl(pack, 'images/ferry-line.webp')).toBe(`/pack/${MEDIA_VERSION}/images/ferry-line.webp`);
    expect(packFileUrl({ ...pack, version: '1.4.0+build 7' }, 'audio/a b#1.opus')).toBe('/pack/1.4.0%2Bbuild%207/audio/a%20b%231.opus');
  });

  it('makes no URL for a path that is not a plain one inside the pack', () => {
    for (const path of ['', '/etc/passwd', '../pack.json', 'images/../../x', 'images//x.webp', 'images\\x.webp', './x.webp', 'images/']) {
      expect(packFileUrl(pack, path), path).toBeNull();
    }
  });
});

describe('shownImage', () => {
  const [first, second] = pack.scenarios;
  it('is the scenario’s first picture, or the timeline moment’s while one of this scenario is shown', () => {
    expect(shownImage(pack, first!, -1)?.id).toBe('ferry');
    expect(shownImage(pack, first!, 2)?.id).toBe('moment');
    // A moment of another scenario, or one without a picture, leaves the scenario's.
    expect(shownImage(pack, second!, 2)?.id).toBe('corrupt');
    expect(shownImage(pack, first!, 3)?.id).toBe('ferry');
  });

  it('is null without pictures, for an id the manifest lacks, and before a pack', () => {
    const bare = withoutMedia(pack);
    expect(shownImage(bare, bare.scenarios[0]!, -1)).toBeNull();
    expect(shownImage(pack, { ...first!, images: ['nowhere'] }, -1)).toBeNull();
    expect(shownImage(null, first!, -1)).toBeNull();
    expect(shownImage(pack, pack.scenarios[4]!, -1)).toBeNull();
  });
});

describe('narrationFor', () => {
  it('is the scenario’s track in the visitor’s language, with its URLs, credit and draft mark', () => {
    const en = narrationFor(pack, pack.scenarios[0]!, 'en')!;
    expect(en).toEqual({
      key: `${pack.id}@${MEDIA_VERSION}/${pack.scenarios[0]!.id}/en`,
      audioUrl: `/pack/${MEDIA_VERSION}/audio/ships-en.opus`,
      captionsUrl: `/pack/${MEDIA_VERSION}/audio/ships-en.vtt`,
      credit: VOICE_CREDIT.en,
      draft: true,
    });
    expect(narrationFor(pack, pack.scenarios[0]!, 'es')!.key).not.toBe(en.key);
  });

  it('has no other language stand in, and nothing for a scenario without narration', () => {
    expect(narrationFor(pack, pack.scenarios[1]!, 'es')).toBeNull();
    expect(narrationFor(pack, pack.scenarios[1]!, 'en')!.draft).toBe(false);
    expect(narrationFor(pack, pack.scenarios[3]!, 'en')).toBeNull();
    expect(narrationFor(withoutMedia(pack), withoutMedia(pack).scenarios[0]!, 'en')).toBeNull();
    expect(narrationFor(pack, { ...pack.scenarios[0]!, narration: { en: { audio: '../x.opus', captions: 'audio/x.vtt', credit: '' } } }, 'en')).toBeNull();
  });
});

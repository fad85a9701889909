// A pack with pictures and narration for the page's tests, made from the
// built-in pack: every picture and narration it may have of its own taken
// out, then the small real files in tests/kiosk/fixtures/media/ put in. The
// test runner serves that folder as this pack's files (/pack/0.0.0-media/...).
//   scenario 0: a picture (WebP) and narration in English and Spanish (Opus + WebVTT, draft)
//   scenario 1: a picture that is no picture, and an English narration that is no Opus
//   scenario 2: a picture whose file is not there
//   timeline event 2, moved to scenario 0: its own picture

import type { PackImage, PackManifest } from '../../../content/schema/pack-types.js';

export const MEDIA_VERSION = '0.0.0-media';

/** What the fixture files say, for the tests to compare with. */
export const FERRY = { width: 480, height: 270, alt: { en: 'A dashed ferry line crossing a dark sea between two pale shores', es: 'Una línea de ferri discontinua cruza un mar oscuro entre dos costas claras' }, credit: { en: 'Drawing: Caspian Crossroads project, CC0', es: 'Dibujo: proyecto Caspian Crossroads, CC0' } };
export const EN_CUES = [
  { start: 0, end: 1.9, text: 'Ships cross the Caspian Sea.' },
  { start: 2.2, end: 3.5, text: 'Trains carry the containers' },
  { start: 3.5, end: 4.8, text: 'on to Europe.' },
];
export const ES_FIRST_CUE = 'Los barcos cruzan el mar Caspio.';
export const VOICE_CREDIT = { en: 'Draft voice: espeak-ng', es: 'Voz provisional: espeak-ng' };

/** The pack with no picture and no narration anywhere. */
export function withoutMedia(pack: PackManifest): PackManifest {
  const { images: _images, ...rest } = structuredClone(pack);
  return {
    ...rest,
    scenarios: rest.scenarios.map(({ images: _i, narration: _n, ...scenario }) => scenario),
    timeline: rest.timeline.map(({ image: _image, ...event }) => event),
  };
}

export function mediaPack(base: PackManifest): PackManifest {
  const pack = withoutMedia(base);
  const image = (id: string, file: string): PackImage => ({ id, file, width: FERRY.width, height: FERRY.height, alt: FERRY.alt, credit: FERRY.credit });
  pack.version = MEDIA_VERSION;
  pack.images = [
    image('ferry', 'images/ferry-line.webp'),
    image('corrupt', 'images/corrupt.webp'),
    image('missing', 'images/not-there.webp'),
    { ...image('moment', 'images/ferry-line.webp'), alt: { en: 'The same ferry line, for a moment of the timeline', es: 'La misma línea de ferri, para un momento de la cronología' } },
  ];
  const [first, second, third] = pack.scenarios;
  first!.images = ['ferry'];
  first!.narration = {
    en: { audio: 'audio/ships-en.opus', captions: 'audio/ships-en.vtt', credit: VOICE_CREDIT.en, draft: true },
    es: { audio: 'audio/ships-es.opus', captions: 'audio/ships-es.vtt', credit: VOICE_CREDIT.es, draft: true },
  };
  second!.images = ['corrupt'];
  second!.narration = { en: { audio: 'audio/broken.opus', captions: 'audio/ships-en.vtt', credit: 'nobody' } };
  third!.images = ['missing'];
  pack.timeline[2] = { ...pack.timeline[2]!, scenario: first!.id, image: 'moment' };
  return pack;
}

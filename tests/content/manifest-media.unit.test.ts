// checkManifest on the media fields: pictures with alt text and credit in
// every language, resolving ids, narration only in the pack's languages and
// files only in their folders with their kinds of extension.
import { describe, expect, it } from 'vitest';
import { checkManifest, type ManifestProblem } from '../../content/schema/check-manifest.js';
import type { PackImage, PackManifest } from '../../content/schema/pack-types.js';
import { loadPack } from './helpers/load-pack.js';

const IMAGE: PackImage = {
  id: 'baku-port',
  file: 'images/baku-port.webp',
  width: 1200,
  height: 800,
  alt: { en: 'Map of the port of Baku', es: 'Mapa del puerto de Bakú' },
  credit: { en: 'Drawn by the project', es: 'Dibujado por el proyecto' },
};

/** The built-in pack with one picture on its first scenario and an English narration, then `edit`ed. */
function problemsAfter(edit: (pack: PackManifest) => void = () => {}): ManifestProblem[] {
  const pack = loadPack();
  pack.images = [structuredClone(IMAGE)];
  for (const s of pack.scenarios) { delete s.images; delete s.narration; }
  for (const e of pack.timeline) delete e.image;
  pack.scenarios[0]!.images = ['baku-port'];
  pack.scenarios[0]!.narration = {
    en: { audio: 'audio/first.en.opus', captions: 'audio/first.en.vtt', credit: 'Draft narration: synthetic voice (espeak-ng)', draft: true },
  };
  pack.timeline[0]!.image = 'baku-port';
  edit(pack);
  return checkManifest(pack);
}

function expectOne(problems: ManifestProblem[], field: string, message: RegExp): void {
  expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(1);
  expect(problems[0]!.field).toBe(field);
  expect(problems[0]!.message).toMatch(message);
}

describe('checkManifest: pictures and narration', () => {
  it('accepts a picture and a narration track that are in order', () => {
    expect(problemsAfter()).toEqual([]);
  });

  it('refuses two pictures with one id', () => {
    expectOne(problemsAfter((p) => { p.images!.push({ ...structuredClone(IMAGE), file: 'images/other.png' }); }),
      'images[1].id', /uses the id 'baku-port', which images\[0\] already uses; each image needs its own id/);
  });

  it('names a scenario or timeline picture the pack does not define', () => {
    expectOne(problemsAfter((p) => { p.scenarios[0]!.images = ['baku-port', 'aktau']; }),
      'scenarios[0].images[1]', /names image 'aktau', which the pack does not define \(add it to "images"/);
    expectOne(problemsAfter((p) => { p.timeline[0]!.image = 'nowhere'; }), 'timeline[0].image', /names image 'nowhere'/);
  });

  it('asks for alt text and credit in every language of the pack', () => {
    expectOne(problemsAfter((p) => { delete p.images![0]!.alt.es; }), 'images[0].alt', /has no text in 'es' \(Spanish\)/);
    expectOne(problemsAfter((p) => { p.images![0]!.credit = { en: 'Drawn by the project' }; }), 'images[0].credit', /has no text in 'es'/);
    expectOne(problemsAfter((p) => { delete (p.images![0] as Partial<PackImage>).alt; }), 'images[0].alt', /is required but missing/);
  });

  it('refuses narration in a language the pack does not speak', () => {
    expectOne(problemsAfter((p) => {
      p.scenarios[0]!.narration!.fr = { audio: 'audio/first.fr.opus', captions: 'audio/first.fr.vtt', credit: 'Voix de synthèse' };
    }), 'scenarios[0].narration.fr', /narration in 'fr', which is not one of the pack's languages \(en, es\)/);
  });

  it('refuses one file used as two tracks', () => {
    expectOne(problemsAfter((p) => {
      p.scenarios[0]!.narration!.es = { audio: 'audio/first.en.opus', captions: 'audio/first.es.vtt', credit: 'Voz sintética' };
    }), 'scenarios[0].narration.es.audio', /names "audio\/first.en.opus", which scenarios\[0\].narration.en.audio already names/);
  });

  it('keeps pictures in images/ and sounds and captions in audio/, each of its kinds', () => {
    for (const file of ['baku.webp', 'images/baku.gif', 'images/sub/baku.png', 'audio/baku.png', '../images/baku.png']) {
      expectOne(problemsAfter((p) => { p.images![0]!.file = file; }), 'images[0].file', /picture lies in the images folder and is a \.webp, \.jpg or \.png/);
    }
    expectOne(problemsAfter((p) => { p.scenarios[0]!.narration!.en!.audio = 'audio/first.wav'; }),
      'scenarios[0].narration.en.audio', /narration lies in the audio folder and is an \.opus, \.ogg or \.mp3/);
    expectOne(problemsAfter((p) => { p.scenarios[0]!.narration!.en!.captions = 'images/first.vtt'; }),
      'scenarios[0].narration.en.captions', /captions lie in the audio folder and are a WebVTT \.vtt file/);
  });

  it('refuses a picture larger than the kiosk draws, or without a size', () => {
    expectOne(problemsAfter((p) => { p.images![0]!.width = 5000; }), 'images[0].width', /is 5000, but must be between 1 and 4096/);
    expectOne(problemsAfter((p) => { p.images![0]!.height = 0; }), 'images[0].height', /between 1 and 4096/);
    expectOne(problemsAfter((p) => { (p.images![0] as { width: unknown }).width = 12.5; }), 'images[0].width', /whole number/);
  });

  it('refuses an empty narration credit', () => {
    expectOne(problemsAfter((p) => { p.scenarios[0]!.narration!.en!.credit = ''; }), 'scenarios[0].narration.en.credit', /must not be empty/);
  });
});

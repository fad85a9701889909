// The pure parts of a draft narration: how a summary is cut into spoken
// pieces, the captions' timings, and the manifest edit that leaves every
// other byte of pack.json as its author wrote it.
import { describe, expect, it } from 'vitest';
import { captionsFor, sentencesOf, vttTime } from '../../../firmware-bridge/packs/narration-draft.js';
import { setMember } from '../../../firmware-bridge/packs/manifest-edit.js';
import { parseWebVtt } from '../../../firmware-bridge/packs/webvtt-check.js';
import { readWav, writeWav } from '../../../firmware-bridge/packs/speech-tools.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('spoken pieces', () => {
  it('splits a summary into its sentences, in English and Spanish', () => {
    expect(sentencesOf('Ferries link Aktau and Alat. Trains run on! Is it so? Yes.', 'en')).toEqual(['Ferries link Aktau and Alat.', 'Trains run on!', 'Is it so?', 'Yes.']);
    expect(sentencesOf('Turkmenistán se abre. ¿Por qué? Su gas va a Rusia y China.', 'es')).toEqual(['Turkmenistán se abre.', '¿Por qué?', 'Su gas va a Rusia y China.']);
  });

  it('cuts a long sentence at its colons and semicolons only', () => {
    const long = 'Around the Caspian Sea the balance of power is shifting, argues the author: Russia\'s long hold over the Caucasus and Central Asia is wearing away, while new routes redraw the map.';
    expect(sentencesOf(long, 'en')).toEqual([
      'Around the Caspian Sea the balance of power is shifting, argues the author:',
      "Russia's long hold over the Caucasus and Central Asia is wearing away, while new routes redraw the map.",
    ]);
    expect(sentencesOf('Baku calls it Zangezur; Yerevan speaks of Syunik.', 'en')).toEqual(['Baku calls it Zangezur; Yerevan speaks of Syunik.']);
  });
});

describe('captions', () => {
  it('writes WebVTT times', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(8.2195)).toBe('00:00:08.220');
    expect(vttTime(3725.5)).toBe('01:02:05.500');
  });

  it('gives each piece a cue exactly as long as its sound, back to back', () => {
    const vtt = captionsFor([{ text: 'One.', seconds: 1.25 }, { text: 'Two --> three.', seconds: 2.5 }]);
    const parsed = parseWebVtt(Buffer.from(vtt));
    expect(parsed).toEqual({ cues: [{ start: 0, end: 1.25, text: 'One.' }, { start: 1.25, end: 3.75, text: 'Two -> three.' }] });
  });
});

describe('editing pack.json', () => {
  const AUTHORED = '{\n    "files": {},\n    "scenarios": [\n        { "id": "a", "sources": ["x", "y"] },\n        {\n            "id": "b",\n            "sources": ["x"]\n        }\n    ]\n}\n';

  it('adds a member after the last one, in the author\'s indentation, changing nothing else', () => {
    const edited = setMember(AUTHORED, ['scenarios', 1], 'narration', { en: { audio: 'audio/b.en.opus', draft: true } });
    expect(edited).toBe('{\n    "files": {},\n    "scenarios": [\n        { "id": "a", "sources": ["x", "y"] },\n        {\n            "id": "b",\n            "sources": ["x"],\n'
      + '            "narration": {\n                "en": {\n                    "audio": "audio/b.en.opus",\n                    "draft": true\n                }\n            }\n        }\n    ]\n}\n');
    expect(JSON.parse(edited).scenarios[1].narration.en.draft).toBe(true);
  });

  it('fills an empty object, replaces an existing value, and keeps CRLF line ends', () => {
    const files = setMember(AUTHORED, ['files'], 'audio/b.en.opus', 'ab12');
    expect(files).toContain('    "files": {\n        "audio/b.en.opus": "ab12"\n    },\n    "scenarios"');
    expect(setMember(files, ['files'], 'audio/b.en.opus', 'cd34')).toBe(files.replace('ab12', 'cd34'));
    const crlf = setMember(AUTHORED.replace(/\n/g, '\r\n'), ['files'], 'k', 'v');
    expect(crlf).not.toMatch(/[^\r]\n/);
    expect(JSON.parse(crlf).files).toEqual({ k: 'v' });
  });

  it('refuses a path that is no object', () => {
    expect(() => setMember(AUTHORED, ['scenarios', 5], 'x', 1)).toThrow(/no object at scenarios.5/);
  });
});

describe('WAV files', () => {
  it('writes PCM as a WAV it reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossroads-wav-'));
    try {
      const data = Buffer.alloc(22050 * 2, 1);
      await writeWav(join(dir, 'a.wav'), { channels: 1, rate: 22050, bits: 16, data });
      const pcm = readWav(readFileSync(join(dir, 'a.wav')), 'a.wav');
      expect(pcm).toMatchObject({ channels: 1, rate: 22050, bits: 16 });
      expect(pcm.data.equals(data)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

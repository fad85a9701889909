import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cueIndexAt, parseWebVtt } from '../../../kiosk/media/webvtt.js';
import { EN_CUES } from './media-pack.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/media/audio/${name}`, import.meta.url), 'utf8');

describe('parseWebVtt', () => {
  it('reads the fixture captions: timings in seconds, text as text', () => {
    expect(parseWebVtt(fixture('ships-en.vtt'))).toEqual(EN_CUES);
    expect(parseWebVtt(fixture('ships-es.vtt'))).toHaveLength(2);
  });

  it('takes hours, CRLF, a BOM, cue settings and identifiers; drops markup and decodes entities', () => {
    const text = '\uFEFFWEBVTT - made by hand\r\n\r\nNOTE a comment\r\n\r\nintro\r\n01:00:01.500 --> 01:00:03.000 align:center line:90%\r\n<v Narrator>Baku &amp; <i>Aktau</i></v>\r\nsecond line\r\n';
    expect(parseWebVtt(text)).toEqual([{ start: 3601.5, end: 3603, text: 'Baku & Aktau\nsecond line' }]);
  });

  it('skips malformed and empty cues, sorts by start, and refuses what is not WebVTT', () => {
    const text = 'WEBVTT\n\n00:05.000 --> 00:06.000\nlater\n\n00:0x.000 --> 00:02.000\nbad time\n\n00:03.000 --> 00:02.000\nbackwards\n\n00:01.000 --> 00:02.000\n\n00:00.500 --> 00:01.000\nfirst\n';
    expect(parseWebVtt(text).map((c) => c.text)).toEqual(['first', 'later']);
    expect(parseWebVtt('1\n00:00.000 --> 00:01.000\nno header\n')).toEqual([]);
    expect(parseWebVtt('<html>not found</html>')).toEqual([]);
  });
});

describe('cueIndexAt', () => {
  it('finds the cue showing at a time: starts included, ends excluded, none in a gap', () => {
    const cues = EN_CUES;
    expect(cueIndexAt(cues, 0)).toBe(0);
    expect(cueIndexAt(cues, 1.899)).toBe(0);
    expect(cueIndexAt(cues, 1.9)).toBe(-1);
    expect(cueIndexAt(cues, 2.2)).toBe(1);
    expect(cueIndexAt(cues, 3.5)).toBe(2);
    expect(cueIndexAt(cues, 4.8)).toBe(-1);
    expect(cueIndexAt(cues, -1)).toBe(-1);
    expect(cueIndexAt([], 1)).toBe(-1);
  });

  it('keeps a long cue showing under a shorter one that ended', () => {
    const cues = [
      { start: 0, end: 10, text: 'long' },
      { start: 2, end: 3, text: 'short' },
    ];
    expect(cueIndexAt(cues, 2.5)).toBe(1);
    expect(cueIndexAt(cues, 5)).toBe(0);
  });
});

// The media checks on real files: pixel sizes read from the headers real
// encoders write, and every way a picture, a sound or captions is refused.
import { describe, expect, it } from 'vitest';
import { audioChecker, type AudioKind } from '../../../firmware-bridge/packs/audio-container.js';
import { readImageSize } from '../../../firmware-bridge/packs/image-header.js';
import { mediaInspector } from '../../../firmware-bridge/packs/media-checks.js';
import { parseWebVtt } from '../../../firmware-bridge/packs/webvtt-check.js';
import { GOOD_VTT, makeMp3, makePng, mediaFixture } from './helpers/media-fixtures.js';

/** The reasons the inspector gives for `bytes` at `path`, fed in chunks of `size` as a stream would. */
function reasons(path: string, bytes: Buffer, manifest: unknown = {}, size = 4096): string[] {
  const inspector = mediaInspector(path, manifest);
  if (!inspector) throw new Error(`${path} is not a media path`);
  for (let at = 0; at < bytes.length; at += size) inspector.push(bytes.subarray(at, at + size));
  return inspector.finish().map((p) => `${p.file}: ${p.message}`);
}

function audio(kind: AudioKind, bytes: Buffer, size = 1000): { reason: string | null; seconds: number | null } {
  const checker = audioChecker(kind);
  for (let at = 0; at < bytes.length; at += size) checker.push(bytes.subarray(at, at + size));
  const reason = checker.finish();
  return { reason, seconds: checker.seconds };
}

describe('picture headers', () => {
  it.each([
    ['map.png', 'png', 64, 48],
    ['photo.jpg', 'jpeg', 160, 90],
    ['vp8.webp', 'webp', 120, 80],
    ['vp8l.webp', 'webp', 96, 64],
    ['alpha.webp', 'webp', 100, 70],
  ])('reads the size of %s', (name, format, width, height) => {
    expect(readImageSize(mediaFixture(name))).toEqual({ format, width, height });
  });

  it('reads the size of a generated PNG, and says when bytes are no picture', () => {
    expect(readImageSize(makePng(300, 200))).toEqual({ format: 'png', width: 300, height: 200 });
    expect(readImageSize(Buffer.from('GIF89a....'))).toEqual({ problem: expect.stringMatching(/is not a PNG, JPEG or WebP/) });
    expect(readImageSize(mediaFixture('photo.jpg').subarray(0, 100))).toEqual({ problem: expect.stringMatching(/JPEG without a frame header/) });
  });
});

describe('pictures refused', () => {
  const declared = (width: number, height: number) => ({ images: [{ file: 'images/map.png', width, height }] });

  it('accepts a picture whose size the manifest gives right', () => {
    expect(reasons('images/map.png', mediaFixture('map.png'), declared(64, 48))).toEqual([]);
  });

  it('refuses a picture whose size the manifest misstates', () => {
    expect(reasons('images/map.png', mediaFixture('map.png'), declared(64, 64), 100)).toEqual([
      'images/map.png: is 64 × 48 pixels, but pack.json images[0] says 64 × 64; correct the width and height',
    ]);
  });

  it('refuses a 100-megapixel PNG, a real one, and one wider than 4096 px', () => {
    const huge = makePng(10_000, 10_000);
    expect(huge.length).toBeLessThan(4 * 1024 * 1024);
    expect(reasons('images/huge.png', huge)).toEqual([
      'images/huge.png: is 10000 × 10000 pixels (100 megapixels); a picture may be at most 4096 px a side and 16 megapixels, so the kiosk can decode it (scale it down)',
    ]);
    expect(reasons('images/wide.png', makePng(4097, 10))[0]).toMatch(/is 4097 × 10 pixels/);
    expect(reasons('images/square.png', makePng(4096, 4000))[0]).toMatch(/16.4 megapixels/);
    expect(reasons('images/ok.png', makePng(4096, 3900))).toEqual([]);
  });

  it('refuses a picture over 4 MiB', () => {
    expect(reasons('images/big.png', makePng(100, 100, 4 * 1024 * 1024), {}, 65536)).toEqual([
      expect.stringMatching(/^images\/big.png: is 4 MiB; a picture may be at most 4 MiB/),
    ]);
  });

  it('refuses a picture that is not what its name says', () => {
    expect(reasons('images/map.webp', mediaFixture('map.png'))).toEqual([
      'images/map.webp: is a PNG picture, but its name says WebP; rename it to match what it is',
    ]);
    expect(reasons('images/x.jpg', Buffer.from('not a picture at all'))[0]).toMatch(/is not a PNG, JPEG or WebP picture/);
  });
});

describe('sound files', () => {
  it('accepts a real Ogg Opus and gives its length, and a real Ogg Vorbis', () => {
    const opus = audio('opus', mediaFixture('hello.opus'));
    expect(opus.reason).toBeNull();
    expect(opus.seconds).toBeCloseTo(0.716, 2);
    expect(audio('ogg', mediaFixture('tone.ogg')).reason).toBeNull();
    expect(audio('ogg', mediaFixture('hello.opus')).reason).toBeNull(); // Opus in a .ogg is allowed
  });

  it('refuses a cut-short, damaged, garbage or misnamed Ogg file', () => {
    const opus = mediaFixture('hello.opus');
    expect(audio('opus', opus.subarray(0, opus.length - 100)).reason).toMatch(/is cut short: its last Ogg page \(at byte \d+\) is incomplete/);
    const damaged = Buffer.from(opus);
    damaged[opus.length - 50] ^= 0x55;
    expect(audio('opus', damaged).reason).toMatch(/has a damaged Ogg page at byte \d+ \(its checksum does not match\)/);
    expect(audio('opus', Buffer.alloc(5000, 0x41)).reason).toBe('is not an Ogg file (it does not start with an "OggS" page)');
    expect(audio('opus', mediaFixture('tone.ogg')).reason).toMatch(/is Ogg Vorbis, not Opus as its .opus name says/);
    expect(audio('opus', Buffer.alloc(0)).reason).toBe('is empty');
  });

  it('refuses an Ogg file that stops at a page boundary before its stream ends', () => {
    const opus = mediaFixture('hello.opus');
    // The pages of the file, found by their capture pattern; drop the last.
    const starts: number[] = [];
    for (let i = opus.indexOf('OggS'); i >= 0; i = opus.indexOf('OggS', i + 1)) starts.push(i);
    expect(starts.length).toBeGreaterThan(2);
    expect(audio('opus', opus.subarray(0, starts[starts.length - 1])).reason).toMatch(/has no last page/);
  });

  it('accepts MP3 frames after an ID3 tag and refuses cut-short or garbage MP3', () => {
    const mp3 = makeMp3(20);
    expect(audio('mp3', mp3).reason).toBeNull();
    expect(audio('mp3', Buffer.concat([mp3, Buffer.from('TAG'), Buffer.alloc(125)])).reason).toBeNull();
    expect(audio('mp3', mp3.subarray(0, mp3.length - 200)).reason).toMatch(/is cut short: its last audio frame \(at byte \d+\) is incomplete/);
    expect(audio('mp3', Buffer.concat([mp3, Buffer.alloc(500, 0x33)])).reason).toMatch(/has bytes that are not MPEG audio at byte 8370/);
    expect(audio('mp3', Buffer.alloc(2000, 0x33)).reason).toMatch(/is not an MP3 file/);
    expect(audio('mp3', makeMp3(0)).reason).toBe('holds no MPEG audio frames');
  });

  it('refuses a sound file over 16 MiB', () => {
    const big = makeMp3(Math.ceil((16 * 1024 * 1024) / 417) + 10);
    expect(reasons('audio/long.mp3', big, {}, 1 << 20)).toEqual([expect.stringMatching(/is 16 MiB; a narration may be at most 16 MiB/)]);
  });
});

describe('captions', () => {
  it('reads the cues of WebVTT, with and without hours', () => {
    const parsed = parseWebVtt(Buffer.from(GOOD_VTT));
    expect(parsed).toEqual({ cues: [{ start: 0, end: 0.7, text: 'Hello.' }, { start: 0.7, end: 1.5, text: 'And welcome.' }] });
    expect(reasons('audio/a.vtt', Buffer.from(`\uFEFF${GOOD_VTT.replace(/\n/g, '\r\n')}`))).toEqual([]);
  });

  it.each([
    ['no signature', '00:00:00.000 --> 00:00:01.000\nHi\n', /first line must be "WEBVTT"/],
    ['a bad timing', 'WEBVTT\n\n00:00:00,000 --> 00:00:01.000\nHi\n', /not hh:mm:ss.mmm --> hh:mm:ss.mmm at line 3/],
    ['a cue without timing', 'WEBVTT\n\n1\nHi\n', /a cue without timings at line 3/],
    ['a cue that ends before it starts', 'WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nHi\n', /ends before it starts at line 3/],
    ['cues out of order', 'WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nB\n\n00:00:01.000 --> 00:00:02.000\nA\n', /starts before the one above it at line 6/],
    ['no cues', 'WEBVTT\n\nNOTE nothing here\n', /has no cues/],
  ])('refuses captions with %s', (_name, text, reason) => {
    expect(reasons('audio/a.vtt', Buffer.from(text))).toEqual([expect.stringMatching(reason)]);
  });

  it('refuses captions that are not UTF-8 or are over 256 KiB', () => {
    expect(reasons('audio/a.vtt', Buffer.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff, 0xfe]))).toEqual([expect.stringMatching(/is not UTF-8/)]);
    const long = GOOD_VTT + '\n00:00:02.000 --> 00:00:03.000\n' + 'x'.repeat(300 * 1024) + '\n';
    expect(reasons('audio/a.vtt', Buffer.from(long))).toEqual([expect.stringMatching(/is 300.1 KiB; captions may be at most 256 KiB/)]);
  });
});

describe('which files are checked', () => {
  it('checks pictures, sounds and captions in their folders only', () => {
    expect(mediaInspector('images/a.webp', {})).not.toBeNull();
    expect(mediaInspector('audio/a.opus', {})).not.toBeNull();
    expect(mediaInspector('audio/a.vtt', {})).not.toBeNull();
    expect(mediaInspector('images/map.svg', {})).toBeNull();
    expect(mediaInspector('data/a.png', {})).toBeNull();
    expect(mediaInspector('images/sub/a.png', {})).toBeNull();
  });
});

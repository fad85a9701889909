// Media files for pack tests: the real encoded files in fixtures/media, and
// files made here byte by byte where a test needs a size no fixture has (a
// complete, valid PNG of any size, deflated by zlib) or a format the project
// has no encoder for (MP3 frames).
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

export function mediaFixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A whole black-and-white PNG of `width` × `height` (1 bit a pixel, so even
 * 100 megapixels is 12.5 MB raw and a few KB deflated), with `padding` bytes
 * of text chunk to make it as large in bytes as a test needs.
 */
export function makePng(width: number, height: number, padding = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 and zero bits: a black picture
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (padding > 0) parts.push(chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(padding, 0x20)])));
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** `count` silent MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 bytes each), after an ID3v2 tag. */
export function makeMp3(count: number): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 20, ...Buffer.alloc(20)]);
  const frame = Buffer.alloc(417);
  frame.writeUInt32BE(0xfffb9000, 0); // sync, MPEG-1, Layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding
  return Buffer.concat([id3, ...Array.from({ length: count }, () => frame)]);
}

export const GOOD_VTT = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:00.700\nHello.\n\n00:00.700 --> 00:01.500 align:center\nAnd welcome.\n';

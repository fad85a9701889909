// Reads a picture's pixel size from its own header (PNG IHDR, JPEG SOF, WebP
// VP8/VP8L/VP8X) without decoding it, so the validator can refuse a picture
// whose size the manifest misstates, or one so large that decoding it would
// take the kiosk's memory, before any page tries.

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageSize {
  format: ImageFormat;
  width: number;
  height: number;
}

/** The size the header states, or why the bytes are no picture this reads. */
export function readImageSize(bytes: Buffer): ImageSize | { problem: string } {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return png(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpeg(bytes);
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return webp(bytes);
  return { problem: 'is not a PNG, JPEG or WebP picture (its first bytes are none of theirs)' };
}

function png(b: Buffer): ImageSize | { problem: string } {
  // The first chunk must be IHDR: length 13, then width and height as 32-bit numbers.
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return { problem: 'is a PNG whose first chunk is not its header (IHDR); the file is broken' };
  return sized('png', b.readUInt32BE(16), b.readUInt32BE(20));
}

// Start-of-frame markers: baseline, extended, progressive, lossless, and their
// arithmetic-coded twins. C4 (Huffman tables), C8 (reserved) and CC
// (arithmetic conditioning) share the range but carry no size.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(b: Buffer): ImageSize | { problem: string } {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { problem: `is a JPEG with a broken segment at byte ${at}` };
    const marker = b[at + 1]!;
    if (marker === 0xff) { at += 1; continue; } // fill byte
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame header
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; } // markers without a length
    const length = b.readUInt16BE(at + 2);
    if (length < 2) return { problem: `is a JPEG with a broken segment at byte ${at}` };
    if (SOF.has(marker)) {
      if (at + 9 > b.length) break;
      return sized('jpeg', b.readUInt16BE(at + 7), b.readUInt16BE(at + 5));
    }
    at += 2 + length;
  }
  return { problem: 'is a JPEG without a frame header (SOF) stating its size; the file is broken or cut short' };
}

function webp(b: Buffer): ImageSize | { problem: string } {
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30) {
    // A lossy key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return { problem: 'is a WebP whose VP8 frame has no start code; the file is broken' };
    return sized('webp', b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    if (b[20] !== 0x2f) return { problem: 'is a WebP whose lossless (VP8L) header has no signature; the file is broken' };
    const bits = b.readUInt32LE(21);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    // The extended format states its canvas: 24-bit width - 1 and height - 1.
    return sized('webp', b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1);
  }
  return { problem: `is a WebP without a VP8, VP8L or VP8X header stating its size (found "${chunk.replace(/[^\x20-\x7e]/g, '?')}")` };
}

function sized(format: ImageFormat, width: number, height: number): ImageSize | { problem: string } {
  if (width === 0 || height === 0) return { problem: `is a ${NAMES[format]} whose header states ${width} × ${height} pixels; the file is broken` };
  return { format, width, height };
}

export const NAMES: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };

/** The format a picture's extension promises. */
export function formatOfExtension(path: string): ImageFormat | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'png') return 'png';
  if (ext === 'jpg' || ext === 'jpeg') return 'jpeg';
  if (ext === 'webp') return 'webp';
  return null;
}

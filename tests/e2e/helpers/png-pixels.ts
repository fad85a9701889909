// Reads a screenshot's pixels: decodes the 8-bit, non-interlaced RGB or RGBA
// PNG that Chromium writes (zlib inflate and the five row filters), so the
// tests can sample what the page rendered without an image library.

import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  data: Uint8Array;
}

export function decodePng(png: Buffer): Pixels {
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const chunks: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8], colour = body[9], interlace = body[12];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') chunks.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? rows[y * stride + x - channels]! : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x]! : 0;
      const corner = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += left;
      else if (filter === 2) v += up;
      else if (filter === 3) v += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - corner, pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - corner);
        v += pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
      }
      rows[y * stride + x] = v & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    data.set([rows[j]!, rows[j + 1]!, rows[j + 2]!, channels === 4 ? rows[j + 3]! : 255], i * 4);
  }
  return { width, height, data };
}

/** WCAG relative luminance of an sRGB pixel. */
export function luminance(r: number, g: number, b: number): number {
  const lin = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * The contrast of text in a box as rendered: its letters (the brightest
 * tenth of the box's pixels) over what lies under them (the darkest tenth:
 * the halo or panel behind the letters), as WCAG's ratio.
 */
export function boxContrast(pixels: Pixels, box: { left: number; top: number; width: number; height: number }): number {
  const values: number[] = [];
  const x0 = Math.max(0, Math.round(box.left)), y0 = Math.max(0, Math.round(box.top));
  const x1 = Math.min(pixels.width, Math.round(box.left + box.width)), y1 = Math.min(pixels.height, Math.round(box.top + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * pixels.width + x) * 4;
      values.push(luminance(pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!));
    }
  }
  if (values.length === 0) return Infinity;
  values.sort((a, b) => a - b);
  const dark = values[Math.floor(values.length * 0.1)]!, light = values[Math.floor(values.length * 0.9)]!;
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Whether a light line with a dark edge (a leader) runs from (x0, y0) to
 * (x1, y1): at three points along its middle, the brightest pixel near the
 * line over the darkest one beside it, as WCAG's ratio; the lowest of the three.
 */
export function lineContrast(pixels: Pixels, x0: number, y0: number, x1: number, y1: number): number {
  const at = (x: number, y: number): number => {
    const px = Math.min(pixels.width - 1, Math.max(0, x)), py = Math.min(pixels.height - 1, Math.max(0, y));
    const i = (py * pixels.width + px) * 4;
    return luminance(pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!);
  };
  let lowest = Infinity;
  for (const f of [0.3, 0.5, 0.7]) {
    const cx = Math.round(x0 + (x1 - x0) * f), cy = Math.round(y0 + (y1 - y0) * f);
    let light = 0, dark = Infinity;
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        const l = at(cx + dx, cy + dy);
        if (Math.abs(dx) <= 1 && Math.abs(dy) <= 1) light = Math.max(light, l);
        dark = Math.min(dark, l);
      }
    }
    lowest = Math.min(lowest, (light + 0.05) / (dark + 0.05));
  }
  return lowest;
}

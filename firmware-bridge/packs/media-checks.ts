// The validator's checks of a pack's pictures, sounds and captions, fed the
// bytes as they are hashed so every file is still read once. Every file in
// images/ and audio/ of a kind the kiosk serves is checked, named by the
// manifest or not, since the kiosk serves any of them to the page.

import { mediaTypeOf, type MediaKind } from '../../content/schema/media-files.js';
import { formatOfExtension, NAMES, readImageSize } from './image-header.js';
import { audioChecker, type AudioChecker, type AudioKind } from './audio-container.js';
import { formatBytes, problem, type PackProblem } from './pack-problem.js';
import { parseWebVtt } from './webvtt-check.js';

const KIB = 1024;
const MIB = 1024 * KIB;

export const MEDIA_LIMITS = {
  maxImageBytes: 4 * MIB,
  maxImageSide: 4096,
  /** 16 megapixels: what a Pi decodes into a texture without running short of memory. */
  maxImagePixels: 16_000_000,
  maxAudioBytes: 16 * MIB,
  maxCaptionBytes: 256 * KIB,
} as const;

export function mediaKindOf(path: string): MediaKind | null {
  return mediaTypeOf(path)?.kind ?? null;
}

export interface MediaInspector {
  push(chunk: Buffer): void;
  /** What is wrong with the file; empty when it is fit to show or play. */
  finish(): PackProblem[];
}

/** An inspector for a media file of the pack, or null for any other file. */
export function mediaInspector(path: string, manifest: unknown): MediaInspector | null {
  const kind = mediaKindOf(path);
  if (kind === 'image') return new ImageInspector(path, declaredSizes(manifest, path));
  if (kind === 'audio') return new AudioInspector(path, audioChecker(path.slice(path.lastIndexOf('.') + 1).toLowerCase() as AudioKind));
  if (kind === 'captions') return new CaptionsInspector(path);
  return null;
}

interface Declared { field: string; width: unknown; height: unknown }

function declaredSizes(manifest: unknown, path: string): Declared[] {
  const images = (manifest as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) return [];
  const out: Declared[] = [];
  images.forEach((image: unknown, i) => {
    const entry = image as { file?: unknown; width?: unknown; height?: unknown } | null;
    if (entry?.file === path) out.push({ field: `images[${i}]`, width: entry.width, height: entry.height });
  });
  return out;
}

/** Keeps a file's bytes up to a limit, and counts them all. */
class Collector {
  private chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept >= this.limit) return;
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  get tooLarge(): boolean { return this.size > this.limit; }
  bytes(): Buffer { return Buffer.concat(this.chunks); }
}

class ImageInspector implements MediaInspector {
  private readonly bytes = new Collector(MEDIA_LIMITS.maxImageBytes);

  constructor(private readonly path: string, private readonly declared: Declared[]) {}

  push(chunk: Buffer): void { this.bytes.push(chunk); }

  finish(): PackProblem[] {
    const path = this.path;
    if (this.bytes.tooLarge) {
      return [problem(path, '', `is ${formatBytes(this.bytes.size)}; a picture may be at most ${formatBytes(MEDIA_LIMITS.maxImageBytes)} (save it smaller, e.g. as WebP at most 1920 px wide)`)];
    }
    const size = readImageSize(this.bytes.bytes());
    if ('problem' in size) return [problem(path, '', size.problem)];
    const promised = formatOfExtension(path);
    if (promised !== size.format) {
      return [problem(path, '', `is a ${NAMES[size.format]} picture, but its name says ${NAMES[promised!]}; rename it to match what it is`)];
    }
    const { width, height } = size;
    const { maxImageSide: side, maxImagePixels: pixels } = MEDIA_LIMITS;
    if (width > side || height > side || width * height > pixels) {
      const mp = ((width * height) / 1e6).toFixed(1).replace(/\.0$/, '');
      return [problem(path, '', `is ${width} × ${height} pixels (${mp} megapixels); a picture may be at most ${side} px a side and ${pixels / 1e6} megapixels, so the kiosk can decode it (scale it down)`)];
    }
    return this.declared
      .filter((d) => d.width !== width || d.height !== height)
      .map((d) => problem(path, '', `is ${width} × ${height} pixels, but pack.json ${d.field} says ${String(d.width)} × ${String(d.height)}; correct the width and height`));
  }
}

class AudioInspector implements MediaInspector {
  private size = 0;

  constructor(private readonly path: string, private readonly checker: AudioChecker) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size <= MEDIA_LIMITS.maxAudioBytes) this.checker.push(chunk);
  }

  finish(): PackProblem[] {
    if (this.size > MEDIA_LIMITS.maxAudioBytes) {
      return [problem(this.path, '', `is ${formatBytes(this.size)}; a narration may be at most ${formatBytes(MEDIA_LIMITS.maxAudioBytes)} (encode speech as mono Opus at 24-32 kbit/s)`)];
    }
    const reason = this.checker.finish();
    return reason ? [problem(this.path, '', reason)] : [];
  }
}

class CaptionsInspector implements MediaInspector {
  private readonly bytes = new Collector(MEDIA_LIMITS.maxCaptionBytes);

  constructor(private readonly path: string) {}

  push(chunk: Buffer): void { this.bytes.push(chunk); }

  finish(): PackProblem[] {
    if (this.bytes.tooLarge) {
      return [problem(this.path, '', `is ${formatBytes(this.bytes.size)}; captions may be at most ${formatBytes(MEDIA_LIMITS.maxCaptionBytes)}`)];
    }
    const parsed = parseWebVtt(this.bytes.bytes());
    return 'problem' in parsed ? [problem(this.path, '', parsed.problem)] : [];
  }
}

// GET /pack/<version>/<path>: the pictures, sounds and captions of the pack on
// screen, and nothing else. A file is served only when the version is the
// current pack's, the path is listed in its manifest's "files" (so it was
// hashed and checked when the pack was accepted) and is a media file of a type
// the page shows or plays. The version in the URL makes each file immutable;
// a byte range lets audio seek.

import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { mediaTypeOf } from '../../content/schema/media-files.js';
import type { PackShown } from '../core/event-bus.js';

export const PACK_PREFIX = '/pack/';

/** The pack file a raw request path names, or null when it names none that may be served. */
export function resolvePackFile(shown: PackShown, rawPath: string): { file: string; hash: string; contentType: string } | null {
  if (!shown.dir || !rawPath.startsWith(PACK_PREFIX)) return null;
  const segments: string[] = [];
  for (const raw of rawPath.slice(PACK_PREFIX.length).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // Decoded, a segment must still be one plain name: no "..", no hidden separators.
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  const [version, ...parts] = segments;
  if (version !== shown.pack.version || parts.length !== 2) return null;
  const path = parts.join('/');
  const files = shown.pack.files as Record<string, string> | undefined;
  const hash = files && Object.hasOwn(files, path) ? files[path] : undefined;
  const type = mediaTypeOf(path);
  if (!hash || !type) return null;
  return { file: join(shown.dir, ...parts), hash, contentType: type.contentType };
}

/** A single byte range of a file of `size` bytes; 'unsatisfiable', or null to send it all. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or another unit: the whole file is a valid answer
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Answers a /pack/ request; returns false when it names no servable file (the caller answers 404). */
export async function sendPackFile(shown: PackShown, rawPath: string, req: IncomingMessage, res: ServerResponse, head: boolean): Promise<boolean> {
  const found = resolvePackFile(shown, rawPath);
  if (!found) return false;
  let size: number;
  try {
    const info = await lstat(found.file);
    if (!info.isFile()) return false; // a link or folder put there after the pack was checked
    size = info.size;
  } catch {
    return false;
  }
  const etag = `"${found.hash}"`;
  res.setHeader('Content-Type', found.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', etag);
  // A folder being authored may change a file under the same version; an accepted pack never does.
  res.setHeader('Cache-Control', shown.authoring ? 'no-cache' : 'public, max-age=31536000, immutable');
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304);
    res.end();
    return true;
  }
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('range not satisfiable');
    return true;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.writeHead(range ? 206 : 200, { 'Content-Length': Math.max(0, end - start + 1) });
  if (head || size === 0) {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(found.file, { start, end });
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return true;
}

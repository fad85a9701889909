// The media files a pack may carry and the kiosk serves: pictures in images/,
// sounds and their captions in audio/, each of a type the page can show or
// play. The validator checks these files and the bridge serves only these,
// so both read the rule from here.

export type MediaKind = 'image' | 'audio' | 'captions';

interface MediaType { kind: MediaKind; folder: 'images' | 'audio'; contentType: string }

const TYPES: Record<string, MediaType> = {
  webp: { kind: 'image', folder: 'images', contentType: 'image/webp' },
  jpg: { kind: 'image', folder: 'images', contentType: 'image/jpeg' },
  png: { kind: 'image', folder: 'images', contentType: 'image/png' },
  opus: { kind: 'audio', folder: 'audio', contentType: 'audio/ogg; codecs=opus' },
  ogg: { kind: 'audio', folder: 'audio', contentType: 'audio/ogg' },
  mp3: { kind: 'audio', folder: 'audio', contentType: 'audio/mpeg' },
  vtt: { kind: 'captions', folder: 'audio', contentType: 'text/vtt; charset=utf-8' },
};

/** A pack-relative path's media type: a plain name directly in its folder with a known extension; null otherwise. */
export function mediaTypeOf(path: string): MediaType | null {
  const m = /^(images|audio)\/([A-Za-z0-9_-][A-Za-z0-9._-]*)\.([A-Za-z0-9]+)$/.exec(path);
  if (!m) return null;
  const type = TYPES[m[3]!.toLowerCase()];
  return type && type.folder === m[1] ? type : null;
}

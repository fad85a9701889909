// WebVTT captions, read by the page itself rather than through a <track>:
// the cues are then plain data the narration player matches against the
// media time on every frame (a track's cuechange follows timeupdate, which
// Chromium fires only every 250 ms). Only what captions need: cue timings and
// their text, markup tags dropped (text is always rendered as text).

export interface Cue {
  /** Seconds. */
  start: number;
  end: number;
  text: string;
}

const TIMING = /^((?:\d+:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{2}:\d{2}\.\d{3})/;

function seconds(stamp: string): number {
  const parts = stamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': '\u00a0', '&lrm;': '\u200e', '&rlm;': '\u200f' };

function plainText(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();
}

/** The cues of a WebVTT file, sorted by start; [] for a file that is not WebVTT. A malformed cue is skipped, not fatal. */
export function parseWebVtt(text: string): Cue[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return [];
  const cues: Cue[] = [];
  for (let i = 1; i < lines.length; i++) {
    const timing = TIMING.exec(lines[i]!.trim());
    if (!timing) continue;
    const body: string[] = [];
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') body.push(lines[++i]!);
    const start = seconds(timing[1]!);
    const end = seconds(timing[2]!);
    const cueText = plainText(body);
    if (end > start && cueText !== '') cues.push({ start, end, text: cueText });
  }
  return cues.sort((a, b) => a.start - b.start);
}

/** The cue showing at `time` (the latest one begun that has not ended), or -1. */
export function cueIndexAt(cues: readonly Cue[], time: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let begun = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start <= time) {
      begun = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = begun; i >= 0; i--) if (cues[i]!.end > time) return i;
  return -1;
}

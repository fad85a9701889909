// Checks that captions are WebVTT the page's <track> will show: UTF-8, the
// "WEBVTT" signature, and cues whose timings parse, end after they start and
// come in order. A browser silently drops a file it cannot parse, which would
// leave a deaf visitor with no captions and nobody told why.

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** Seconds from "hh:mm:ss.mmm" or "mm:ss.mmm", as WebVTT writes them; null when malformed. */
export function parseTimestamp(text: string): number | null {
  const m = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/.exec(text);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** The cues of a WebVTT file, or why it is not one. */
export function parseWebVtt(bytes: Buffer): { cues: Cue[] } | { problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'is not UTF-8 text, as WebVTT captions must be' };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    return { problem: 'is not WebVTT: its first line must be "WEBVTT"' };
  }
  const cues: Cue[] = [];
  let i = 1;
  while (i < lines.length && lines[i] !== '') i++; // the header's own lines
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const block: string[] = [];
    const firstLine = i + 1;
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!);
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0]!)) continue;
    const timingAt = block[0]!.includes('-->') ? 0 : 1;
    const timing = block[timingAt];
    const where = `line ${firstLine + timingAt}`;
    if (timing === undefined || !timing.includes('-->')) return { problem: `has a cue without timings at line ${firstLine} (a cue needs "00:00:01.000 --> 00:00:03.000")` };
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/.exec(timing);
    const start = m ? parseTimestamp(m[1]!) : null;
    const end = m ? parseTimestamp(m[2]!) : null;
    if (start === null || end === null) return { problem: `has a cue timing that is not hh:mm:ss.mmm --> hh:mm:ss.mmm at ${where}: "${timing.slice(0, 60)}"` };
    if (end <= start) return { problem: `has a cue that ends before it starts at ${where}` };
    const previous = cues[cues.length - 1];
    if (previous && start < previous.start) return { problem: `has a cue that starts before the one above it at ${where}; cues must be in time order` };
    cues.push({ start, end, text: block.slice(timingAt + 1).join('\n') });
  }
  if (cues.length === 0) return { problem: 'has no cues: captions need at least one timed line of text' };
  return { cues };
}

// The map's frame rate for the maintenance screen, from the scene's running
// counts sampled once a second: frames drawn per second, and "still" when the
// map's loop ran but had nothing to draw (a still map draws no frame, so 0
// would look like a hang). A loop that did not run at all reads 0: that is a
// stall worth seeing. Pure: the caller passes the clock.

/** Frames drawn per second over the last interval, or still: the loop ran and nothing needed drawing. */
export type FrameRate = { kind: 'drawing'; fps: number } | { kind: 'still' };

export class FrameMeter {
  private last: { frames: number; checks: number; at: number } | null = null;
  private rate: FrameRate | null = null;

  /** Takes a sample of frames drawn and animation frames looked at; the rate over the last interval (null until two samples). */
  sample(frames: number, checks: number, at: number): FrameRate | null {
    const last = this.last;
    if (last && at > last.at && frames >= last.frames && checks >= last.checks) {
      const drawn = frames - last.frames;
      this.rate = drawn === 0 && checks > last.checks ? { kind: 'still' } : { kind: 'drawing', fps: (drawn * 1000) / (at - last.at) };
    }
    this.last = { frames, checks, at };
    return this.rate;
  }
}

/** "3 h 05 min", "12 min 04 s", "9 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s % 60)} s`;
  return `${s} s`;
}

// Frames per second from the scene's running frame count, sampled by the
// maintenance screen once a second. Pure: the caller passes the clock.

export class FrameMeter {
  private last: { frames: number; at: number } | null = null;
  private rate: number | null = null;

  /** Takes a sample; returns the rate over the last interval (null until two samples). */
  sample(frames: number, at: number): number | null {
    if (this.last && at > this.last.at && frames >= this.last.frames) {
      this.rate = ((frames - this.last.frames) * 1000) / (at - this.last.at);
    }
    this.last = { frames, at };
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

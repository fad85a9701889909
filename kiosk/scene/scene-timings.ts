// What the scene spends its JavaScript time on, by kind of work, kept in a
// fixed table (count, total and longest, ms) so that timing every frame
// allocates nothing and the page's timeline does not grow. The bench reads a
// copy before and after a scenario switch and takes the difference.

export const TIMED_WORK = ['switch', 'language', 'update', 'labels', 'ground', 'frame'] as const;
export type TimedWork = (typeof TIMED_WORK)[number];

export interface WorkTime {
  count: number;
  totalMs: number;
  maxMs: number;
}

export class SceneTimings {
  /** Per kind: count, total ms, longest ms. */
  private readonly table = new Float64Array(TIMED_WORK.length * 3);

  /** Records one piece of work of `kind` that began at `startMs` (performance.now()). */
  add(kind: TimedWork, startMs: number): void {
    const ms = performance.now() - startMs;
    const o = TIMED_WORK.indexOf(kind) * 3;
    this.table[o]! += 1;
    this.table[o + 1]! += ms;
    if (ms > this.table[o + 2]!) this.table[o + 2] = ms;
  }

  /** A copy of the table so far. */
  snapshot(): Record<TimedWork, WorkTime> {
    const out = {} as Record<TimedWork, WorkTime>;
    TIMED_WORK.forEach((kind, k) => (out[kind] = { count: this.table[k * 3]!, totalMs: this.table[k * 3 + 1]!, maxMs: this.table[k * 3 + 2]! }));
    return out;
  }
}

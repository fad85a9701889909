// Greedy label placement in screen pixels: rectangles (and the leader lines
// from a dot to a name set further off) are taken in priority order, and a new
// one is refused if it touches one already taken. Storage is preallocated, so
// laying out a frame allocates nothing.

/** Whether the segment from (x0, y0) to (x1, y1) passes through the rectangle (Liang-Barsky clipping). */
export function segmentHitsRect(x0: number, y0: number, x1: number, y1: number, rx: number, ry: number, rw: number, rh: number): boolean {
  const dx = x1 - x0, dy = y1 - y0;
  let t0 = 0, t1 = 1;
  for (let side = 0; side < 4; side++) {
    const p = side === 0 ? -dx : side === 1 ? dx : side === 2 ? -dy : dy;
    const q = side === 0 ? x0 - rx : side === 1 ? rx + rw - x0 : side === 2 ? y0 - ry : ry + rh - y0;
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t >= t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t <= t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t0 < t1;
}

/** Whether two segments cross (touching at an end, or lying along each other, does not count). */
export function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const c = side(ax, ay, bx, by, cx, cy), d = side(ax, ay, bx, by, dx, dy);
  const a = side(cx, cy, dx, dy, ax, ay), b = side(cx, cy, dx, dy, bx, by);
  return c * d < 0 && a * b < 0;
}

/** Which side of the line p-q the point r lies on: 1, -1, or 0 on it. */
function side(px: number, py: number, qx: number, qy: number, rx: number, ry: number): number {
  return Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
}

export class LabelPlacer {
  /** x, y, width, height, item, isMarker per entry (y up). */
  private readonly rects: Float32Array;
  private count = 0;
  /** Leader lines taken: x0, y0, x1, y1 per entry. */
  private readonly segments: Float32Array;
  private segmentCount = 0;

  constructor(capacity: number, leaders = 0) {
    this.rects = new Float32Array(capacity * 6);
    this.segments = new Float32Array(leaders * 4);
  }

  reset(): void {
    this.count = 0;
    this.segmentCount = 0;
  }

  /** Whether the rectangle touches any taken one (item `self`'s own marker excepted) or a leader line. */
  collides(x: number, y: number, width: number, height: number, self: number): boolean {
    const r = this.rects;
    for (let k = 0; k < this.count; k++) {
      const o = k * 6;
      if (r[o + 4] === self && r[o + 5] === 1) continue;
      if (x < r[o]! + r[o + 2]! && r[o]! < x + width && y < r[o + 1]! + r[o + 3]! && r[o + 1]! < y + height) return true;
    }
    const s = this.segments;
    for (let k = 0; k < this.segmentCount; k++) {
      const o = k * 4;
      if (segmentHitsRect(s[o]!, s[o + 1]!, s[o + 2]!, s[o + 3]!, x, y, width, height)) return true;
    }
    return false;
  }

  /**
   * Whether a leader line would pass through a taken rectangle (item `self`'s
   * own dot excepted, and the dots touching the `near`-pixel square around
   * (nearX, nearY): the cluster a hidden dot's line leaves; NaN for none).
   * Other leader lines: crossesLeader.
   */
  segmentCollides(x0: number, y0: number, x1: number, y1: number, self: number, nearX = NaN, nearY = NaN, near = 0): boolean {
    const r = this.rects;
    for (let k = 0; k < this.count; k++) {
      const o = k * 6;
      if (r[o + 5] === 1 && r[o + 4] === self) continue;
      if (r[o + 5] === 1 && nearX - near / 2 < r[o]! + r[o + 2]! && r[o]! < nearX + near / 2 && nearY - near / 2 < r[o + 1]! + r[o + 3]! && r[o + 1]! < nearY + near / 2) continue;
      if (segmentHitsRect(x0, y0, x1, y1, r[o]!, r[o + 1]!, r[o + 2]!, r[o + 3]!)) return true;
    }
    return false;
  }

  /** Whether a segment crosses a leader line taken before. */
  crossesLeader(x0: number, y0: number, x1: number, y1: number): boolean {
    const s = this.segments;
    for (let k = 0; k < this.segmentCount; k++) {
      const o = k * 4;
      if (segmentsCross(x0, y0, x1, y1, s[o]!, s[o + 1]!, s[o + 2]!, s[o + 3]!)) return true;
    }
    return false;
  }

  /** Whether a label or a blocked area (not a dot) covers the point. */
  covers(x: number, y: number): boolean {
    const r = this.rects;
    for (let k = 0; k < this.count; k++) {
      const o = k * 6;
      if (r[o + 5] !== 1 && x >= r[o]! && x <= r[o]! + r[o + 2]! && y >= r[o + 1]! && y <= r[o + 1]! + r[o + 3]!) return true;
    }
    return false;
  }

  /** Keeps later labels off a leader line. */
  takeSegment(x0: number, y0: number, x1: number, y1: number): void {
    if ((this.segmentCount + 1) * 4 > this.segments.length) return;
    const o = this.segmentCount++ * 4;
    this.segments[o] = x0;
    this.segments[o + 1] = y0;
    this.segments[o + 2] = x1;
    this.segments[o + 3] = y1;
  }

  take(x: number, y: number, width: number, height: number, item: number, marker: boolean): void {
    if ((this.count + 1) * 6 > this.rects.length) return;
    const r = this.rects;
    const o = this.count++ * 6;
    r[o] = x;
    r[o + 1] = y;
    r[o + 2] = width;
    r[o + 3] = height;
    r[o + 4] = item;
    r[o + 5] = marker ? 1 : 0;
  }

  /** Marks a screen area no label may use (an overlay covering the map). */
  block(x: number, y: number, width: number, height: number): void {
    this.take(x, y, width, height, -2, false);
  }

  /** Every taken label (markers and blocked areas left out) as item index and rectangle. */
  labels(): { item: number; rect: [number, number, number, number] }[] {
    const out: { item: number; rect: [number, number, number, number] }[] = [];
    for (let k = 0; k < this.count; k++) {
      const o = k * 6;
      if (this.rects[o + 5] === 1 || this.rects[o + 4]! < 0) continue;
      out.push({ item: this.rects[o + 4]!, rect: [this.rects[o]!, this.rects[o + 1]!, this.rects[o + 2]!, this.rects[o + 3]!] });
    }
    return out;
  }
}

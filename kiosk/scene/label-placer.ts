// Greedy label placement in screen pixels: rectangles are taken in priority
// order and a new one is refused if it touches one already taken. Storage is
// preallocated, so laying out a frame allocates nothing.

export class LabelPlacer {
  /** x, y, width, height, item, isMarker per entry (y up). */
  private readonly rects: Float32Array;
  private count = 0;

  constructor(capacity: number) {
    this.rects = new Float32Array(capacity * 6);
  }

  reset(): void {
    this.count = 0;
  }

  /** Whether the rectangle touches any taken one (item `self`'s own marker excepted). */
  collides(x: number, y: number, width: number, height: number, self: number): boolean {
    const r = this.rects;
    for (let k = 0; k < this.count; k++) {
      const o = k * 6;
      if (r[o + 4] === self && r[o + 5] === 1) continue;
      if (x < r[o]! + r[o + 2]! && r[o]! < x + width && y < r[o + 1]! + r[o + 3]! && r[o + 1]! < y + height) return true;
    }
    return false;
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

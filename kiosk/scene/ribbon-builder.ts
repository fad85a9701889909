// Collects many polylines into one ribbon geometry for a single draw call.
// Each point becomes two vertices; the shader pushes them apart along
// `offset` (a mitred normal) times its own width, so widths and patterns
// change by uniforms. Per vertex: which item it belongs to, its style, its
// distance from the path's start and how far along (0..1) it is.

import { BufferGeometry, Float32BufferAttribute } from 'three';

export class RibbonBuilder {
  private readonly position: number[] = [];
  private readonly offset: number[] = [];
  private readonly side: number[] = [];
  private readonly dist: number[] = [];
  private readonly along: number[] = [];
  private readonly item: number[] = [];
  private readonly style: number[] = [];
  private readonly index: number[] = [];

  /** Adds one path (x, y, z triples) for `item` with style (a, b). */
  add(points: number[], item: number, styleA: number, styleB: number): void {
    const count = points.length / 3;
    if (count < 2) return;
    const lengths = [0];
    for (let i = 1; i < count; i++) {
      const dx = points[i * 3]! - points[i * 3 - 3]!, dy = points[i * 3 + 1]! - points[i * 3 - 2]!, dz = points[i * 3 + 2]! - points[i * 3 - 1]!;
      lengths.push(lengths[i - 1]! + Math.hypot(dx, dy, dz));
    }
    const total = lengths[count - 1]! || 1;
    const base = this.item.length;
    for (let i = 0; i < count; i++) {
      const a = Math.max(0, i - 1), b = Math.min(count - 1, i + 1);
      const [n1x, n1y] = this.normal(points, a, Math.max(a + 1, i));
      const [n2x, n2y] = this.normal(points, Math.min(i, b - 1), b);
      let mx = n1x + n2x, my = n1y + n2y;
      const ml = Math.hypot(mx, my) || 1;
      mx /= ml;
      my /= ml;
      // Mitre: keep the ribbon's width through bends, within reason.
      const scale = Math.min(2, 1 / Math.max(0.2, mx * n1x + my * n1y));
      for (const side of [-1, 1]) {
        this.position.push(points[i * 3]!, points[i * 3 + 1]!, points[i * 3 + 2]!);
        this.offset.push(mx * scale, my * scale);
        this.side.push(side);
        this.dist.push(lengths[i]!);
        this.along.push(lengths[i]! / total);
        this.item.push(item);
        this.style.push(styleA, styleB);
      }
      if (i > 0) {
        const v = base + i * 2;
        this.index.push(v - 2, v, v - 1, v - 1, v, v + 1);
      }
    }
  }

  build(): BufferGeometry {
    const geometry = new BufferGeometry();
    geometry.setIndex(this.index);
    geometry.setAttribute('position', new Float32BufferAttribute(this.position, 3));
    geometry.setAttribute('offset', new Float32BufferAttribute(this.offset, 2));
    geometry.setAttribute('side', new Float32BufferAttribute(this.side, 1));
    geometry.setAttribute('dist', new Float32BufferAttribute(this.dist, 1));
    geometry.setAttribute('along', new Float32BufferAttribute(this.along, 1));
    geometry.setAttribute('item', new Float32BufferAttribute(this.item, 1));
    geometry.setAttribute('style', new Float32BufferAttribute(this.style, 2));
    return geometry;
  }

  private normal(points: number[], a: number, b: number): [number, number] {
    const dx = points[b * 3]! - points[a * 3]!, dy = points[b * 3 + 1]! - points[a * 3 + 1]!;
    const l = Math.hypot(dx, dy) || 1;
    return [-dy / l, dx / l];
  }
}

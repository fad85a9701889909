// The label buffers draw every label as four plain vertices (no instancing,
// which SwiftShader pays for per instance, shown or hidden), so each value
// the layout writes per label must reach all four corners of its quad, and
// the leader lines must read the same corners.
import { describe, expect, it } from 'vitest';
import { BufferAttribute, Texture, type BufferGeometry, type Mesh } from 'three';
import { LabelBuffers } from '../../../kiosk/scene/label-buffers.js';
import type { LabelAtlas } from '../../../kiosk/scene/label-atlas.js';

/** An atlas that puts the n-th distinct text at uv (n, 0)-(n + 1, 1), 10(n + 1) by 20 pixels. */
const atlas = {
  texture: new Texture(),
  draws: 0,
  draw: (entries: readonly unknown[]) => entries.map((_, n) => ({ uv: [n, 0, n + 1, 1], width: 10 * (n + 1), height: 20 })),
} as unknown as LabelAtlas;

function corners(geometry: BufferGeometry, name: string, label: number): number[][] {
  const a = geometry.getAttribute(name) as BufferAttribute;
  return [0, 1, 2, 3].map((c) => Array.from({ length: a.itemSize }, (_, k) => a.array[(label * 4 + c) * a.itemSize + k]!));
}

describe('the label buffers', () => {
  const anchors = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('draw three labels as three quads of plain vertices', () => {
    const buffers = new LabelBuffers(anchors, [1, 0, 2], atlas);
    try {
      const geometry = buffers.mesh.geometry;
      expect((geometry as { isInstancedBufferGeometry?: boolean }).isInstancedBufferGeometry ?? false).toBe(false);
      expect(geometry.getAttribute('position').count).toBe(12);
      expect(Array.from(geometry.getIndex()!.array)).toEqual([0, 1, 2, 2, 1, 3, 4, 5, 6, 6, 5, 7, 8, 9, 10, 10, 9, 11]);
      expect(corners(geometry, 'position', 2)).toEqual([[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]]);
      expect(corners(geometry, 'anchor', 1)).toEqual([[4, 5, 6], [4, 5, 6], [4, 5, 6], [4, 5, 6]]);
      // One dot per label: the points are not spread.
      expect(buffers.markers.geometry.getAttribute('position').count).toBe(3);
    } finally {
      buffers.dispose();
    }
  });

  it('copy what the layout writes to every corner of that label only, and mark it for upload', () => {
    const buffers = new LabelBuffers(anchors, [1, 1, 1], atlas);
    try {
      const geometry = buffers.mesh.geometry;
      const leader = (buffers.mesh.children[0] as Mesh).geometry;
      const alpha = geometry.getAttribute('alpha') as BufferAttribute;
      const version = alpha.version;
      buffers.alphas[1] = 0.5;
      expect(corners(geometry, 'alpha', 1), 'nothing moves before it is told').toEqual([[0], [0], [0], [0]]);
      buffers.alphasChanged();
      expect(alpha.version).toBeGreaterThan(version);
      expect(corners(geometry, 'alpha', 1)).toEqual([[0.5], [0.5], [0.5], [0.5]]);
      expect(corners(geometry, 'alpha', 0)).toEqual([[0], [0], [0], [0]]);
      expect(corners(geometry, 'alpha', 2)).toEqual([[0], [0], [0], [0]]);

      buffers.offsets.set([-3, 7], 4);
      buffers.offsetsChanged();
      expect(corners(geometry, 'shift', 2)).toEqual([[-3, 7], [-3, 7], [-3, 7], [-3, 7]]);
      buffers.colours[0] = 3;
      buffers.coloursChanged();
      expect(corners(geometry, 'labelStyle', 0)).toEqual([[3], [3], [3], [3]]);

      buffers.leaders[2] = 2;
      buffers.leaderFrom.set([11, -12], 2);
      buffers.leadersChanged();
      expect(corners(leader, 'leader', 2)).toEqual([[2], [2], [2], [2]]);
      expect(corners(leader, 'leaderFrom', 1)).toEqual([[11, -12], [11, -12], [11, -12], [11, -12]]);
      // The leaders read the labels' own corners, so a fade or a move reaches both.
      for (const name of ['position', 'anchor', 'size', 'shift', 'alpha']) expect(leader.getAttribute(name), name).toBe(geometry.getAttribute(name));
      expect(leader.getIndex()).toBe(geometry.getIndex());
    } finally {
      buffers.dispose();
    }
  });

  it("give every corner its text's atlas rectangle and size in the language shown", () => {
    const buffers = new LabelBuffers(anchors, [1, 1, 1], atlas);
    try {
      const text = (t: string) => ({ style: 'place' as const, text: t });
      buffers.setTexts(new Map([['en', [text('Baku'), text('Poti'), text('Kars')]], ['es', [text('Bakú'), text('Poti'), text('Kars')]]]));
      const geometry = buffers.mesh.geometry;
      expect(buffers.useLanguage('es')).toBe(true);
      // Distinct texts: Baku 0, Poti 1, Kars 2, Bakú 3.
      expect(corners(geometry, 'uvRect', 0)).toEqual(Array(4).fill([3, 0, 4, 1]));
      expect(corners(geometry, 'size', 0)).toEqual(Array(4).fill([40, 20]));
      expect(buffers.useLanguage('en')).toBe(true);
      expect(corners(geometry, 'uvRect', 0)).toEqual(Array(4).fill([0, 0, 1, 1]));
      expect(corners(geometry, 'size', 2)).toEqual(Array(4).fill([30, 20]));
      expect(buffers.useLanguage('fr'), 'a language never drawn').toBe(false);
    } finally {
      buffers.dispose();
    }
  });
});

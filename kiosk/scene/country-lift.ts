// The countries that stand out, drawn over the ground's copy while the map
// moves. A move reuses one ground picture for many frames, but a switch's
// highlights ease every frame (a country rises and warms), which would force
// the ground to be drawn again and again. So during a move the ground is drawn
// with the easing countries flat, and every country whose highlight is not
// what the ground shows is drawn here each frame from the same vertices: an
// index of their triangles and outline segments only, rebuilt when the set of
// them changes. Their walls start at the land's top: this pass has none of
// the ground's depth, and below that height a wall hides behind the land
// beside it (or, on a coast, the flat country's own wall shows). dispose()
// frees the two index geometries and the two materials; the vertices belong
// to the country layer.

import { BufferGeometry, DynamicDrawUsage, Group, LineSegments, Mesh, Uint32BufferAttribute, type ShaderMaterial } from 'three';
import { LAND_HEIGHT } from './map-style.js';

/** Where one country's triangles (fill index) and outline vertices (line vertices) lie: [start, end) per country. */
export interface CountryRanges {
  fill: Uint32Array;
  line: Uint32Array;
}

/** Draw order in the top scene: after the ground's copy (-100), before the flows and labels. */
const LIFT_ORDER = -50;

export class CountryLift {
  readonly group = new Group();
  readonly fill: Mesh<BufferGeometry, ShaderMaterial>;
  readonly borders: LineSegments<BufferGeometry, ShaderMaterial>;
  /** Which countries the indices hold (1) or not (0). */
  private readonly members: Uint8Array;
  private readonly fillIndex: Uint32BufferAttribute;
  private readonly lineIndex: Uint32BufferAttribute;
  /** The country layer's full fill index, which the fill ranges point into. */
  private readonly fillSource: ArrayLike<number>;

  constructor(
    fillGeometry: BufferGeometry,
    lineGeometry: BufferGeometry,
    fillMaterial: ShaderMaterial,
    lineMaterial: ShaderMaterial,
    private readonly ranges: CountryRanges,
    values: number[],
  ) {
    this.members = new Uint8Array(ranges.fill.length / 2);
    this.fillSource = fillGeometry.index!.array;
    const fill = CountryLift.sharing(fillGeometry);
    const line = CountryLift.sharing(lineGeometry);
    this.fillIndex = new Uint32BufferAttribute(new Uint32Array(fillGeometry.index!.count), 1).setUsage(DynamicDrawUsage);
    this.lineIndex = new Uint32BufferAttribute(new Uint32Array(lineGeometry.getAttribute('position').count), 1).setUsage(DynamicDrawUsage);
    fill.setIndex(this.fillIndex).setDrawRange(0, 0);
    line.setIndex(this.lineIndex).setDrawRange(0, 0);
    this.fill = new Mesh(fill, CountryLift.lifted(fillMaterial, values));
    this.borders = new LineSegments(line, CountryLift.lifted(lineMaterial, values));
    this.fill.renderOrder = this.borders.renderOrder = LIFT_ORDER;
    this.fill.frustumCulled = this.borders.frustumCulled = false;
    this.group.visible = false;
    this.group.add(this.fill, this.borders);
  }

  /** A geometry over another's vertex attributes (not its index); dispose() leaves them to their owner. */
  private static sharing(source: BufferGeometry): BufferGeometry {
    const geometry = new BufferGeometry();
    for (const [name, attribute] of Object.entries(source.attributes)) geometry.setAttribute(name, attribute);
    return geometry;
  }

  /** The ground's material drawing the highlights as they are, with walls from the land's top. */
  private static lifted(material: ShaderMaterial, values: number[]): ShaderMaterial {
    const copy = material.clone();
    copy.uniforms['highlight'] = { value: values };
    copy.uniforms['floorHeight'] = { value: LAND_HEIGHT };
    return copy;
  }

  /** Shows the lifted countries over a flat ground (a move), or none (the ground draws them). */
  show(on: boolean, fillShown: boolean, bordersShown: boolean): void {
    this.group.visible = on;
    this.fill.visible = fillShown;
    this.borders.visible = bordersShown;
  }

  /** Holds exactly the countries whose highlight is not the one the ground was drawn with; the indices change only when that set does. */
  update(values: readonly number[], drawn: readonly number[]): void {
    let changed = false;
    for (let c = 0; c < this.members.length; c++) {
      const member = values[c] !== drawn[c] ? 1 : 0;
      if (member !== this.members[c]) (this.members[c] = member), (changed = true);
    }
    if (!changed) return;
    this.fill.geometry.setDrawRange(0, this.gather(this.fillIndex, this.ranges.fill, this.fillSource));
    this.borders.geometry.setDrawRange(0, this.gather(this.lineIndex, this.ranges.line, null));
  }

  /** Copies the members' ranges into `index` (from `source`, or their vertex numbers themselves); returns the count. */
  private gather(index: Uint32BufferAttribute, ranges: Uint32Array, source: ArrayLike<number> | null): number {
    const out = index.array as Uint32Array;
    let n = 0;
    for (let c = 0; c < this.members.length; c++) {
      if (!this.members[c]) continue;
      for (let k = ranges[c * 2]!, end = ranges[c * 2 + 1]!; k < end; k++) out[n++] = source ? source[k]! : k;
    }
    index.clearUpdateRanges();
    index.addUpdateRange(0, n);
    index.needsUpdate = true;
    return n;
  }

  dispose(): void {
    // three frees a disposed geometry's attributes on the GPU: let go of the shared ones first.
    for (const geometry of [this.fill.geometry, this.borders.geometry]) {
      for (const name of Object.keys(geometry.attributes)) geometry.deleteAttribute(name);
      geometry.dispose();
    }
    this.fill.material.dispose();
    this.borders.material.dispose();
  }
}
